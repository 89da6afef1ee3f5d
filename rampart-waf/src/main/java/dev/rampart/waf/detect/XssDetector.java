package dev.rampart.waf.detect;

import dev.rampart.waf.detect.html.DangerousMarkup;
import dev.rampart.waf.detect.html.HtmlContext;
import dev.rampart.waf.detect.html.HtmlScanner;
import dev.rampart.waf.detect.html.HtmlTag;
import dev.rampart.waf.detect.html.ScriptUrls;
import java.util.Optional;

/**
 * Rampart's cross-site-scripting detector, behind {@code @detectXSS}. The input is read as an
 * HTML parser would read it from each place a page may echo it — between tags, among a tag's
 * attributes, inside an unquoted, single- or double-quoted attribute value, or as a whole URL
 * attribute — and reported when the markup it creates would run script: an active element
 * ({@code script}, {@code iframe}, {@code object}, {@code base}…), an event handler, a script URL
 * ({@code javascript:}, {@code data:text/html}) after character-reference and white-space
 * obfuscation, CSS {@code expression()} and kin, a {@code srcdoc} document or a form action.
 *
 * <p>Text that creates no tag ("a &lt; b &gt; c", {@code List<String>}) or only harmless ones
 * ({@code <b>}, {@code <a href="https://…">}) is benign. The fingerprint is
 * {@code context:finding}, e.g. {@code data:handler:onerror}, and holds no input text.
 */
public final class XssDetector implements InjectionDetector {

    @Override
    public Optional<String> detect(String input) {
        Optional<String> url = ScriptUrls.runsScript(input);
        if (url.isPresent()) {
            return Optional.of("url:scheme:" + url.get());
        }
        boolean hasTagOpen = hasTagOpen(input);
        boolean hasValueOrTag = hasTagOpen || input.indexOf('=') >= 0;
        for (HtmlContext context : HtmlContext.values()) {
            if (!canCreateMarkup(input, context, hasTagOpen, hasValueOrTag)) {
                continue;
            }
            for (HtmlTag tag : HtmlScanner.startTags(input, context)) {
                Optional<String> finding = DangerousMarkup.assess(tag);
                if (finding.isPresent()) {
                    return Optional.of(context.label() + ":" + finding.get());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Skips contexts where the input cannot create dangerous markup: every finding needs a tag
     * the input opens ({@code <} and a letter) or an attribute value ({@code =}), and a quoted
     * value is only left at its quote.
     */
    private static boolean canCreateMarkup(String input, HtmlContext context, boolean hasTagOpen,
            boolean hasValueOrTag) {
        return switch (context) {
            case DATA -> hasTagOpen;
            case TAG, UNQUOTED_ATTRIBUTE -> hasValueOrTag;
            case SINGLE_QUOTED_ATTRIBUTE -> hasValueOrTag && input.indexOf('\'') >= 0;
            case DOUBLE_QUOTED_ATTRIBUTE -> hasValueOrTag && input.indexOf('"') >= 0;
        };
    }

    private static boolean hasTagOpen(String input) {
        for (int at = input.indexOf('<'); at >= 0 && at + 1 < input.length(); at = input.indexOf('<', at + 1)) {
            char next = input.charAt(at + 1);
            if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')) {
                return true;
            }
        }
        return false;
    }
}

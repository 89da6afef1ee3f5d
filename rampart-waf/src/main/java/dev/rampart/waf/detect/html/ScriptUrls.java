package dev.rampart.waf.detect.html;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises URLs that run script when a browser follows or loads them: {@code javascript:},
 * {@code vbscript:}, {@code livescript:}, and {@code data:} URLs of documents that can hold
 * script. The value is read as the browser reads it (WHATWG URL parsing): character references
 * decoded, leading C0 controls and spaces stripped, tabs and newlines anywhere removed, scheme
 * case-insensitive — so {@code " jav&#x09;ascript&colon;…"} is still {@code javascript:}.
 */
public final class ScriptUrls {

    private static final int SCHEME_WINDOW = 256;

    private static final Set<String> SCRIPT_SCHEMES = Set.of("javascript", "vbscript", "livescript", "mocha");

    private static final String[] SCRIPTABLE_DATA_TYPES = {
        "text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/xml", "text/javascript",
        "application/javascript", "application/x-shockwave-flash"};

    private ScriptUrls() {
    }

    /** The script-running scheme {@code attributeValue} uses, if any. */
    public static Optional<String> scheme(String attributeValue) {
        // A scheme hidden by references and blanks still starts within the first few hundred characters.
        String head = attributeValue.length() > SCHEME_WINDOW ? attributeValue.substring(0, SCHEME_WINDOW) : attributeValue;
        if (head.indexOf(':') < 0 && head.indexOf('&') < 0) {
            // No colon, and no character reference that could spell one: no scheme (most values).
            return Optional.empty();
        }
        String url = normalise(CharacterReferences.decode(head));
        int colon = url.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String scheme = url.substring(0, colon);
        if (SCRIPT_SCHEMES.contains(scheme)) {
            return Optional.of(scheme);
        }
        if (scheme.equals("data")) {
            String rest = url.substring(colon + 1).stripLeading();
            for (String type : SCRIPTABLE_DATA_TYPES) {
                if (rest.startsWith(type)) {
                    return Optional.of("data");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code text}, taken whole as a URL attribute's value, runs script: a script scheme
     * followed by code (a call, a template literal, an assignment), or a scriptable data URL.
     * Prose such as "JavaScript: how do I debounce a function?" names the scheme but is no code.
     */
    public static Optional<String> runsScript(String text) {
        Optional<String> scheme = scheme(text);
        if (scheme.isEmpty() || scheme.get().equals("data")) {
            return scheme;
        }
        String decoded = CharacterReferences.decode(text);
        String body = ScriptCode.withoutLeadingComments(decoded.substring(decoded.indexOf(':') + 1));
        return ScriptCode.startsWithCall(body) ? scheme : Optional.empty();
    }

    private static String normalise(String value) {
        int start = 0;
        while (start < value.length() && (value.charAt(start) <= ' ' || value.charAt(start) == '\u00a0')) {
            start++;
        }
        StringBuilder url = new StringBuilder(Math.min(value.length() - start, 40));
        for (int i = start; i < value.length() && url.length() < 40; i++) {
            char c = value.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r' && c != '\0') {
                url.append(c);
            }
        }
        return url.toString().toLowerCase(Locale.ROOT);
    }
}

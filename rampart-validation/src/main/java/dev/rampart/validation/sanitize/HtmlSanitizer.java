package dev.rampart.validation.sanitize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.owasp.html.HtmlChangeListener;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Cleans untrusted HTML (user comments, rich-text fields) down to an allowlist with the OWASP Java
 * HTML Sanitizer: everything not explicitly allowed — scripts, event handlers, {@code style},
 * {@code javascript:} links, unknown elements — is dropped, and the output is well-formed.
 *
 * <p>Use the presets, or build your own allowlist with OWASP's {@code HtmlPolicyBuilder} and wrap
 * it with {@link #of(PolicyFactory)}. Sanitizing is for HTML a user may legitimately write; for
 * plain text put into a page, encode it with {@link ContextEncoder} instead.
 */
public final class HtmlSanitizer {

    private final PolicyFactory policy;

    private HtmlSanitizer(PolicyFactory policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Inline formatting only: b, i, u, em, strong, s, sub, sup, small, big, br... */
    public static HtmlSanitizer textFormatting() {
        return new HtmlSanitizer(Sanitizers.FORMATTING);
    }

    /**
     * Formatting, blocks (p, div, h1-h6, ul, ol, li, blockquote) and links to http, https and
     * mailto, which get {@code rel="nofollow"}: what a comment or description field needs.
     */
    public static HtmlSanitizer richText() {
        return new HtmlSanitizer(Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS));
    }

    /** A sanitizer with a policy of your own, e.g. {@code new HtmlPolicyBuilder().allowElements("p").toFactory()}. */
    public static HtmlSanitizer of(PolicyFactory policy) {
        return new HtmlSanitizer(policy);
    }

    /** {@code html} reduced to what the policy allows. */
    public String sanitize(String html) {
        return html == null ? "" : policy.sanitize(html);
    }

    /**
     * Sanitizes {@code html} and reports what was removed, e.g. to log or reject submissions that
     * carried markup the policy does not allow.
     */
    public Report sanitizeWithReport(String html) {
        List<String> removed = new ArrayList<>();
        String clean = html == null ? "" : policy.sanitize(html, new HtmlChangeListener<List<String>>() {
            @Override
            public void discardedTag(List<String> context, String elementName) {
                context.add(elementName);
            }

            @Override
            public void discardedAttributes(List<String> context, String tagName, String... attributeNames) {
                for (String attribute : attributeNames) {
                    context.add(tagName + "@" + attribute);
                }
            }
        }, removed);
        return new Report(clean, removed);
    }

    /**
     * The outcome of {@link #sanitizeWithReport}.
     *
     * @param html the sanitized HTML
     * @param removed elements ({@code script}) and attributes ({@code img@onerror}) dropped, in order
     */
    public record Report(String html, List<String> removed) {
        public Report {
            removed = List.copyOf(removed);
        }

        public boolean changed() {
            return !removed.isEmpty();
        }
    }
}

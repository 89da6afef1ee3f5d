package dev.rampart.validation.sanitize;

import org.owasp.encoder.Encode;

/**
 * Encoding of untrusted text for the place it is written to, with the OWASP Java Encoder. The
 * context decides the encoding: text safe in an HTML element is not safe in a script string or a
 * URL, which is why there is no single "escape" function (OWASP XSS Prevention Cheat Sheet, rules 1-5).
 */
public final class ContextEncoder {

    private ContextEncoder() {
    }

    /** For text between tags: {@code <p>HERE</p>}. Not for attributes, scripts, styles or URLs. */
    public static String htmlText(String untrusted) {
        return Encode.forHtmlContent(untrusted);
    }

    /**
     * For a quoted attribute value: {@code <input value="HERE">} or {@code value='HERE'}. Never for
     * unquoted attributes, event handlers ({@code onclick}) or URL attributes ({@code href},
     * {@code src}: check those with {@link UrlPolicy} first, then encode).
     */
    public static String htmlAttribute(String untrusted) {
        return Encode.forHtmlAttribute(untrusted);
    }

    /**
     * For a quoted JavaScript string literal, inside a {@code <script>} block or an event
     * attribute: {@code var name = 'HERE';}. Quotes, backslashes, line terminators and {@code </}
     * are escaped. Not for code outside a string literal.
     */
    public static String javaScriptString(String untrusted) {
        return Encode.forJavaScript(untrusted);
    }

    /**
     * For one component of a URL (a path segment or a query name or value): {@code /search?q=HERE}.
     * Percent-encodes everything but unreserved characters (RFC 3986). Not for a whole URL.
     */
    public static String urlComponent(String untrusted) {
        return Encode.forUriComponent(untrusted);
    }
}

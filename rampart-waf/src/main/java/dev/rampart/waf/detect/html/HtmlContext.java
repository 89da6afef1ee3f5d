package dev.rampart.waf.detect.html;

/**
 * Where in a page an application may have written untrusted text, as the HTML tokenizer state
 * that reads its first character (WHATWG HTML, "Tokenization"): between tags, among a tag's
 * attributes, or inside an attribute value that is double-quoted, single-quoted or unquoted.
 */
public enum HtmlContext {
    DATA("data", '\0'),
    DOUBLE_QUOTED_ATTRIBUTE("double-quoted", '"'),
    SINGLE_QUOTED_ATTRIBUTE("single-quoted", '\''),
    UNQUOTED_ATTRIBUTE("unquoted", '\0'),
    /** Between the attributes of the application's tag ({@code <div INPUT>}). */
    TAG("tag", '\0');

    private final String label;
    private final char quote;

    HtmlContext(String label, char quote) {
        this.label = label;
        this.quote = quote;
    }

    /** How fingerprints name this context. */
    public String label() {
        return label;
    }

    char quote() {
        return quote;
    }
}

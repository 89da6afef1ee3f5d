package dev.rampart.waf.detect.html;

/** An attribute with a value, as the tokenizer read it: lower-case name, raw value. */
public record HtmlAttribute(String name, String value) {

    public boolean hasValue() {
        return !value.isBlank();
    }
}

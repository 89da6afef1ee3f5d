package dev.rampart.waf.detect.html;

/** An attribute as the tokenizer read it: lower-case name, raw value ({@code null} when there is no {@code =}). */
public record HtmlAttribute(String name, String value) {

    public boolean hasValue() {
        return value != null && !value.isBlank();
    }
}

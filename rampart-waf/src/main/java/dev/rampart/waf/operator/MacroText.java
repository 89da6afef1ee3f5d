package dev.rampart.waf.operator;

/**
 * An operator argument as written in the rule: either fixed text, or text with
 * {@code %{collection.key}} macros that must be expanded against the transaction each time the
 * operator runs ({@code @within %{tx.allowed_methods}}).
 */
final class MacroText {

    private final String text;
    private final boolean hasMacros;

    MacroText(String text) {
        this.text = text;
        this.hasMacros = text.contains("%{");
    }

    boolean hasMacros() {
        return hasMacros;
    }

    /** The text as written (macros unexpanded). */
    String text() {
        return text;
    }

    /** The text with its macros expanded for the transaction of {@code context}. */
    String resolve(MatchContext context) {
        return hasMacros ? context.expandMacros(text) : text;
    }
}

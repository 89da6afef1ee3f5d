package dev.rampart.waf.operator;

/**
 * What an operator may ask of the transaction it runs in: macro expansion of its argument
 * ({@code @streq %{tx.allowed_methods}}) and captures for rules with the {@code capture} action
 * ({@code TX:0} is the whole match, {@code TX:1}..{@code TX:9} the groups).
 */
public interface MatchContext {

    /** {@code text} with every {@code %{collection.key}} macro replaced by its current value. */
    String expandMacros(String text);

    /** Whether the rule being evaluated has the {@code capture} action. */
    boolean capturing();

    /** Records capture {@code index} (0..9) for the rule being evaluated. */
    void capture(int index, String value);
}

package dev.rampart.waf.operator;

/**
 * A SecLang operator ({@code @rx}, {@code @pm}, {@code @detectSQLi}, …), built once per rule from
 * its argument when the rules are loaded and then evaluated against each transformed value the
 * rule targets. Negation ({@code !@rx}) is applied by the engine, not here. Implementations are
 * thread-safe: per-transaction state goes through the {@link MatchContext}.
 */
@FunctionalInterface
public interface Operator {

    /** Whether {@code value} matches; on a match the operator may record captures in {@code context}. */
    boolean matches(String value, MatchContext context);

    /**
     * Whether the verdict depends on the value alone (no macro, no transaction state): then a
     * transaction may take a value equal to one the operator did not match as not matching
     * either (a JSON array repeats its fields' values). False unless an operator says so; the
     * cheap ones (byte and encoding checks) do not, as the memo would cost them more than it saves.
     */
    default boolean dependsOnValueOnly() {
        return false;
    }
}

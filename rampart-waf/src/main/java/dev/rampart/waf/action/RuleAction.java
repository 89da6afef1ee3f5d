package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;
import dev.rampart.waf.engine.TransactionState;

/**
 * A SecLang action ({@code id:942100}, {@code setvar:tx.score=+5}, {@code deny}), built once from its
 * argument when the rules are loaded. Metadata, disruptive and flow actions {@link #declare} what
 * they mean on the rule being built; actions that change the transaction {@link #execute} each time
 * the rule matches a value.
 */
public interface RuleAction {

    /** Records this action on the rule being built (its id, phase, message, disruptive action, flags). */
    default void declare(RuleDefinition rule) {}

    /** Whether {@link #execute} has work to do when the rule matches. */
    default boolean runsOnMatch() {
        return false;
    }

    /** Runs the action for one match of the rule ({@code tx.currentRule()}) in {@code tx}. */
    default void execute(TransactionState tx) {}
}

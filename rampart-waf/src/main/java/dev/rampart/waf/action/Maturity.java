package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code maturity}: how well tested the rule is, 1–9.
 * <pre>SecRule ARGS "@rx x" "id:1,phase:2,pass,maturity:9"</pre>
 */
final class Maturity implements RuleAction {

    private final int level;

    Maturity(String argument) {
        this.level = Arguments.integerInRange("maturity", argument, 1, 9);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.maturity(level);
    }
}

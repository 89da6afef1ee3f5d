package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code accuracy}: how free of false positives the rule is, 1–9.
 * <pre>SecRule ARGS "@rx x" "id:1,phase:2,pass,accuracy:8"</pre>
 */
final class Accuracy implements RuleAction {

    private final int level;

    Accuracy(String argument) {
        this.level = Arguments.integerInRange("accuracy", argument, 1, 9);
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.accuracy(level);
    }
}

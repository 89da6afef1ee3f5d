package dev.rampart.waf.action;

import dev.rampart.waf.engine.RuleDefinition;

/**
 * {@code t}: a transformation applied to each target value before the operator, in the order
 * written; {@code t:none} first drops the transformations inherited from {@code SecDefaultAction}.
 * <pre>SecRule ARGS "{@literal @}rx select" "id:1,phase:2,deny,t:none,t:urlDecodeUni,t:lowercase"</pre>
 */
final class T implements RuleAction {

    private final String transformation;

    T(String argument) {
        this.transformation = Arguments.required("t", argument).trim();
    }

    @Override
    public void declare(RuleDefinition rule) {
        rule.transformation(transformation);
    }
}

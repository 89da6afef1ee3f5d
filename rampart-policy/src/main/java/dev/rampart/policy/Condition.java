package dev.rampart.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/** One compiled, type-checked condition of a rule; evaluation is CPU only and never blocks. */
final class Condition {

    private final String expression;
    private final String path;
    private final CelRuntime.Program program;

    Condition(String expression, String path, CelRuntime.Program program) {
        this.expression = expression;
        this.path = path;
        this.program = program;
    }

    /**
     * Evaluates against one request. An evaluation error (a missing attribute, a bad timestamp) is
     * reported as {@link ConditionResult.Outcome#ERROR}; what it means is the rule's business.
     */
    ConditionResult evaluate(String ruleId, ConditionInput input) {
        try {
            Object value = program.eval(input);
            return new ConditionResult(ruleId, path, expression,
                    Boolean.TRUE.equals(value) ? ConditionResult.Outcome.TRUE : ConditionResult.Outcome.FALSE, null);
        } catch (CelEvaluationException e) {
            return new ConditionResult(ruleId, path, expression, ConditionResult.Outcome.ERROR, e.getMessage());
        } catch (RuntimeException e) {
            // CEL's interpreter can throw unchecked exceptions on values of an unexpected Java type;
            // a condition that cannot be decided must not decide.
            return new ConditionResult(ruleId, path, expression, ConditionResult.Outcome.ERROR, e.toString());
        }
    }
}

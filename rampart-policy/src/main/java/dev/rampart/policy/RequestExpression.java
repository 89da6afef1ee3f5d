package dev.rampart.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.rampart.core.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A CEL expression that computes a value from a request, such as the key a rate limit counts by:
 * {@code principal.attributes.org + ':' + request.headers['x-tenant']}. It sees {@code principal}
 * and {@code request} exactly as policy conditions do (same declarations, same values; {@code
 * principal.roles} are the credential's roles, as no policy resolves bindings here) and must yield
 * a string, an int or a bool, which {@link #evaluate} returns as text. Compiled and type-checked
 * once; evaluation is CPU only, bounded like conditions, and thread-safe.
 *
 * <pre>{@code
 * RequestExpression tenant = RequestExpression.compile("request.headers['x-tenant']", "routes[0].rate-limit.limits[0].expression");
 * String key = tenant.evaluate(principal, AccessRequest.from(exchange, List.of(), clock.instant()));
 * }</pre>
 */
public final class RequestExpression {

    private final String expression;
    private final CelRuntime.Program program;

    private RequestExpression(String expression, CelRuntime.Program program) {
        this.expression = expression;
        this.program = program;
    }

    /**
     * Parses and type-checks {@code expression}.
     *
     * @param path its config path, e.g. {@code routes[0].rate-limit.limits[1].expression}
     * @throws PolicyConfigException with each problem under {@code path}, a CEL error starting with
     *     its {@code line:column} inside the expression (e.g. {@code 1:11: undefined field 'atributes'})
     */
    public static RequestExpression compile(String expression, String path) {
        Objects.requireNonNull(expression, "expression");
        List<PolicyProblem> problems = new ArrayList<>(1);
        CelRuntime.Program program = ConditionLanguage.forValues().compileValue(expression, path, problems);
        if (program == null) {
            throw new PolicyConfigException(problems);
        }
        return new RequestExpression(expression, program);
    }

    /**
     * The value for one request: a string as is, an int or a bool in decimal / {@code true}/{@code false}.
     *
     * @param principal the caller; null for an anonymous request (reading {@code principal} then fails)
     * @throws EvaluationException when the expression fails on this request (a missing map key, no
     *     principal) or yields another type; its message is CEL's and names keys, never values
     */
    public String evaluate(Principal principal, AccessRequest request) {
        ConditionInput input = new ConditionInput(principal, () -> List.copyOf(principal.roles()), request);
        Object value;
        try {
            value = program.eval(input);
        } catch (CelEvaluationException e) {
            throw new EvaluationException(e.getMessage());
        } catch (RuntimeException e) {
            // CEL's interpreter can throw unchecked exceptions on values of an unexpected Java type
            throw new EvaluationException(e.toString());
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long || value instanceof Boolean || value instanceof com.google.common.primitives.UnsignedLong) {
            return value.toString();
        }
        throw new EvaluationException("the expression yielded a " + (value == null ? "null" : value.getClass().getSimpleName())
                + ", not a string, int or bool");
    }

    /** The expression's text. */
    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }

    /** An expression that cannot be evaluated on one request. */
    public static final class EvaluationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EvaluationException(String message) {
            super(message, null, false, false);   // expected on bad requests: no stack trace to fill
        }
    }
}

package dev.rampart.gateway.guard;

import dev.rampart.policy.AccessRequest;
import dev.rampart.policy.RequestExpression;
import dev.rampart.ratelimit.KeyExpression;
import dev.rampart.ratelimit.RateLimitRequest;
import java.time.Clock;
import java.util.List;

/**
 * Rate-limit keys written in CEL ({@code key: expression}): compiled by rampart-policy's
 * {@link RequestExpression}, so that they see {@code principal} and {@code request} exactly as policy
 * conditions do (headers by lower-case name, credential headers left out, {@code request.params} from
 * the route's path template). A bad expression is refused at load with its {@code line:column}.
 */
public final class CelKeyExpressions implements KeyExpression.Compiler {

    private final Clock clock;

    public CelKeyExpressions(Clock clock) {
        this.clock = clock;
    }

    @Override
    public KeyExpression compile(String expression, String path) {
        RequestExpression compiled = RequestExpression.compile(expression, path);   // PolicyConfigException: path: line:column: ...
        return request -> compiled.evaluate(request.principal(), accessRequest(request));
    }

    private AccessRequest accessRequest(RateLimitRequest request) {
        if (request.exchange() == null) {
            throw new IllegalArgumentException("the request has no exchange to evaluate the expression on");
        }
        return AccessRequest.from(request.exchange(), List.of(), clock.instant());
    }
}

package dev.rampart.ratelimit;

import static dev.rampart.ratelimit.Requests.anonymous;
import static dev.rampart.ratelimit.Requests.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.config.ConcurrencyLimitConfig;
import dev.rampart.core.config.LimitConfig;
import dev.rampart.core.config.LimitKey;
import dev.rampart.core.config.RateLimitConfig;
import dev.rampart.core.config.RouteRateLimitConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Limits keyed by an expression ({@code key: expression}), with a compiler whose expressions are
 * {@code header:NAME} (the header's value, upper-cased; a request without it fails) or
 * {@code blank} (always empty): the module's side of the seam that the gateway fills with CEL.
 */
class ExpressionKeyTest {

    private final ManualClock clock = new ManualClock("2026-03-01T12:00:00Z");
    private final InMemoryLimiterState state = new InMemoryLimiterState(10_000, clock);
    private final List<String> compiled = new ArrayList<>();

    private final KeyExpression.Compiler compiler = (expression, path) -> {
        compiled.add(expression);
        if (expression.equals("blank")) {
            return request -> "";
        }
        if (!expression.startsWith("header:")) {
            throw new IllegalArgumentException(path + ": 1:1: unknown expression '" + expression + "'");
        }
        String header = expression.substring("header:".length());
        return request -> {
            String value = request.headers().get(header);
            if (value == null) {
                throw new IllegalStateException("no header '" + header + "'");
            }
            return value.toUpperCase(java.util.Locale.ROOT);
        };
    };

    private static LimitConfig byExpression(String name, long limit, String expression) {
        return new LimitConfig(name, limit, Duration.ofHours(1), LimitKey.expression, null, null, expression);
    }

    private RouteLimiter route(KeyExpression.Compiler expressions, LimitConfig... limits) {
        return RateLimiter.create(RateLimitConfig.defaults(), state, null, clock, expressions)
                .forRoute("orders", new RouteRateLimitConfig(false, List.of(limits), null, null), "routes[0].rate-limit");
    }

    @Test
    void givesEachValueItsOwnAllowanceAndRequestsWithTheSameValueShareIt() {
        RouteLimiter limiter = route(compiler, byExpression("per-tenant", 1, "header:X-Tenant"));

        assertThat(limiter.check(withHeader("192.0.2.7", "X-Tenant", "acme")).allowed()).isTrue();
        assertThat(limiter.check(withHeader("192.0.2.9", "X-Tenant", "ACME")).allowed())
                .as("the same value from another address").isFalse();
        RateLimitOutcome globex = limiter.check(withHeader("192.0.2.7", "X-Tenant", "globex"));
        assertThat(globex.allowed()).isTrue();
        assertThat(globex.keyFallbacks()).isEmpty();
    }

    @Test
    void countsByClientAddressAndReportsItWhenTheExpressionFailsOrYieldsNothing() {
        RouteLimiter failing = route(compiler, byExpression("per-tenant", 1, "header:X-Tenant"));

        RateLimitOutcome first = failing.check(anonymous("192.0.2.7"));
        assertThat(first.allowed()).isTrue();
        assertThat(first.keyFallbacks()).containsExactly(new KeyFallback("per-tenant", "no header 'X-Tenant'"));
        assertThat(failing.check(anonymous("192.0.2.7")).allowed()).as("the same address").isFalse();
        assertThat(failing.check(anonymous("192.0.2.8")).allowed()).as("another address").isTrue();

        RouteLimiter blank = route(compiler, byExpression("per-blank", 1, "blank"));
        RateLimitOutcome empty = blank.check(anonymous("192.0.2.7"));
        assertThat(empty.keyFallbacks()).containsExactly(new KeyFallback("per-blank", "empty value"));
        RateLimitOutcome refused = blank.check(anonymous("192.0.2.7"));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.keyFallbacks()).as("reported on refused requests too").hasSize(1);
    }

    @Test
    void limitsWithTheSameExpressionShareOneBucketAndOneCompilation() {
        RouteLimiter limiter = route(compiler, byExpression("burst", 2, "header:X-Tenant"),
                byExpression("hourly", 3, "header:X-Tenant"));

        assertThat(compiled).containsExactly("header:X-Tenant");
        limiter.check(anonymous("192.0.2.7"));
        assertThat(limiter.check(anonymous("192.0.2.8")).keyFallbacks())
                .containsExactly(new KeyFallback("burst, hourly", "no header 'X-Tenant'"));
    }

    @Test
    void keysConcurrencyLimitsByExpressionToo() {
        RouteLimiter limiter = RateLimiter.create(RateLimitConfig.defaults(), state, null, clock, compiler)
                .forRoute("orders", new RouteRateLimitConfig(false, null, null, List.of(
                        new ConcurrencyLimitConfig("in-flight", 1, LimitKey.expression, null, "header:X-Tenant"))),
                        "routes[0].rate-limit");

        RateLimitOutcome acme = limiter.check(withHeader("192.0.2.7", "X-Tenant", "acme"));
        assertThat(limiter.check(withHeader("192.0.2.8", "X-Tenant", "acme")).allowed()).isFalse();
        assertThat(limiter.check(withHeader("192.0.2.7", "X-Tenant", "globex")).allowed()).isTrue();
        acme.permit().release();
        assertThat(limiter.check(withHeader("192.0.2.8", "X-Tenant", "acme")).allowed()).isTrue();
    }

    @Test
    void refusesExpressionKeysThatCannotBeCompiledNamingTheirConfigPath() {
        assertThatThrownBy(() -> route(compiler, byExpression("per-tenant", 1, "tenant()")))
                .hasMessage("routes[0].rate-limit.limits[0].expression: 1:1: unknown expression 'tenant()'");
        assertThatThrownBy(() -> route(compiler, byExpression("per-tenant", 1, null)))
                .hasMessageStartingWith("routes[0].rate-limit.limits[0].expression is missing; a limit with key 'expression'");
        assertThatThrownBy(() -> route(compiler,
                new LimitConfig("per-tenant", 1L, Duration.ofHours(1), LimitKey.header, "X-Tenant", null, "header:X-Tenant")))
                .hasMessageStartingWith("routes[0].rate-limit.limits[0].expression is set, but key is header");
        assertThatThrownBy(() -> route(null, byExpression("per-tenant", 1, "header:X-Tenant")))
                .hasMessageStartingWith("routes[0].rate-limit.limits[0].expression: key expressions need an expression compiler");
    }
}

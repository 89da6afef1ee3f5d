package dev.rampart.ratelimit;

import static dev.rampart.ratelimit.Requests.anonymous;
import static dev.rampart.ratelimit.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.Decision;
import dev.rampart.core.HeaderMap;
import dev.rampart.core.config.ConcurrencyLimitConfig;
import dev.rampart.core.config.LimitConfig;
import dev.rampart.core.config.LimitConfig.Algorithm;
import dev.rampart.core.config.LimitKey;
import dev.rampart.core.config.PlanConfig;
import dev.rampart.core.config.RateLimitConfig;
import dev.rampart.core.config.RouteRateLimitConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteLimiterTest {

    private final ManualClock clock = new ManualClock("2026-03-01T12:00:00Z");
    private final InMemoryLimiterState state = new InMemoryLimiterState(10_000, clock);

    static LimitConfig limit(String name, long limit, Duration window, LimitKey key) {
        return new LimitConfig(name, limit, window, key, null, null, null);
    }

    private RouteLimiter route(LimitConfig... limits) {
        return RateLimiter.create(RateLimitConfig.defaults(), state, null, clock)
                .forRoute("orders", new RouteRateLimitConfig(false, List.of(limits), null, null), "routes[0].rate-limit");
    }

    private static int allowedOf(RouteLimiter limiter, RateLimitRequest request, int attempts) {
        int allowed = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.check(request).allowed()) {
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void allowsABurstUpToTheLimitThenRefusesWithTheWaitForTheNextToken() {
        RouteLimiter limiter = route(limit("per-10s", 5, Duration.ofSeconds(10), LimitKey.client_ip));

        assertThat(allowedOf(limiter, anonymous("192.0.2.7"), 5)).isEqualTo(5);
        RateLimitOutcome refused = limiter.check(anonymous("192.0.2.7"));

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limitedBy()).isEqualTo("per-10s");
        assertThat(refused.retryAfterSeconds()).as("one token every 10s/5").isEqualTo(2);
        assertThat(refused.permit()).isSameAs(Permit.NONE);
    }

    @Test
    void refillsGreedilyAtTheSustainedRateRatherThanAllAtTheWindowsEnd() {
        RouteLimiter limiter = route(limit("per-10s", 5, Duration.ofSeconds(10), LimitKey.client_ip));
        allowedOf(limiter, anonymous("192.0.2.7"), 5);

        clock.advance(Duration.ofSeconds(4));

        assertThat(allowedOf(limiter, anonymous("192.0.2.7"), 5)).as("two tokens back after 4 s").isEqualTo(2);
    }

    @Test
    void aClientAtTheSustainedRateIsNeverRefusedAfterItsBurst() {
        RouteLimiter limiter = route(limit("per-10s", 5, Duration.ofSeconds(10), LimitKey.client_ip));
        allowedOf(limiter, anonymous("192.0.2.7"), 5);

        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(2));
            allowed += limiter.check(anonymous("192.0.2.7")).allowed() ? 1 : 0;
        }

        assertThat(allowed).isEqualTo(30);
    }

    @Test
    void checksSeveralLimitsTogetherAndNamesTheOneThatRefused() {
        RouteLimiter limiter = route(limit("burst", 3, Duration.ofSeconds(1), LimitKey.client_ip),
                limit("hourly", 5, Duration.ofHours(1), LimitKey.client_ip));

        assertThat(allowedOf(limiter, anonymous("192.0.2.7"), 3)).isEqualTo(3);
        assertThat(limiter.check(anonymous("192.0.2.7")).limitedBy()).isEqualTo("burst");
        clock.advance(Duration.ofSeconds(1));
        assertThat(allowedOf(limiter, anonymous("192.0.2.7"), 2)).isEqualTo(2);
        RateLimitOutcome refused = limiter.check(anonymous("192.0.2.7"));

        assertThat(refused.limitedBy()).isEqualTo("hourly");
        assertThat(refused.retryAfterSeconds()).as("one hourly token every 720 s, minus the 1 s elapsed").isEqualTo(719);
    }

    @Test
    void aRequestRefusedByOneLimitIsNotCountedByTheOthers() {
        RouteLimiter limiter = route(limit("per-client", 100, Duration.ofHours(1), LimitKey.client_ip),
                new LimitConfig("per-tenant", 1L, Duration.ofHours(1), LimitKey.header, "X-Tenant", null, null));

        assertThat(limiter.check(Requests.withHeader("192.0.2.7", "X-Tenant", "acme")).allowed()).isTrue();
        assertThat(limiter.check(Requests.withHeader("192.0.2.7", "X-Tenant", "acme")).limitedBy()).isEqualTo("per-tenant");
        RateLimitOutcome other = limiter.check(Requests.withHeader("192.0.2.7", "X-Tenant", "globex"));

        assertThat(other.policies()).filteredOn(p -> p.name().equals("per-client"))
                .singleElement().extracting(PolicyStatus::remaining).as("the refused request was given back").isEqualTo(98L);
    }

    @Test
    void sendsTheRateLimitHeadersOfTheLatestDraft() {
        RouteLimiter limiter = route(limit("burst", 10, Duration.ofSeconds(1), LimitKey.client_ip),
                limit("hourly", 1000, Duration.ofHours(1), LimitKey.client_ip));

        RateLimitOutcome outcome = null;
        for (int i = 0; i < 7; i++) {
            outcome = limiter.check(anonymous("192.0.2.7"));
        }
        HeaderMap headers = new HeaderMap();
        outcome.addHeadersTo(headers);

        assertThat(headers.get("RateLimit-Policy")).isEqualTo("\"burst\";q=10;w=1, \"hourly\";q=1000;w=3600");
        assertThat(headers.get("RateLimit")).as("hourly full again after 7 × 3.6 s").isEqualTo("\"burst\";r=3;t=1, \"hourly\";r=993;t=26");
        assertThat(headers.contains("Retry-After")).isFalse();
    }

    @Test
    void deniesWith429RetryAfterAndTheRateLimitHeaders() {
        RouteLimiter limiter = route(limit("burst", 1, Duration.ofSeconds(30), LimitKey.client_ip));
        limiter.check(anonymous("192.0.2.7"));

        Decision denial = limiter.check(anonymous("192.0.2.7")).denial();

        assertThat(denial.status()).isEqualTo(429);
        assertThat(denial.code()).isEqualTo("rate-limited");
        assertThat(denial.headers()).containsExactly(Map.entry("Retry-After", "30"),
                Map.entry("RateLimit-Policy", "\"burst\";q=1;w=30"), Map.entry("RateLimit", "\"burst\";r=0;t=30"));
    }

    @Test
    void countsIpv6ClientsByTheirSlash64AndIpv4ClientsByAddress() {
        RouteLimiter limiter = route(limit("per-client", 2, Duration.ofHours(1), LimitKey.client_ip));

        assertThat(limiter.check(anonymous("2001:db8:1:2::1")).allowed()).isTrue();
        assertThat(limiter.check(anonymous("2001:db8:1:2:ffff:ffff:ffff:9")).allowed()).isTrue();
        assertThat(limiter.check(anonymous("2001:db8:1:2:abcd::42")).allowed()).as("same /64").isFalse();
        assertThat(limiter.check(anonymous("2001:db8:1:3::1")).allowed()).as("next /64").isTrue();
        assertThat(allowedOf(limiter, anonymous("192.0.2.7"), 2)).isEqualTo(2);
        assertThat(limiter.check(anonymous("192.0.2.8")).allowed()).as("next IPv4 address").isTrue();
    }

    @Test
    void countsAnonymousRequestsOfAPrincipalKeyedLimitByClientAddress() {
        RouteLimiter limiter = route(limit("per-caller", 1, Duration.ofHours(1), LimitKey.principal));

        assertThat(limiter.check(user("alice", null)).allowed()).isTrue();
        assertThat(limiter.check(user("alice", null)).allowed()).isFalse();
        assertThat(limiter.check(user("bob", null)).allowed()).as("another principal, same address").isTrue();
        assertThat(limiter.check(anonymous("192.0.2.1")).allowed()).as("anonymous: by address").isTrue();
        assertThat(limiter.check(anonymous("192.0.2.1")).allowed()).isFalse();
    }

    @Test
    void slidingWindowNeverAllowsMoreThanTheLimitInAnyWindowAndRefusesNothingItCouldAllow() {
        RouteLimiter limiter = route(new LimitConfig("exact", 3L, Duration.ofSeconds(10), LimitKey.client_ip, null,
                Algorithm.sliding_window, null));
        long[] stepsMillis = {0, 4000, 4000, 1999, 1, 3999, 1, 500, 9000, 1, 1, 1, 12_000, 9_999, 1};
        List<Long> accepted = new ArrayList<>();
        long now = 0;

        for (long step : stepsMillis) {
            clock.advance(Duration.ofMillis(step));
            now += step;
            long at = now;
            long inWindow = accepted.stream().filter(t -> at - t < 10_000).count();
            boolean allowed = limiter.check(anonymous("192.0.2.7")).allowed();

            assertThat(allowed).as("request at %d ms with %d accepted in the last 10 s", at, inWindow).isEqualTo(inWindow < 3);
            if (allowed) {
                accepted.add(at);
            }
        }
        assertThat(accepted).hasSizeGreaterThan(5);
    }

    @Test
    void aSlidingWindowSlotTakenByARefusedRequestIsGivenBack() {
        RouteLimiter limiter = route(new LimitConfig("exact", 2L, Duration.ofMinutes(1), LimitKey.client_ip, null,
                Algorithm.sliding_window, null), new LimitConfig("per-tenant", 1L, Duration.ofHours(1), LimitKey.header, "X-Tenant", null, null));
        limiter.check(Requests.withHeader("192.0.2.7", "X-Tenant", "acme"));

        assertThat(limiter.check(Requests.withHeader("192.0.2.7", "X-Tenant", "acme")).limitedBy()).isEqualTo("per-tenant");
        assertThat(limiter.check(Requests.withHeader("192.0.2.7", "X-Tenant", "globex")).allowed())
                .as("the window still has the slot the refused request took").isTrue();
    }

    @Test
    void slidingWindowRetryAfterIsWhenTheOldestRequestLeavesTheWindow() {
        RouteLimiter limiter = route(new LimitConfig("exact", 2L, Duration.ofSeconds(60), LimitKey.client_ip, null,
                Algorithm.sliding_window, null));
        limiter.check(anonymous("192.0.2.7"));
        clock.advance(Duration.ofSeconds(20));
        limiter.check(anonymous("192.0.2.7"));
        clock.advance(Duration.ofSeconds(5));

        RateLimitOutcome refused = limiter.check(anonymous("192.0.2.7"));

        assertThat(refused.retryAfterSeconds()).isEqualTo(35);
        assertThat(refused.rateLimitHeaderValue()).isEqualTo("\"exact\";r=0;t=55");
    }

    @Test
    void releasingAPermitFreesItsInFlightSlotOnceOnly() {
        RouteLimiter limiter = RateLimiter.create(RateLimitConfig.defaults(), state, null, clock).forRoute("orders",
                new RouteRateLimitConfig(false, null, null, List.of(new ConcurrencyLimitConfig("in-flight", 2, LimitKey.client_ip, null, null))),
                "routes[0].rate-limit");
        RateLimitOutcome first = limiter.check(anonymous("192.0.2.7"));
        RateLimitOutcome second = limiter.check(anonymous("192.0.2.7"));

        assertThat(limiter.check(anonymous("192.0.2.7")).limitedBy()).isEqualTo("in-flight");
        first.permit().release();
        first.permit().release();
        assertThat(limiter.check(anonymous("192.0.2.7")).allowed()).as("the slot first held").isTrue();
        assertThat(limiter.check(anonymous("192.0.2.7")).allowed()).as("a second release freed nothing more").isFalse();
        second.permit().release();
        assertThat(limiter.check(anonymous("192.0.2.7")).allowed()).isTrue();
    }

    @Test
    void aRequestRefusedAfterTakingAnInFlightSlotGivesItBack() {
        RateLimitConfig config = new RateLimitConfig(Map.of("default", new PlanConfig(
                List.of(limit("hourly", 1, Duration.ofHours(1), LimitKey.principal)), null, null)), null, null, null, null, null);
        RouteLimiter limiter = RateLimiter.create(config, state, null, clock).forRoute("orders",
                new RouteRateLimitConfig(true, null, null, List.of(new ConcurrencyLimitConfig("in-flight", 1, LimitKey.global, null, null))),
                "routes[0].rate-limit");
        limiter.check(user("alice", null)).permit().release();

        assertThat(limiter.check(user("alice", null)).limitedBy()).isEqualTo("hourly");
        assertThat(limiter.check(user("bob", null)).allowed()).as("alice's refused request left the slot free").isTrue();
    }

    @Test
    void appliesThePlanNamedByThePrincipalsPlanAttributeAndTheDefaultPlanOtherwise() {
        RateLimitConfig config = new RateLimitConfig(Map.of(
                "free", new PlanConfig(List.of(limit("hourly", 2, Duration.ofHours(1), LimitKey.principal)), null, null),
                "gold", new PlanConfig(List.of(limit("hourly", 100, Duration.ofHours(1), LimitKey.principal)), null, null)),
                "free", null, null, null, null);
        RouteLimiter limiter = RateLimiter.create(config, state, null, clock)
                .forRoute("orders", new RouteRateLimitConfig(null, null, null, null), "routes[0].rate-limit");

        assertThat(allowedOf(limiter, user("carol", "gold"), 10)).isEqualTo(10);
        assertThat(allowedOf(limiter, user("dave", null), 10)).as("no plan attribute: default plan").isEqualTo(2);
        assertThat(allowedOf(limiter, user("erin", "platinum"), 10)).as("unknown plan: default plan").isEqualTo(2);
        assertThat(allowedOf(limiter, anonymous("198.51.100.1"), 10)).isEqualTo(2);
        assertThat(limiter.check(user("carol", "gold")).policyHeaderValue()).isEqualTo("\"hourly\";q=100;w=3600");
    }

    @Test
    void planCountersAreSharedByEveryRouteThatAppliesPlans() {
        RateLimitConfig config = new RateLimitConfig(Map.of("default", new PlanConfig(
                List.of(limit("hourly", 3, Duration.ofHours(1), LimitKey.principal)), null, null)), null, null, null, null, null);
        RateLimiter limiter = RateLimiter.create(config, state, null, clock);
        RouteLimiter orders = limiter.forRoute("orders", new RouteRateLimitConfig(null, null, null, null), "routes[0].rate-limit");
        RouteLimiter invoices = limiter.forRoute("invoices", new RouteRateLimitConfig(null, null, null, null), "routes[1].rate-limit");

        assertThat(allowedOf(orders, user("alice", null), 2)).isEqualTo(2);
        assertThat(allowedOf(invoices, user("alice", null), 2)).isEqualTo(1);
    }

    @Test
    void countsHeaderKeyedLimitsPerValueAndByAddressWhenTheHeaderIsMissing() {
        RouteLimiter limiter = route(new LimitConfig("per-tenant", 1L, Duration.ofHours(1), LimitKey.header, "X-Tenant", null, null));

        assertThat(limiter.check(Requests.withHeader("192.0.2.7", "X-Tenant", "acme")).allowed()).isTrue();
        assertThat(limiter.check(Requests.withHeader("192.0.2.9", "X-Tenant", "acme")).allowed()).isFalse();
        assertThat(limiter.check(Requests.withHeader("192.0.2.7", "X-Tenant", "globex")).allowed()).isTrue();
        assertThat(limiter.check(anonymous("192.0.2.7")).allowed()).isTrue();
        assertThat(limiter.check(anonymous("192.0.2.7")).allowed()).isFalse();
    }

    @Test
    void refusesInvalidLimitsNamingTheirConfigPath() {
        assertThatThrownBy(() -> route(limit("fast", 10, Duration.ofMillis(500), LimitKey.client_ip)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("routes[0].rate-limit.limits[0].window is PT0.5S; it must be a whole number of seconds");
        assertThatThrownBy(() -> route(limit("a", 1, Duration.ofSeconds(1), LimitKey.client_ip),
                limit("a", 2, Duration.ofSeconds(2), LimitKey.client_ip)))
                .hasMessage("routes[0].rate-limit.limits[1].name 'a' is used twice; names must be unique within a route or plan");
        assertThatThrownBy(() -> route(new LimitConfig("huge", 1_000_000L, Duration.ofHours(1), null, null, Algorithm.sliding_window, null)))
                .hasMessageContaining("limits[0].limit is 1000000; a sliding-window limit allows at most 100000");
        assertThatThrownBy(() -> route(limit("flood", 2_000_000_000L, Duration.ofSeconds(1), LimitKey.client_ip)))
                .hasMessage("routes[0].rate-limit.limits[0].limit is 2000000000 per 1s; at most one request per nanosecond "
                        + "(1000000000 per second) can be counted");
        assertThatThrownBy(() -> route(new LimitConfig("tenant", 1L, Duration.ofHours(1), LimitKey.header, null, null, null)))
                .hasMessageContaining("limits[0].header is missing");
        assertThatThrownBy(() -> route(limit("with space", 1, Duration.ofHours(1), LimitKey.client_ip)))
                .hasMessageContaining("limits[0].name is 'with space'; use 1 to 64 letters, digits, '-' or '_'");
    }

    @Test
    void refusesADefaultPlanThatNamesNoPlan() {
        RateLimitConfig config = new RateLimitConfig(Map.of("free", new PlanConfig(null, null, null)), "fre", null, null, null, null);

        assertThatThrownBy(() -> RateLimiter.create(config, state, null, clock))
                .hasMessageStartingWith("rate-limits.default-plan 'fre' names no plan; plans are [free]");
    }

    @Test
    void refusesARouteLimitNamedLikeALimitOfAPlanItApplies() {
        RateLimitConfig config = new RateLimitConfig(Map.of("gold", new PlanConfig(
                List.of(limit("hourly", 3, Duration.ofHours(1), LimitKey.principal)), null, null)), "gold", null, null, null, null);
        RateLimiter limiter = RateLimiter.create(config, state, null, clock);

        assertThatThrownBy(() -> limiter.forRoute("orders", new RouteRateLimitConfig(true,
                List.of(limit("hourly", 5, Duration.ofHours(1), LimitKey.client_ip)), null, null), "routes[0].rate-limit"))
                .hasMessageStartingWith("routes[0].rate-limit: the limit 'hourly' has the name of a limit of plan 'gold'");
    }
}

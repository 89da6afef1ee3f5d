package dev.rampart.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.config.ConcurrencyLimitConfig;
import dev.rampart.core.config.LimitKey;
import dev.rampart.core.config.QuotaConfig;
import dev.rampart.core.config.QuotaConfig.Period;
import dev.rampart.core.config.RateLimitConfig;
import dev.rampart.core.config.RouteRateLimitConfig;
import dev.rampart.store.Store;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Quotas against a real store, on SQLite and PostgreSQL. */
abstract class QuotaLedgerBehaviourTest {

    // one hour before midnight UTC at the end of January
    final ManualClock clock = new ManualClock("2026-01-31T23:00:00Z");
    private final List<AutoCloseable> opened = new ArrayList<>();
    Store store;

    abstract Store openStore();

    private QuotaLedger ledger(String timeZone) {
        if (store == null) {
            store = openStore();
            opened.add(store);
        }
        QuotaLedger ledger = QuotaLedger.open(store, new RateLimitConfig(null, null, null, timeZone, null, Duration.ofHours(1)), clock);
        opened.add(0, ledger);
        return ledger;
    }

    private RouteLimiter route(QuotaLedger ledger, QuotaConfig quota) {
        return RateLimiter.create(RateLimitConfig.defaults(), new InMemoryLimiterState(100, clock), ledger, clock)
                .forRoute("reports", new RouteRateLimitConfig(false, null, List.of(quota), null), "routes[0].rate-limit");
    }

    private static QuotaConfig daily(long limit) {
        return new QuotaConfig("daily", limit, Period.day, LimitKey.principal, null, null);
    }

    private static int allowedOf(RouteLimiter limiter, int attempts) {
        int allowed = 0;
        for (int i = 0; i < attempts; i++) {
            allowed += limiter.check(Requests.user("alice", null)).allowed() ? 1 : 0;
        }
        return allowed;
    }

    private long storedUsed() throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(SUM(used), 0) FROM rate_limit_quotas")) {
            r.next();
            return r.getLong(1);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Test
    void refusesOnceTheDailyQuotaIsUsedUpUntilMidnight() {
        RouteLimiter limiter = route(ledger("UTC"), daily(3));

        assertThat(allowedOf(limiter, 5)).isEqualTo(3);
        RateLimitOutcome refused = limiter.check(Requests.user("alice", null));
        assertThat(refused.limitedBy()).isEqualTo("daily");
        assertThat(refused.retryAfterSeconds()).isEqualTo(3600);
        assertThat(refused.rateLimitHeaderValue()).isEqualTo("\"daily\";r=0;t=3600");

        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(allowedOf(limiter, 1)).as("23:59:59").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(allowedOf(limiter, 5)).as("a new day").isEqualTo(3);
    }

    @Test
    void startsDaysAtMidnightInTheConfiguredTimeZone() {
        // 23:00 UTC on 31 January is already 08:00 on 1 February in Tokyo (UTC+9): that day ends 16 hours later
        RouteLimiter limiter = route(ledger("Asia/Tokyo"), daily(1));
        allowedOf(limiter, 1);

        clock.advance(Duration.ofHours(16).minusSeconds(1));
        assertThat(allowedOf(limiter, 1)).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(allowedOf(limiter, 1)).isEqualTo(1);
    }

    @Test
    void resetsAMonthlyQuotaOnTheFirstOfTheMonth() {
        RouteLimiter limiter = route(ledger("UTC"), new QuotaConfig("monthly", 2L, Period.month, LimitKey.principal, null, null));

        assertThat(allowedOf(limiter, 3)).isEqualTo(2);
        clock.advance(Duration.ofMinutes(59));
        assertThat(allowedOf(limiter, 1)).as("still January").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(allowedOf(limiter, 3)).as("February").isEqualTo(2);
        assertThat(limiter.check(Requests.user("alice", null)).rateLimitHeaderValue())
                .as("28 days of February left").isEqualTo("\"monthly\";r=0;t=" + 28 * 86_400);
    }

    @Test
    void aRequestRefusedAfterItsQuotaWasCountedIsGivenBack() throws SQLException {
        QuotaLedger ledger = ledger("UTC");
        RouteLimiter limiter = RateLimiter.create(RateLimitConfig.defaults(), new InMemoryLimiterState(100, clock), ledger, clock)
                .forRoute("reports", new RouteRateLimitConfig(false, null, List.of(daily(10)),
                        List.of(new ConcurrencyLimitConfig("in-flight", 1, LimitKey.global, null, null))), "routes[0].rate-limit");
        RateLimitOutcome first = limiter.check(Requests.user("alice", null));

        assertThat(limiter.check(Requests.user("alice", null)).limitedBy()).isEqualTo("in-flight");
        first.permit().release();
        ledger.flush();

        assertThat(ledger.used("route:reports/daily", "p:alice", Period.day)).isEqualTo(1);
        assertThat(storedUsed()).isEqualTo(1);
    }

    @Test
    void writesCountsInBatchesNotPerRequest() throws SQLException {
        QuotaLedger ledger = ledger("UTC");
        RouteLimiter limiter = route(ledger, daily(100));

        allowedOf(limiter, 7);
        assertThat(storedUsed()).as("nothing written before a flush").isZero();
        ledger.flush();
        assertThat(storedUsed()).isEqualTo(7);
        allowedOf(limiter, 2);
        ledger.flush();
        ledger.flush();
        assertThat(storedUsed()).as("each flush adds what was counted since the last").isEqualTo(9);
    }

    @Test
    void aQuotaSurvivesARestart() {
        QuotaLedger first = ledger("UTC");
        allowedOf(route(first, daily(5)), 3);
        first.close(); // an orderly shutdown writes what is left

        RouteLimiter after = route(ledger("UTC"), daily(5));

        assertThat(allowedOf(after, 5)).isEqualTo(2);
    }

    @Test
    void aCrashForgetsOnlyWhatWasCountedSinceTheLastFlush() {
        QuotaLedger crashed = ledger("UTC");
        RouteLimiter before = route(crashed, daily(10));
        allowedOf(before, 4);
        crashed.flush();
        allowedOf(before, 3); // counted in memory only: lost with the process

        RouteLimiter after = route(ledger("UTC"), daily(10));

        assertThat(allowedOf(after, 10)).isEqualTo(6);
    }

    @Test
    void forgetsCountsOfEndedPeriodsAtStart() throws SQLException {
        QuotaLedger ledger = ledger("UTC");
        allowedOf(route(ledger, daily(10)), 4);
        ledger.flush();
        clock.set(Instant.parse("2026-02-02T00:00:00Z"));

        ledger("UTC");

        assertThat(storedUsed()).isZero();
    }

    @Test
    void refusesAnUnknownTimeZoneSayingWhatIsAllowed() {
        store = openStore();
        opened.add(store);

        assertThatThrownBy(() -> QuotaLedger.open(store, new RateLimitConfig(null, null, null, "Mars/Olympus", null, null), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate-limits.time-zone 'Mars/Olympus' is not a time zone; use an IANA name such as UTC or Europe/Paris");
    }
}

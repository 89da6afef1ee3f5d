package dev.rampart.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.BanList.Ban;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.BanRuleConfig;
import dev.rampart.core.config.BansConfig;
import dev.rampart.core.net.IpAddresses;
import dev.rampart.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BanRulesTest {

    private static final BanRuleConfig FIVE_DENIALS_A_MINUTE =
            new BanRuleConfig("too-many-denials", 5, Duration.ofMinutes(1), null, null);

    @TempDir
    Path configDir;

    private final ManualClock clock = new ManualClock("2026-05-04T10:00:00Z");
    private final RecordingEventBus events = new RecordingEventBus();
    private Store store;
    private EscalatingBanList bans;

    @BeforeEach
    void open() {
        store = TestStores.sqlite(configDir);
        bans = EscalatingBanList.open(store, BansConfig.defaults(), events, clock);
    }

    @AfterEach
    void close() {
        bans.close();
        store.close();
    }

    private void watch(List<String> ignore, BanRuleConfig... rules) {
        events.subscribe(new BanRules(new BansConfig(null, null, null, ignore, List.of(rules), null), bans, 1000, clock));
    }

    private void denial(String clientIp, String code) {
        events.publish(new SecurityEvent(clock.instant(), "request.denied", SecurityEvent.Severity.LOW, "proxy", code,
                "req", "orders", clientIp, null, Map.of()));
    }

    private boolean banned(String address) {
        return bans.isBanned(IpAddresses.parse(address));
    }

    @Test
    void bansAClientOnItsNthDenialWithinTheWindow() {
        watch(null, FIVE_DENIALS_A_MINUTE);
        for (int i = 0; i < 4; i++) {
            denial("198.51.100.7", "invalid-api-key");
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(banned("198.51.100.7")).isFalse();

        denial("198.51.100.7", "rate-limited");

        assertThat(bans.list()).singleElement().satisfies(ban -> {
            assertThat(ban.block()).isEqualTo("198.51.100.7");
            assertThat(ban.reason()).isEqualTo("too-many-denials");
            assertThat(ban.source()).isEqualTo("rule:too-many-denials");
        });
        assertThat(banned("198.51.100.8")).isFalse();
    }

    @Test
    void denialsSpreadWiderThanTheWindowDoNotBan() {
        watch(null, FIVE_DENIALS_A_MINUTE);

        for (int i = 0; i < 20; i++) {
            denial("198.51.100.7", "invalid-api-key");
            clock.advance(Duration.ofSeconds(15));
        }

        assertThat(banned("198.51.100.7")).isFalse();
    }

    @Test
    void aRepeatOffenderIsBannedTwiceAsLong() {
        watch(null, FIVE_DENIALS_A_MINUTE);
        for (int i = 0; i < 5; i++) {
            denial("198.51.100.7", "invalid-api-key");
        }
        clock.advance(Duration.ofMinutes(10)); // the first ban (10 minutes) has ended

        for (int i = 0; i < 5; i++) {
            denial("198.51.100.7", "invalid-api-key");
        }

        Ban second = bans.list().get(0);
        assertThat(second.offence()).isEqualTo(2);
        assertThat(Duration.between(second.since(), second.until())).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void countsOnlyTheEventsAndCodesOfTheRule() {
        watch(null, new BanRuleConfig("key-guessing", 2, Duration.ofMinutes(1), List.of("authentication.failed"),
                List.of("invalid-api-key")));
        denial("198.51.100.7", "invalid-api-key"); // a request.denied: another event type
        denial("198.51.100.7", "invalid-api-key");
        events.publish(new SecurityEvent(clock.instant(), "authentication.failed", SecurityEvent.Severity.LOW, "auth",
                "expired-token", "req", "orders", "198.51.100.7", null, Map.of()));
        assertThat(banned("198.51.100.7")).isFalse();

        for (int i = 0; i < 2; i++) {
            events.publish(new SecurityEvent(clock.instant(), "authentication.failed", SecurityEvent.Severity.LOW, "auth",
                    "invalid-api-key", "req", "orders", "198.51.100.7", null, Map.of()));
        }

        assertThat(banned("198.51.100.7")).isTrue();
    }

    @Test
    void countsAnIpv6ClientAcrossItsSlash64AndBansTheWholeSlash64() {
        watch(null, FIVE_DENIALS_A_MINUTE);

        for (int i = 1; i <= 5; i++) {
            denial("2001:db8:0:42::" + i, "rate-limited");
        }

        assertThat(bans.list()).extracting(Ban::block).containsExactly("2001:db8:0:42::/64");
        assertThat(banned("2001:db8:0:42:ffff::1")).isTrue();
    }

    @Test
    void neverBansAnIgnoredAddress() {
        watch(List.of("198.51.100.0/24"), FIVE_DENIALS_A_MINUTE);

        for (int i = 0; i < 10; i++) {
            denial("198.51.100.7", "rate-limited");
        }

        assertThat(bans.list()).isEmpty();
    }

    @Test
    void refusesARuleWithoutACountSayingWhere() {
        assertThatThrownBy(() -> watch(null, new BanRuleConfig("r", 0, Duration.ofMinutes(1), null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bans.rules[0].count is 0; it must be at least 1");
    }
}

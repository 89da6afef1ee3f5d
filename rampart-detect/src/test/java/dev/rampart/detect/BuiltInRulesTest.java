package dev.rampart.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.DetectionConfig;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each built-in rule fires on exactly its threshold-th event, not one before, with the clock standing still. */
class BuiltInRulesTest extends DetectorTestBase {

    @BeforeEach
    void startWithDefaults() {
        start(DetectionConfig.defaults());
    }

    static Stream<Arguments> thresholdRules() {
        Events e = new Events(new TestClock());
        IntFunction<SecurityEvent> bruteForceIp = i -> e.failedLogin("203.0.113.7", "alice");
        IntFunction<SecurityEvent> bruteForceAccount = i -> e.failedLogin("198.51.100." + i, "alice");
        IntFunction<SecurityEvent> stuffing = i -> e.failedLogin("203.0.113.9", "user" + i);
        IntFunction<SecurityEvent> waf = i -> e.of(DetectionEvents.WAF_BLOCKED, "942100", "203.0.113.7", null, Map.of());
        IntFunction<SecurityEvent> wafDenial = i -> new SecurityEvent(e.failedLogin("x", "y").time(),
                DetectionEvents.REQUEST_DENIED, SecurityEvent.Severity.LOW, "waf", "waf-blocked", null, null,
                "203.0.113.7", null, Map.of());
        IntFunction<SecurityEvent> rateLimited = i -> e.of(DetectionEvents.RATE_LIMIT_EXCEEDED, "rate-limited",
                "203.0.113.7", null, Map.of());
        IntFunction<SecurityEvent> notFound = i -> i % 2 == 0
                ? e.of(DetectionEvents.REQUEST_DENIED, DetectionEvents.ROUTE_NOT_FOUND, "203.0.113.7", null,
                        Map.of("status", "404"))
                : e.of(DetectionEvents.UPSTREAM_NOT_FOUND, null, "203.0.113.7", null, Map.of());
        return Stream.of(
                Arguments.of(BuiltInRules.BRUTE_FORCE_IP, 5, bruteForceIp),
                Arguments.of(BuiltInRules.BRUTE_FORCE_ACCOUNT, 5, bruteForceAccount),
                Arguments.of(BuiltInRules.CREDENTIAL_STUFFING, 10, stuffing),
                Arguments.of(BuiltInRules.WAF_REPEATED_BLOCKS, 10, waf),
                Arguments.of(BuiltInRules.WAF_REPEATED_BLOCKS, 10, wafDenial),
                Arguments.of(BuiltInRules.RATE_LIMIT_ABUSE, 100, rateLimited),
                Arguments.of(BuiltInRules.SCANNING, 30, notFound));
    }

    @ParameterizedTest(name = "{0} fires on event {1}")
    @MethodSource("thresholdRules")
    void thresholdRuleFiresExactlyAtItsThreshold(String rule, int threshold, IntFunction<SecurityEvent> event) {
        for (int i = 1; i < threshold; i++) {
            assertThat(fired(at(event.apply(i)))).as("event %d", i).doesNotContain(rule);
        }

        assertThat(fired(at(event.apply(threshold)))).containsOnlyOnce(rule);
    }

    @Test
    void credentialStuffingCountsAccountsNotTries() {
        for (int i = 0; i < 30; i++) {
            assertThat(fired(events.failedLogin("203.0.113.9", "user" + (i % 9))))
                    .doesNotContain(BuiltInRules.CREDENTIAL_STUFFING);
        }
    }

    @Test
    void loginAfterFiveFailuresFromOneAddressFiresAndAfterFourDoesNot() {
        for (int i = 0; i < 4; i++) {
            detector.handle(events.failedLogin("203.0.113.7", "alice"));
        }
        assertThat(fired(events.succeededLogin("203.0.113.7", "alice"))).doesNotContain(BuiltInRules.LOGIN_AFTER_FAILURES);

        for (int i = 0; i < 5; i++) {
            detector.handle(events.failedLogin("203.0.113.8", "bob"));
        }
        assertThat(fired(events.succeededLogin("203.0.113.8", "bob"))).containsOnlyOnce(BuiltInRules.LOGIN_AFTER_FAILURES);
    }

    @Test
    void useOfARevokedKeyFiresOnTheFirstEventAndABadSecretDoesNot() {
        assertThat(fired(events.of(DetectionEvents.AUTHENTICATION_FAILED, "bad-secret", "203.0.113.7", null,
                Map.of("key_id", "k1")))).doesNotContain(BuiltInRules.REVOKED_KEY_USE);

        assertThat(fired(events.of(DetectionEvents.AUTHENTICATION_FAILED, DetectionEvents.REVOKED, "203.0.113.7", null,
                Map.of("key_id", "k1")))).containsOnlyOnce(BuiltInRules.REVOKED_KEY_USE);
    }

    @Test
    void replayedSignatureFiresTokenReplayAndABadSignatureDoesNot() {
        assertThat(fired(events.of(DetectionEvents.SIGNATURE_REJECTED, "bad-signature", "203.0.113.7", null,
                Map.of()))).doesNotContain(BuiltInRules.TOKEN_REPLAY);

        assertThat(fired(events.of(DetectionEvents.SIGNATURE_REJECTED, DetectionEvents.REPLAYED, "203.0.113.7", null,
                Map.of("scheme", "stripe")))).containsOnlyOnce(BuiltInRules.TOKEN_REPLAY);
    }

    @Test
    void adminLoginFromANewAddressFiresOnceTheFirstAddressIsKnown() {
        assertThat(fired(events.adminLogin("192.0.2.10", "root"))).as("first address is learnt")
                .doesNotContain(BuiltInRules.ADMIN_LOGIN_NEW_IP);
        assertThat(fired(events.adminLogin("192.0.2.10", "root"))).doesNotContain(BuiltInRules.ADMIN_LOGIN_NEW_IP);

        assertThat(fired(events.adminLogin("198.51.100.66", "root"))).containsOnlyOnce(BuiltInRules.ADMIN_LOGIN_NEW_IP);
        assertThat(fired(events.adminLogin("198.51.100.66", "root"))).doesNotContain(BuiltInRules.ADMIN_LOGIN_NEW_IP);
    }

    @Test
    void adminAddressesAreRememberedAcrossARestart() {
        detector.handle(events.adminLogin("192.0.2.10", "root"));
        detector.close();
        store.close();

        start(DetectionConfig.defaults());

        assertThat(fired(events.adminLogin("192.0.2.10", "root"))).doesNotContain(BuiltInRules.ADMIN_LOGIN_NEW_IP);
        assertThat(fired(events.adminLogin("192.0.2.11", "root"))).contains(BuiltInRules.ADMIN_LOGIN_NEW_IP);
    }

    @Test
    void failuresSpreadSlowerThanTheLeakNeverFireBruteForce() {
        for (int i = 0; i < 20; i++) {
            assertThat(fired(events.failedLogin("203.0.113.7", "alice"))).doesNotContain(BuiltInRules.BRUTE_FORCE_IP);
            clock.advance(Duration.ofMinutes(1));
        }
    }

    /** The event as built by the static factory, stamped with this test's clock. */
    private SecurityEvent at(SecurityEvent e) {
        return new SecurityEvent(clock.instant(), e.type(), e.severity(), e.source(), e.code(), e.requestId(),
                e.routeId(), e.clientIp(), e.principalId(), e.details());
    }
}

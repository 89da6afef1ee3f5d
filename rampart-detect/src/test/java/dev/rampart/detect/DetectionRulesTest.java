package dev.rampart.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.config.DetectionConfig;
import dev.rampart.core.config.DetectionRuleConfig;
import dev.rampart.core.config.DetectionRuleConfig.Kind;
import dev.rampart.core.config.EventFilterConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules as the config writes them: leaky buckets, sequences, patterns, overrides of built-ins, errors. */
class DetectionRulesTest extends DetectorTestBase {

    private static DetectionConfig rules(DetectionRuleConfig... rules) {
        return new DetectionConfig(null, List.of(rules), null, null, null, null, null);
    }

    private static DetectionRuleConfig rule(String name, Kind kind) {
        return new DetectionRuleConfig(name, null, kind, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static DetectionRuleConfig threshold(String name, int count, Duration window, Duration leakEvery) {
        return new DetectionRuleConfig(name, null, Kind.threshold,
                List.of(new EventFilterConfig(List.of("request.denied"), null, null, Map.of("status", List.of("403")))),
                null, "client_ip", count, window, leakEvery, null, null, null, null, "SEV-4", null, null);
    }

    private dev.rampart.core.SecurityEvent forbidden(String ip) {
        return events.of("request.denied", "forbidden", ip, null, Map.of("status", "403"));
    }

    @Test
    void leakyBucketLeaksOneUnitPerLeakIntervalSoTheThresholdMovesAway() {
        start(rules(threshold("denials", 4, Duration.ofMinutes(4), null)));
        for (int i = 0; i < 3; i++) {
            assertThat(fired(forbidden("203.0.113.7"))).doesNotContain("denials");
        }

        clock.advance(Duration.ofMinutes(1));
        assertThat(fired(forbidden("203.0.113.7"))).as("one unit leaked: level back to 3").doesNotContain("denials");

        assertThat(fired(forbidden("203.0.113.7"))).containsExactly("denials");
    }

    @Test
    void bucketStartsEmptyAfterItFiresAndGroupsAreSeparate() {
        start(rules(threshold("denials", 2, Duration.ofMinutes(1), Duration.ofHours(1))));

        assertThat(fired(forbidden("203.0.113.7"))).isEmpty();
        assertThat(fired(forbidden("203.0.113.8"))).as("another address has its own bucket").isEmpty();
        assertThat(fired(forbidden("203.0.113.7"))).containsExactly("denials");
        assertThat(fired(forbidden("203.0.113.7"))).as("emptied by firing").isEmpty();
        assertThat(fired(events.of("request.denied", "forbidden", "203.0.113.7", null, Map.of("status", "401"))))
                .as("detail filter").isEmpty();
    }

    @Test
    void sequenceRuleCountsOnlyEventsWithinItsWindowBeforeTheClosingEvent() {
        DetectionRuleConfig sequence = new DetectionRuleConfig("token-after-denials", null, Kind.sequence,
                List.of(EventFilterConfig.ofTypes("request.denied")), List.of(EventFilterConfig.ofTypes("oauth2.token.issued")),
                "client_ip", 3, Duration.ofMinutes(5), null, null, null, null, null, "SEV-2", null, null);
        start(rules(sequence));
        detector.handle(forbidden("203.0.113.7"));
        clock.advance(Duration.ofMinutes(4));
        detector.handle(forbidden("203.0.113.7"));
        detector.handle(forbidden("203.0.113.7"));
        clock.advance(Duration.ofMinutes(2));

        assertThat(fired(events.of("oauth2.token.issued", null, "203.0.113.7", null, Map.of())))
                .as("the first denial is 6 minutes old").isEmpty();

        detector.handle(forbidden("203.0.113.7"));
        detector.handle(forbidden("203.0.113.7"));
        detector.handle(forbidden("203.0.113.7"));
        List<Detection> detections = detector.handle(events.of("oauth2.token.issued", null, "203.0.113.7", null, Map.of()));
        assertThat(detections).singleElement().satisfies(d -> {
            assertThat(d.events()).hasSize(4);
            assertThat(d.severity()).isEqualTo(IncidentSeverity.SEV_2);
        });
    }

    @Test
    void patternRuleMatchesARegularExpressionOrAValueSet() {
        DetectionRuleConfig regex = new DetectionRuleConfig("traversal", null, Kind.pattern,
                List.of(EventFilterConfig.ofTypes("request.denied")), null, null, null, null, null, null, "details.path",
                ".*\\.\\./.*", null, null, null, null);
        DetectionRuleConfig values = new DetectionRuleConfig("admin-paths", null, Kind.pattern,
                List.of(EventFilterConfig.ofTypes("request.denied")), null, null, null, null, null, null, "details.path",
                null, List.of("/wp-admin", "/.env"), null, null, null);
        start(rules(regex, values));

        assertThat(fired(events.of("request.denied", "x", "203.0.113.7", null, Map.of("path", "/a/../etc/passwd"))))
                .containsExactly("traversal");
        assertThat(fired(events.of("request.denied", "x", "203.0.113.7", null, Map.of("path", "/.env"))))
                .containsExactly("admin-paths");
        assertThat(fired(events.of("request.denied", "x", "203.0.113.7", null, Map.of("path", "/orders")))).isEmpty();
    }

    @Test
    void overrideChangesOnlyTheKeysItSetsAndEnabledFalseSwitchesABuiltInOff() {
        DetectionRuleConfig lower = new DetectionRuleConfig(BuiltInRules.BRUTE_FORCE_IP, null, null, null, null, null, 3,
                null, null, null, null, null, null, "SEV-1", null, null);
        DetectionRuleConfig off = new DetectionRuleConfig(BuiltInRules.BRUTE_FORCE_ACCOUNT, false, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        start(rules(lower, off));

        assertThat(detector.ruleNames()).contains(BuiltInRules.BRUTE_FORCE_IP).doesNotContain(BuiltInRules.BRUTE_FORCE_ACCOUNT);
        detector.handle(events.failedLogin("203.0.113.7", "alice"));
        detector.handle(events.failedLogin("203.0.113.7", "alice"));
        List<Detection> third = detector.handle(events.failedLogin("203.0.113.7", "alice"));

        assertThat(third).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo(BuiltInRules.BRUTE_FORCE_IP);
            assertThat(d.severity()).isEqualTo(IncidentSeverity.SEV_1);
            assertThat(d.groupField()).isEqualTo("client_ip");
        });
    }

    @Test
    void incompleteOrWrongRulesAreRefusedNamingTheRuleAndKey() {
        assertThatThrownBy(() -> start(rules(rule("mine", null))))
                .hasMessage("detection.rules[mine].kind is missing; use threshold, sequence, pattern or new_value");
        assertThatThrownBy(() -> start(rules(threshold("mine", 0, Duration.ofMinutes(1), null))))
                .hasMessage("detection.rules[mine].count is 0; it must be 1 or more");
        assertThatThrownBy(() -> start(rules(new DetectionRuleConfig("mine", null, Kind.threshold,
                List.of(EventFilterConfig.ofTypes("x")), null, "ip", 1, Duration.ofMinutes(1), null, null, null, null,
                null, null, null, null))))
                .hasMessageStartingWith("detection.rules[mine].group-by: 'ip' is not an event field; use client_ip");
        assertThatThrownBy(() -> start(rules(new DetectionRuleConfig("mine", null, Kind.pattern,
                List.of(EventFilterConfig.ofTypes("x")), null, null, null, null, null, null, "code", "(", null, null,
                null, null))))
                .hasMessageStartingWith("detection.rules[mine].regex is not a valid regular expression");
        assertThatThrownBy(() -> start(rules(new DetectionRuleConfig("mine", null, Kind.pattern,
                List.of(EventFilterConfig.ofTypes("x")), null, null, null, null, null, null, null, null, null, "SEV-5",
                null, null))))
                .hasMessage("detection.rules[mine].severity: 'SEV-5' is not a severity; use SEV-1, SEV-2, SEV-3 or SEV-4");
    }
}

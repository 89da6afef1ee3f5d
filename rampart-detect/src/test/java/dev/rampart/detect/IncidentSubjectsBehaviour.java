package dev.rampart.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.config.DetectionConfig;
import dev.rampart.detect.Incident.Entry;
import dev.rampart.detect.Incident.State;
import dev.rampart.detect.Incident.TimelineEntry;
import dev.rampart.detect.internal.SubjectMentions;
import dev.rampart.store.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Incident queries and data-subject export and redaction, on each store engine. */
abstract class IncidentSubjectsBehaviour {

    abstract Store openStore();

    private static final DetectionConfig CONFIG = new DetectionConfig(null, null, Map.of(), null, null, null, null);
    private static final String ALICE_IP = "203.0.113.7";
    private static final String BOB_IP = "198.51.100.9";

    final TestClock clock = new TestClock();
    final Events events = new Events(clock);
    final Recorders recorders = new Recorders();
    Store store;
    Detector detector;
    Incidents incidents;

    @BeforeEach
    void start() throws SQLException {
        store = openStore();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM incident_timeline");
            s.executeUpdate("DELETE FROM incidents");
            s.executeUpdate("DELETE FROM detection_seen_values");
        }
        detector = Detector.start(CONFIG, recorders, recorders, recorders, recorders, store, clock, new SimpleMeterRegistry());
        incidents = detector.incidents();
    }

    @AfterEach
    void stop() {
        detector.close();
        store.close();
    }

    /**
     * alice fails five logins from one address (brute-force-account on alice, brute-force-ip on the
     * address, both naming her in their events); an hour later bob's address fails five logins of
     * other accounts; then alice logs in to the admin API from two addresses (admin-login-new-ip).
     */
    private void scenario() {
        for (int i = 0; i < 5; i++) {
            detector.handle(events.failedLogin(ALICE_IP, "alice"));
        }
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            detector.handle(events.failedLogin(BOB_IP, "bob.smith" + i));
        }
        clock.advance(Duration.ofHours(1));
        detector.handle(events.adminLogin("192.0.2.1", "alice"));
        detector.handle(events.adminLogin("192.0.2.2", "alice"));
    }

    private Incident byRule(String rule) {
        return incidents.list(IncidentQuery.latest(50).withRule(rule)).stream().findFirst()
                .flatMap(i -> incidents.show(i.id())).orElseThrow();
    }

    @Test
    void listFiltersBySeverityKindRuleTimeSubjectAndClientAddress() {
        scenario();
        Instant start = Instant.parse("2026-03-02T10:00:00Z");
        // newest first; alice's two incidents opened at the same instant (then by id)
        assertThat(incidents.list(IncidentQuery.latest(50))).extracting(Incident::openedAt).containsExactly(
                start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(1)), start, start);
        assertThat(incidents.list(IncidentQuery.latest(50).withSeverity(IncidentSeverity.SEV_2)))
                .extracting(Incident::rule).containsExactly(BuiltInRules.ADMIN_LOGIN_NEW_IP);
        assertThat(incidents.list(IncidentQuery.latest(50).withKind(BuiltInRules.BRUTE_FORCE_IP))).hasSize(2);
        assertThat(incidents.list(IncidentQuery.latest(50).withRule(BuiltInRules.BRUTE_FORCE_ACCOUNT))).hasSize(1);
        assertThat(incidents.list(IncidentQuery.latest(50).withOpenedAfter(start.plus(Duration.ofMinutes(30)))
                .withOpenedBefore(start.plus(Duration.ofMinutes(90))))).extracting(Incident::openedAt)
                .containsExactly(start.plus(Duration.ofHours(1)));
        assertThat(incidents.list(IncidentQuery.latest(50).withOpenedBefore(start))).isEmpty();
        assertThat(incidents.list(IncidentQuery.latest(50).withClientIp(BOB_IP))).singleElement()
                .extracting(Incident::rule).isEqualTo(BuiltInRules.BRUTE_FORCE_IP);
        assertThat(incidents.list(IncidentQuery.latest(50).withClientIp("198.51.100.90"))).isEmpty();
        assertThat(incidents.list(IncidentQuery.latest(50).withSubject("alice"))).extracting(Incident::rule)
                .containsExactlyInAnyOrder(BuiltInRules.ADMIN_LOGIN_NEW_IP, BuiltInRules.BRUTE_FORCE_ACCOUNT, BuiltInRules.BRUTE_FORCE_IP);
        // "bob" appears only inside "bob.smith0": not a whole token; case counts
        assertThat(incidents.list(IncidentQuery.latest(50).withSubject("bob"))).isEmpty();
        assertThat(incidents.list(IncidentQuery.latest(50).withSubject("Alice"))).isEmpty();
        assertThat(incidents.list(IncidentQuery.latest(2).withSubject("alice"))).hasSize(2);
        assertThat(incidents.list(IncidentQuery.latest(50).withSubject("alice").withState(State.resolved))).isEmpty();
        assertThat(incidents.list(State.open, 1)).hasSize(1);
        assertThatThrownBy(() -> IncidentQuery.latest(5).withOpenedAfter(start).withOpenedBefore(start))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be before");
    }

    @Test
    void namingFindsEveryIncidentOfTheSubjectWithTimelineAndItsLearntValues() {
        scenario();
        Incident bobs = incidents.list(IncidentQuery.latest(50).withClientIp(BOB_IP)).get(0);
        incidents.note(bobs.id(), "carol", "called alice, she does not know bob.smith0");

        List<Incident> named = incidents.naming(Set.of("alice"));
        assertThat(named).extracting(Incident::rule).containsExactlyInAnyOrder(BuiltInRules.ADMIN_LOGIN_NEW_IP,
                BuiltInRules.BRUTE_FORCE_ACCOUNT, BuiltInRules.BRUTE_FORCE_IP, BuiltInRules.BRUTE_FORCE_IP);
        assertThat(named).allSatisfy(i -> assertThat(i.timeline()).isNotEmpty());
        assertThat(incidents.naming(Set.of("192.0.2.2"))).extracting(Incident::rule).containsExactly(BuiltInRules.ADMIN_LOGIN_NEW_IP);
        assertThat(incidents.naming(Set.of())).isEmpty();
        assertThat(incidents.learntValues(Set.of("alice"))).extracting(Incidents.LearntValue::value)
                .containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2");
        assertThat(incidents.learntValues(Set.of("192.0.2.1"))).extracting(Incidents.LearntValue::group).containsExactly("alice");
    }

    @Test
    void redactingASubjectRewritesEveryMentionInPlaceCountsItAndLeavesOthersAlone() {
        scenario();
        Incident account = byRule(BuiltInRules.BRUTE_FORCE_ACCOUNT);
        incidents.acknowledge(account.id(), "alice");
        incidents.note(account.id(), "carol", "alice says it was her, alice@example.com confirmed");
        Incident bobs = incidents.list(IncidentQuery.latest(50).withClientIp(BOB_IP)).get(0);
        incidents.note(bobs.id(), "carol", "admin.auth events look normal");
        Incident bobsBefore = incidents.show(bobs.id()).orElseThrow();

        SubjectRedaction r = incidents.redactSubject(Set.of("alice", "alice@example.com"));

        assertThat(r.incidents()).isEqualTo(3);
        assertThat(r.evidenceSnapshots()).isEqualTo(3);
        assertThat(r.timelineEvents()).isEqualTo(5 + 5 + 1); // account and address incidents, the admin login
        assertThat(r.notes()).isEqualTo(1);
        assertThat(r.otherFields()).isPositive(); // titles, acknowledged_by and its state line's author, join keys
        assertThat(r.learntValuesDeleted()).isEqualTo(2);

        Incident shown = incidents.show(account.id()).orElseThrow();
        assertThat(shown.acknowledgedBy()).isEqualTo(SubjectMentions.REDACTED);
        assertThat(shown.title()).doesNotContain("alice").contains(SubjectMentions.REDACTED);
        assertThat(shown.evidence()).doesNotContain("alice").contains("\"group\":\"[erased subject]\"")
                .contains("\"type\":\"authentication.failed\"");
        assertThat(shown.timeline()).last().extracting(TimelineEntry::body)
                .isEqualTo("[erased subject] says it was her, [erased subject] confirmed");
        assertThat(shown.timeline()).filteredOn(t -> t.entry() == Entry.event)
                .allSatisfy(t -> assertThat(t.body()).contains("\"account\":\"[erased subject]\"").startsWith("{"));
        assertThat(incidents.naming(Set.of("alice"))).isEmpty();
        assertThat(incidents.list(IncidentQuery.latest(50).withSubject("alice"))).isEmpty();
        assertThat(incidents.learntValues(Set.of("alice"))).isEmpty();
        assertThat(incidents.show(bobs.id()).orElseThrow()).isEqualTo(bobsBefore);
        assertThat(incidents.list(IncidentQuery.latest(50))).hasSize(4); // incidents are kept

        // nothing left to change; a repeat firing for the old group opens a new incident, not the redacted one
        assertThat(incidents.redactSubject(Set.of("alice", "alice@example.com"))).isEqualTo(new SubjectRedaction(0, 0, 0, 0, 0, 0));
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            detector.handle(events.failedLogin(ALICE_IP, "alice"));
        }
        assertThat(incidents.list(IncidentQuery.latest(50).withRule(BuiltInRules.BRUTE_FORCE_ACCOUNT))).hasSize(2);
    }
}

package dev.rampart.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.config.DetectionConfig;
import dev.rampart.core.config.IncidentSlaConfig;
import dev.rampart.detect.Incident.Entry;
import dev.rampart.detect.Incident.State;
import dev.rampart.detect.Incident.TimelineEntry;
import dev.rampart.detect.internal.Json;
import dev.rampart.store.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Incidents as the admin API and CLI see them, on each store engine, across restarts. */
abstract class IncidentLifecycleBehaviourTest {

    abstract Store openStore();

    private static final DetectionConfig CONFIG = new DetectionConfig(null, null,
            Map.of("SEV-3", new IncidentSlaConfig(Duration.ofMinutes(10), Duration.ofHours(1))), null, null, null, null);

    final TestClock clock = new TestClock();
    final Events events = new Events(clock);
    final Recorders recorders = new Recorders();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Store store;
    Detector detector;

    @BeforeEach
    void start() throws SQLException {
        store = openStore();
        // PostgreSQL tests share one schema per class; each test starts without incidents
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM incident_timeline");
            s.executeUpdate("DELETE FROM incidents");
        }
        detector = startDetector();
    }

    @AfterEach
    void stop() {
        if (detector != null) {
            detector.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private Detector startDetector() {
        return Detector.start(CONFIG, recorders, recorders, recorders, recorders, store, clock, registry);
    }

    private void restart() {
        detector.close();
        store.close();
        store = openStore();
        detector = startDetector();
    }

    /** Five failed logins from one address: brute-force-ip opens a SEV-3 incident. */
    private Incident bruteForce(String ip) {
        for (int i = 0; i < 5; i++) {
            detector.handle(events.failedLogin(ip, "user" + i));
        }
        List<Incident> open = detector.incidents().list(State.open, 10);
        return open.stream().filter(i -> i.rule().equals(BuiltInRules.BRUTE_FORCE_IP)).findFirst().orElseThrow();
    }

    @Test
    void incidentKeepsStateTimelineEvidenceAndNotesAcrossARestart() {
        Incident opened = bruteForce("203.0.113.7");
        clock.advance(Duration.ofMinutes(2));
        detector.incidents().acknowledge(opened.id(), "alice");
        detector.incidents().note(opened.id(), "alice", "blocked at the edge firewall too");

        restart();
        Incident shown = detector.incidents().show(opened.id()).orElseThrow();

        assertThat(shown.state()).isEqualTo(State.acknowledged);
        assertThat(shown.acknowledgedBy()).isEqualTo("alice");
        assertThat(shown.acknowledgedAt()).isEqualTo(opened.openedAt().plus(Duration.ofMinutes(2)));
        assertThat(shown.severity()).isEqualTo(IncidentSeverity.SEV_3);
        assertThat(shown.respondBy()).isEqualTo(opened.openedAt().plus(Duration.ofMinutes(10)));
        assertThat(shown.resolveBy()).isEqualTo(opened.openedAt().plus(Duration.ofHours(1)));
        assertThat(shown.timeline()).extracting(TimelineEntry::entry).containsExactly(Entry.state,
                Entry.event, Entry.event, Entry.event, Entry.event, Entry.event, Entry.action, Entry.action,
                Entry.state, Entry.note);
        assertThat(shown.timeline()).extracting(TimelineEntry::seq).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(shown.timeline().get(9).body()).isEqualTo("blocked at the edge firewall too");
        assertThat(shown.timeline().get(6).body()).startsWith("alert queued");
        assertThat(shown.timeline().get(7).body()).startsWith("ban_ip 203.0.113.7: banned until");
        Map<String, Object> evidence = Json.readObject(shown.evidence());
        assertThat(evidence.get("rule")).isEqualTo(BuiltInRules.BRUTE_FORCE_IP);
        assertThat(evidence.get("group")).isEqualTo("203.0.113.7");
        assertThat((List<?>) evidence.get("events")).hasSize(5);

        detector.incidents().resolve(opened.id(), "bob", "attacker banned; no account was entered");
        restart();

        Incident resolved = detector.incidents().show(opened.id()).orElseThrow();
        assertThat(resolved.state()).isEqualTo(State.resolved);
        assertThat(resolved.resolvedBy()).isEqualTo("bob");
        assertThat(resolved.timeline()).last().extracting(TimelineEntry::body)
                .isEqualTo("attacker banned; no account was entered");
        assertThat(detector.incidents().list(State.resolved, 10)).extracting(Incident::id).containsExactly(opened.id());
        assertThat(detector.incidents().list(State.open, 10)).isEmpty();
    }

    @Test
    void repeatFiringForTheSameGroupJoinsTheOpenIncidentWithoutAlertingAgain() {
        Incident first = bruteForce("203.0.113.7");
        Incident second = bruteForce("203.0.113.7");

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(detector.incidents().list(null, 10)).hasSize(1);
        assertThat(recorders.alerts).hasSize(1);
        assertThat(detector.incidents().show(first.id()).orElseThrow().timeline())
                .filteredOn(e -> e.entry() == Entry.event).hasSize(10);
        assertThat(recorders.calls).filteredOn(c -> c.startsWith("ban ")).hasSize(2);
    }

    @Test
    void aResolvedIncidentCannotBeAcknowledgedAndAnUnknownIdIsNamed() {
        Incident opened = bruteForce("203.0.113.7");
        detector.incidents().resolve(opened.id(), "bob", null);

        assertThatThrownBy(() -> detector.incidents().acknowledge(opened.id(), "alice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("incident " + opened.id() + " is resolved; only an incident that is open can become acknowledged");
        assertThatThrownBy(() -> detector.incidents().resolve("inc-000000000000", "bob", null))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("no incident with id inc-000000000000");
        assertThatThrownBy(() -> detector.incidents().note(opened.id(), "bob", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void responseSlaBreachIsReportedOnceWhenItsTimePassesAndNotAgainAfterARestart() {
        Incident opened = bruteForce("203.0.113.7");
        recorders.alerts.clear();

        clock.advance(Duration.ofMinutes(10));
        assertThat(detector.checkSlas()).as("exactly at the deadline").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        List<Incidents.SlaBreach> breaches = detector.checkSlas();

        assertThat(breaches).singleElement().satisfies(b -> {
            assertThat(b.incident().id()).isEqualTo(opened.id());
            assertThat(b.timer()).isEqualTo(Incidents.SlaBreach.Timer.response);
        });
        assertThat(recorders.alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("incident.sla-breached");
            assertThat(a.fields()).containsEntry("incident", opened.id());
        });
        assertThat(detector.checkSlas()).isEmpty();
        restart();
        assertThat(detector.checkSlas()).isEmpty();
        assertThat(detector.incidents().show(opened.id()).orElseThrow().responseBreachedAt())
                .isEqualTo(opened.openedAt().plus(Duration.ofSeconds(601)));
    }

    @Test
    void acknowledgedIncidentStillBreachesItsResolutionSla() {
        Incident opened = bruteForce("203.0.113.7");
        detector.incidents().acknowledge(opened.id(), "alice");

        clock.advance(Duration.ofMinutes(61));

        assertThat(detector.checkSlas()).extracting(Incidents.SlaBreach::timer)
                .containsExactly(Incidents.SlaBreach.Timer.resolution);
    }

    @Test
    void gaugesCountIncidentsPerState() {
        Incident a = bruteForce("203.0.113.7");
        bruteForce("203.0.113.8");
        detector.incidents().acknowledge(a.id(), "alice");

        assertThat(registry.get("rampart.incidents").tag("state", "open").gauge().value()).isEqualTo(1);
        assertThat(registry.get("rampart.incidents").tag("state", "acknowledged").gauge().value()).isEqualTo(1);
        assertThat(registry.get("rampart.incidents").tag("state", "resolved").gauge().value()).isZero();
        assertThat(registry.get("rampart.detection.rule.fired").tag("rule", BuiltInRules.BRUTE_FORCE_IP).counter()
                .count()).isEqualTo(2);
    }
}

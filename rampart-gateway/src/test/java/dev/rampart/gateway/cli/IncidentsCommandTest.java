package dev.rampart.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.CredentialRevoker;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.BansConfig;
import dev.rampart.core.config.DetectionActionConfig;
import dev.rampart.core.config.DetectionConfig;
import dev.rampart.core.config.DetectionRuleConfig;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.event.BoundedEventBus;
import dev.rampart.detect.Detection;
import dev.rampart.detect.Detector;
import dev.rampart.ratelimit.EscalatingBanList;
import dev.rampart.store.Store;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rampart incidents}: the detector's incidents in the config's store, listed and changed offline. */
class IncidentsCommandTest {

    @TempDir
    Path dir;

    Path config;
    StringWriter out;
    StringWriter err;
    String incidentId;

    /** An incident the built-in brute-force-ip rule opened in the store (incident action only). */
    @BeforeEach
    void openIncident() throws Exception {
        config = dir.resolve("rampart.yaml");
        Files.writeString(config, "store:\n  data-dir: ./data\n");
        DetectionRuleConfig incidentOnly = new DetectionRuleConfig("brute-force-ip", null, null, null, null, null, null,
                null, null, null, null, null, null, null, null,
                List.of(DetectionActionConfig.of(DetectionActionConfig.Action.incident)));
        DetectionConfig detection = new DetectionConfig(null, List.of(incidentOnly), null, null, null, null, null);
        try (Store store = Store.open(new StoreConfig(null, dir.resolve("data").toString(), null, null, null, null), dir);
                BoundedEventBus bus = new BoundedEventBus(16, BoundedEventBus.OverflowPolicy.DROP);
                EscalatingBanList bans = EscalatingBanList.open(store, BansConfig.defaults(), bus, Clock.systemUTC())) {
            Detector detector = Detector.start(detection, bus, bans, new NoCredentials(), alert -> true, store,
                    Clock.systemUTC());
            List<Detection> fired = List.of();
            for (int i = 0; i < 5; i++) {
                fired = detector.handle(new SecurityEvent(Instant.now(), "authentication.failed",
                        SecurityEvent.Severity.MEDIUM, "authentication", "bad-secret", null, "api", "203.0.113.9", null,
                        Map.of("account", "k" + i)));
            }
            assertThat(fired).extracting(Detection::rule).contains("brute-force-ip");
            detector.close();
            incidentId = detector.incidents().list(null, 10).stream().filter(i -> i.rule().equals("brute-force-ip"))
                    .findFirst().orElseThrow().id();
        }
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return new CommandLine(new RampartCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void listsShowsAcknowledgesAndResolves() {
        assertThat(run("incidents", "list", "-c", config.toString(), "--state", "open")).isZero();
        assertThat(out.toString()).contains(incidentId).contains("SEV-3").contains("brute-force-ip");

        assertThat(run("incidents", "show", "-c", config.toString(), incidentId)).isZero();
        JsonObject shown = new JsonObject(out.toString());
        assertThat(shown.getString("state")).isEqualTo("open");
        assertThat(shown.getJsonArray("timeline")).isNotEmpty();

        assertThat(run("incidents", "ack", "-c", config.toString(), incidentId, "--by", "alice")).isZero();
        assertThat(out.toString()).contains("acknowledged");
        assertThat(run("incidents", "note", "-c", config.toString(), incidentId, "called the owner")).isZero();
        assertThat(run("incidents", "resolve", "-c", config.toString(), incidentId, "--resolution", "key rotated")).isZero();
        assertThat(out.toString()).contains("resolved");
        assertThat(run("incidents", "list", "-c", config.toString(), "--state", "open")).isZero();
        assertThat(out.toString()).doesNotContain(incidentId);

        assertThat(run("incidents", "show", "-c", config.toString(), incidentId)).isZero();
        JsonObject resolved = new JsonObject(out.toString());
        assertThat(resolved.getString("acknowledged_by")).isEqualTo("alice");
        assertThat(resolved.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("body")))
                .contains("called the owner", "key rotated");
    }

    @Test
    void refusesWhatCannotBeDoneWithAMessage() {
        assertThat(run("incidents", "resolve", "-c", config.toString(), incidentId)).isZero();
        assertThat(run("incidents", "ack", "-c", config.toString(), incidentId)).isEqualTo(2);
        assertThat(err.toString()).startsWith("rampart: ");
        assertThat(run("incidents", "show", "-c", config.toString(), "no-such-incident")).isEqualTo(1);
        assertThat(err.toString()).contains("no such incident; 'rampart incidents list' shows their ids");
        assertThat(run("incidents", "list", "-c", config.toString(), "--limit", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--limit must be 1 or more");
    }

    /** The rule here only opens incidents, so nothing is revoked. */
    private static final class NoCredentials implements CredentialRevoker {
        @Override
        public boolean revoke(Kind kind, String id, String reason) {
            return false;
        }

        @Override
        public boolean disable(Kind kind, String id, String reason) {
            return false;
        }
    }
}

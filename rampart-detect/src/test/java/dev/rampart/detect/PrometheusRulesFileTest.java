package dev.rampart.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.AlertsConfig;
import dev.rampart.core.config.DetectionConfig;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.store.Store;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The example alert rules only name series that the detector and the alerter export. */
class PrometheusRulesFileTest extends DetectorTestBase {

    @Test
    void everyMetricTheExampleRulesUseIsExported() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        store = Store.open(new StoreConfig(null, dataDir.toString(), null, null, null, null), null);
        detector = Detector.start(DetectionConfig.defaults(), recorders, recorders, recorders, recorders, store, clock,
                registry);
        detector.handle(events.failedLogin("203.0.113.7", "alice"));
        try (WebhookAlerter alerter = WebhookAlerter.start(AlertsConfig.defaults(), clock, registry)) {
            assertThat(alerter.pending()).isZero();
            Set<String> exported = registry.getMeters().stream().map(PrometheusRulesFileTest::prometheusName)
                    .collect(Collectors.toCollection(TreeSet::new));

            String rules = Files.readString(Path.of("prometheus/rampart-alerts.yml"));
            Matcher used = Pattern.compile("rampart_[a-z_]+").matcher(rules);
            Set<String> names = new TreeSet<>();
            while (used.find()) {
                names.add(used.group());
            }

            assertThat(names).isNotEmpty();
            assertThat(exported).containsAll(names);
        }
    }

    /** Micrometer's Prometheus naming: dots become underscores, counters end in _total. */
    private static String prometheusName(Meter meter) {
        String base = meter.getId().getName().replace('.', '_');
        return meter.getId().getType() == Meter.Type.COUNTER ? base + "_total" : base;
    }
}

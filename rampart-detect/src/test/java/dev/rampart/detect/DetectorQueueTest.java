package dev.rampart.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.DetectionConfig;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.store.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The detector's own queue: a slow action never holds the bus, and overflow is counted, not waited for. */
class DetectorQueueTest extends DetectorTestBase {

    @Test
    void eventsBeyondTheQueueCapacityAreDroppedAndCountedWhileAnActionIsSlow() throws Exception {
        CountDownLatch banStarted = new CountDownLatch(1);
        CountDownLatch releaseBan = new CountDownLatch(1);
        Recorders slowBans = new Recorders() {
            @Override
            public Ban ban(String block, String reason, String source) {
                banStarted.countDown();
                try {
                    releaseBan.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.ban(block, reason, source);
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        store = Store.open(new StoreConfig(null, dataDir.toString(), null, null, null, null), null);
        detector = Detector.start(new DetectionConfig(null, null, null, null, null, 5, null), slowBans, slowBans,
                slowBans, slowBans, store, clock, registry);

        for (int i = 0; i < 5; i++) {
            slowBans.publish(events.failedLogin("203.0.113.7", "user" + i));
        }
        assertThat(banStarted.await(10, TimeUnit.SECONDS)).isTrue();
        // the event being handled counts against the capacity: 4 more fit, the 5th is dropped
        for (int i = 0; i < 5; i++) {
            slowBans.publish(events.failedLogin("203.0.113.8", "user" + i));
        }
        releaseBan.countDown();
        detector.close();

        assertThat(registry.get("rampart.detection.events.dropped").counter().count()).isEqualTo(1);
        assertThat(registry.get("rampart.detection.events").tag("type", DetectionEvents.AUTHENTICATION_FAILED).counter()
                .count()).isEqualTo(9);
    }
}

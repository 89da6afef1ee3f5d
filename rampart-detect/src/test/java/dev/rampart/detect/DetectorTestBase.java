package dev.rampart.detect;

import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.DetectionConfig;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.store.Store;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A detector over a fresh embedded store, with recording ban list, revoker and alerter. */
abstract class DetectorTestBase {

    @TempDir
    Path dataDir;

    final TestClock clock = new TestClock();
    final Events events = new Events(clock);
    final Recorders recorders = new Recorders();
    Store store;
    Detector detector;

    Detector start(DetectionConfig config) {
        store = Store.open(new StoreConfig(null, dataDir.toString(), null, null, null, null), null);
        try {
            detector = Detector.start(config, recorders, recorders, recorders, recorders, store, clock);
        } catch (RuntimeException e) {
            store.close();
            store = null;
            throw e;
        }
        return detector;
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

    /** Names of the rules that fired on {@code event}. */
    List<String> fired(SecurityEvent event) {
        return detector.handle(event).stream().map(Detection::rule).toList();
    }
}

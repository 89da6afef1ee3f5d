package dev.rampart.auth.totp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link UsedTimeSteps} for one process. Thread-safe. */
public final class InMemoryUsedTimeSteps implements UsedTimeSteps {

    private final ConcurrentMap<String, Long> lastSteps = new ConcurrentHashMap<>();

    @Override
    public boolean recordIfLater(String account, long step) {
        boolean[] recorded = {false};
        lastSteps.compute(account, (key, last) -> {
            if (last != null && last >= step) {
                return last;
            }
            recorded[0] = true;
            return step;
        });
        return recorded[0];
    }
}

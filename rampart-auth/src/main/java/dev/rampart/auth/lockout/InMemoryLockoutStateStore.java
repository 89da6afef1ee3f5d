package dev.rampart.auth.lockout;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * {@link LockoutStateStore} for one process. Thread-safe. An attacker can make it grow with many
 * user names or addresses: call {@link BruteForceProtector#forgetStale()} periodically.
 */
public final class InMemoryLockoutStateStore implements LockoutStateStore {

    private final ConcurrentMap<String, LockoutState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<LockoutState> get(String key) {
        return Optional.ofNullable(states.get(key));
    }

    @Override
    public LockoutState update(String key, UnaryOperator<LockoutState> change) {
        return states.compute(key, (k, state) -> change.apply(state == null ? LockoutState.CLEAR : state));
    }

    @Override
    public void remove(String key) {
        states.remove(key);
    }

    @Override
    public void removeIf(Predicate<LockoutState> filter) {
        states.values().removeIf(filter);
    }

    public int size() {
        return states.size();
    }
}

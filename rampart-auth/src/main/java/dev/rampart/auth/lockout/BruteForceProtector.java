package dev.rampart.auth.lockout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts failed logins per key and locks the key out, as {@link LockoutPolicy} says. Use one for
 * accounts (keyed by the normalised user name, whether or not the account exists, so that lockout
 * behaves the same for unknown names) and another for client addresses, which catches password
 * spraying across many accounts from one address. {@link LoginThrottle} combines the two.
 *
 * <p>Attempts made while locked are refused without being counted, so a lockout ends when it says
 * it does. Thread-safe when the store is.
 */
public final class BruteForceProtector {

    private final LockoutPolicy policy;
    private final LockoutStateStore store;
    private final Clock clock;

    public BruteForceProtector(LockoutPolicy policy, LockoutStateStore store, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What is remembered of {@code key}, if anything (a data-subject export shows it). */
    public Optional<LockoutState> state(String key) {
        return store.get(key);
    }

    public LockoutStatus status(String key) {
        Instant now = clock.instant();
        return store.get(key).map(state -> LockoutStatus.of(state, now)).orElse(LockoutStatus.OPEN);
    }

    /** Records a failed attempt and returns the status it leads to. */
    public LockoutStatus recordFailure(String key) {
        Instant now = clock.instant();
        LockoutState state = store.update(key, current -> current.lockedAt(now) ? current : afterFailure(current, now));
        return LockoutStatus.of(state, now);
    }

    /** A successful login forgets the key's failures (as Keycloak does). */
    public void recordSuccess(String key) {
        store.update(key, current -> current.permanentlyLocked() ? current : LockoutState.CLEAR);
    }

    /** An administrator lifts any lock, permanent ones included, and clears the failures. */
    public void unlock(String key) {
        store.remove(key);
    }

    /** Drops states that can no longer lock anything: not locked, last failure older than the reset time. */
    public void forgetStale() {
        Instant now = clock.instant();
        store.removeIf(state -> !state.lockedAt(now) && state.lastFailure()
                .map(last -> Duration.between(last, now).compareTo(policy.failureResetTime()) > 0).orElse(true));
    }

    private LockoutState afterFailure(LockoutState current, Instant now) {
        Optional<Duration> sinceLast = current.lastFailure().map(last -> Duration.between(last, now));
        LockoutState state = sinceLast.filter(d -> d.compareTo(policy.failureResetTime()) > 0).isPresent()
                ? LockoutState.CLEAR : current;
        int failures = state.failures() + 1;

        Duration wait = Duration.ZERO;
        // Keycloak's quick-login check: two failures closer than a person could type are a script.
        if (sinceLast.filter(d -> d.compareTo(policy.quickLoginCheck()) < 0).isPresent()) {
            wait = policy.minimumQuickLoginWait();
        }
        if (failures % policy.maxFailures() == 0) {
            Duration increment = policy.waitIncrement().multipliedBy(failures / policy.maxFailures());
            Duration capped = increment.compareTo(policy.maxWait()) > 0 ? policy.maxWait() : increment;
            wait = capped.compareTo(wait) > 0 ? capped : wait;
        }
        if (wait.isZero()) {
            return new LockoutState(failures, Optional.of(now), state.lockedUntil(), state.temporaryLockouts(), false);
        }
        int lockouts = state.temporaryLockouts() + 1;
        boolean permanent = policy.maxTemporaryLockouts().isPresent()
                && lockouts > policy.maxTemporaryLockouts().getAsInt();
        return new LockoutState(failures, Optional.of(now), Optional.of(now.plus(wait)), lockouts, permanent);
    }
}

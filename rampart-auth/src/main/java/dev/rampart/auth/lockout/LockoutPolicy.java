package dev.rampart.auth.lockout;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Brute-force protection settings, those of Keycloak's realm "Brute force detection", with its
 * defaults:
 * <ul>
 *   <li>{@code maxFailures} (30): every {@code maxFailures}-th consecutive failure imposes a wait of
 *       {@code waitIncrement × failures / maxFailures} (1 minute per round), up to {@code maxWait}
 *       (15 minutes). An online guesser gets 30 tries per growing wait instead of thousands a second.</li>
 *   <li>{@code failureResetTime} (12 hours): failures older than this are forgotten.</li>
 *   <li>{@code quickLoginCheck} (1 s) and {@code minimumQuickLoginWait} (1 minute): a failure coming
 *       sooner than {@code quickLoginCheck} after the previous one is a script, not a person
 *       retyping, and imposes at least {@code minimumQuickLoginWait} at once.</li>
 *   <li>{@code maxTemporaryLockouts} (off): when set to N, the lockout after N temporary ones is
 *       permanent, until an administrator {@linkplain BruteForceProtector#unlock unlocks} it. 0 locks
 *       permanently at the first lockout. Off by default: a permanent lock lets anyone who knows a
 *       user name deny that user service.</li>
 * </ul>
 */
public record LockoutPolicy(int maxFailures, Duration waitIncrement, Duration maxWait, Duration failureResetTime,
        Duration quickLoginCheck, Duration minimumQuickLoginWait, OptionalInt maxTemporaryLockouts) {

    public static final LockoutPolicy DEFAULT = new LockoutPolicy(30, Duration.ofMinutes(1), Duration.ofMinutes(15),
            Duration.ofHours(12), Duration.ofSeconds(1), Duration.ofMinutes(1), OptionalInt.empty());

    public LockoutPolicy {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
        }
        requireNotNegative(waitIncrement, "waitIncrement");
        requireNotNegative(maxWait, "maxWait");
        requireNotNegative(quickLoginCheck, "quickLoginCheck");
        requireNotNegative(minimumQuickLoginWait, "minimumQuickLoginWait");
        requireNotNegative(failureResetTime, "failureResetTime");
        if (failureResetTime.isZero()) {
            throw new IllegalArgumentException("failureResetTime must be positive");
        }
        Objects.requireNonNull(maxTemporaryLockouts, "maxTemporaryLockouts");
        if (maxTemporaryLockouts.isPresent() && maxTemporaryLockouts.getAsInt() < 0) {
            throw new IllegalArgumentException("maxTemporaryLockouts must be 0 or more, got " + maxTemporaryLockouts.getAsInt());
        }
    }

    public LockoutPolicy withMaxFailures(int maxFailures) {
        return new LockoutPolicy(maxFailures, waitIncrement, maxWait, failureResetTime, quickLoginCheck,
                minimumQuickLoginWait, maxTemporaryLockouts);
    }

    public LockoutPolicy withWait(Duration waitIncrement, Duration maxWait) {
        return new LockoutPolicy(maxFailures, waitIncrement, maxWait, failureResetTime, quickLoginCheck,
                minimumQuickLoginWait, maxTemporaryLockouts);
    }

    public LockoutPolicy withFailureResetTime(Duration failureResetTime) {
        return new LockoutPolicy(maxFailures, waitIncrement, maxWait, failureResetTime, quickLoginCheck,
                minimumQuickLoginWait, maxTemporaryLockouts);
    }

    public LockoutPolicy withQuickLoginCheck(Duration quickLoginCheck, Duration minimumQuickLoginWait) {
        return new LockoutPolicy(maxFailures, waitIncrement, maxWait, failureResetTime, quickLoginCheck,
                minimumQuickLoginWait, maxTemporaryLockouts);
    }

    public LockoutPolicy withPermanentLockoutAfter(int temporaryLockouts) {
        return new LockoutPolicy(maxFailures, waitIncrement, maxWait, failureResetTime, quickLoginCheck,
                minimumQuickLoginWait, OptionalInt.of(temporaryLockouts));
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
    }
}

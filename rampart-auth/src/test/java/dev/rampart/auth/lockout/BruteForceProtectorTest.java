package dev.rampart.auth.lockout;

import dev.rampart.auth.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BruteForceProtectorTest {

    /** Three failures per round, quick-login check off unless a test turns it on. */
    private static final LockoutPolicy POLICY = LockoutPolicy.DEFAULT.withMaxFailures(3)
            .withWait(Duration.ofMinutes(1), Duration.ofMinutes(3))
            .withQuickLoginCheck(Duration.ZERO, Duration.ZERO);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock();
    private final InMemoryLockoutStateStore store = new InMemoryLockoutStateStore();

    private BruteForceProtector protector(LockoutPolicy policy) {
        return new BruteForceProtector(policy, store, clock);
    }

    @Test
    void hasKeycloakDefaults() {
        LockoutPolicy p = LockoutPolicy.DEFAULT;
        assertThat(p.maxFailures()).isEqualTo(30);
        assertThat(p.waitIncrement()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.maxWait()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.failureResetTime()).isEqualTo(Duration.ofHours(12));
        assertThat(p.quickLoginCheck()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.minimumQuickLoginWait()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.maxTemporaryLockouts()).isEmpty();
    }

    @Test
    void locksAfterMaxFailuresForOneWaitIncrement() {
        BruteForceProtector p = protector(POLICY);

        assertThat(failSlowly(p, "alice", 2).locked()).isFalse();
        LockoutStatus third = failSlowly(p, "alice", 1);

        assertThat(third.locked()).isTrue();
        assertThat(third.permanent()).isFalse();
        assertThat(third.lockedUntil()).contains(clock.instant().plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofSeconds(59));
        assertThat(p.status("alice").locked()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(p.status("alice").locked()).isFalse();
    }

    @Test
    void waitGrowsByTheIncrementEachRoundUpToTheMaximum() {
        BruteForceProtector p = protector(POLICY);
        List<Duration> waits = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            LockoutStatus status = failSlowly(p, "alice", 3);
            waits.add(Duration.between(clock.instant(), status.lockedUntil().orElseThrow()));
            clock.advance(Duration.ofMinutes(5));
        }

        assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3),
                Duration.ofMinutes(3), Duration.ofMinutes(3));
    }

    @Test
    void refusesWithoutCountingWhileLocked() {
        BruteForceProtector p = protector(POLICY);
        LockoutStatus locked = failSlowly(p, "alice", 3);

        LockoutStatus again = p.recordFailure("alice");

        assertThat(again).isEqualTo(locked);
        assertThat(store.get("alice").orElseThrow().failures()).isEqualTo(3);
    }

    @Test
    void forgetsFailuresAfterTheResetTime() {
        BruteForceProtector p = protector(POLICY.withFailureResetTime(Duration.ofHours(1)));
        failSlowly(p, "alice", 2);

        clock.advance(Duration.ofHours(1).plusSeconds(1));

        assertThat(p.recordFailure("alice").locked()).isFalse();
        assertThat(store.get("alice").orElseThrow().failures()).isEqualTo(1);
    }

    @Test
    void keepsFailuresWithinTheResetTime() {
        BruteForceProtector p = protector(POLICY.withFailureResetTime(Duration.ofHours(1)));
        failSlowly(p, "alice", 2);

        clock.advance(Duration.ofMinutes(59));

        assertThat(p.recordFailure("alice").locked()).isTrue();
    }

    @Test
    void aTooQuickRetryCountsAndImposesTheMinimumWait() {
        BruteForceProtector p = protector(POLICY.withMaxFailures(30)
                .withQuickLoginCheck(Duration.ofSeconds(1), Duration.ofMinutes(2)));

        assertThat(p.recordFailure("alice").locked()).isFalse();
        clock.advance(Duration.ofMillis(400));
        LockoutStatus quick = p.recordFailure("alice");

        assertThat(quick.lockedUntil()).contains(clock.instant().plus(Duration.ofMinutes(2)));
        assertThat(store.get("alice").orElseThrow().failures()).isEqualTo(2);
    }

    @Test
    void aRetryAfterTheQuickLoginCheckIsNotPenalised() {
        BruteForceProtector p = protector(POLICY.withMaxFailures(30)
                .withQuickLoginCheck(Duration.ofSeconds(1), Duration.ofMinutes(2)));

        p.recordFailure("alice");
        clock.advance(Duration.ofSeconds(1));

        assertThat(p.recordFailure("alice").locked()).isFalse();
    }

    @Test
    void locksPermanentlyAfterTheMaximumTemporaryLockouts() {
        BruteForceProtector p = protector(POLICY.withPermanentLockoutAfter(2));

        for (int lockout = 1; lockout <= 2; lockout++) {
            LockoutStatus status = failSlowly(p, "alice", 3);
            assertThat(status.locked()).isTrue();
            assertThat(status.permanent()).isFalse();
            clock.advance(Duration.ofMinutes(5));
        }
        LockoutStatus third = failSlowly(p, "alice", 3);

        assertThat(third.permanent()).isTrue();
        assertThat(third.lockedUntil()).isEmpty();
        clock.advance(Duration.ofDays(365));
        assertThat(p.status("alice").locked()).isTrue();
    }

    @Test
    void zeroTemporaryLockoutsMeansTheFirstLockoutIsPermanent() {
        BruteForceProtector p = protector(POLICY.withPermanentLockoutAfter(0));

        assertThat(failSlowly(p, "alice", 3).permanent()).isTrue();
    }

    @Test
    void successClearsFailuresButNotAPermanentLock() {
        BruteForceProtector p = protector(POLICY.withPermanentLockoutAfter(0));
        failSlowly(p, "alice", 2);
        p.recordSuccess("alice");
        assertThat(failSlowly(p, "alice", 2).locked()).isFalse();

        failSlowly(p, "bob", 3);
        p.recordSuccess("bob");
        assertThat(p.status("bob").permanent()).isTrue();
    }

    @Test
    void anAdministratorUnlocksAPermanentLock() {
        BruteForceProtector p = protector(POLICY.withPermanentLockoutAfter(0));
        failSlowly(p, "alice", 3);

        p.unlock("alice");

        assertThat(p.status("alice").locked()).isFalse();
        assertThat(store.get("alice")).isEmpty();
    }

    @Test
    void keysAreIndependent() {
        BruteForceProtector p = protector(POLICY);
        failSlowly(p, "alice", 3);

        assertThat(p.status("alice").locked()).isTrue();
        assertThat(p.status("bob").locked()).isFalse();
    }

    @Test
    void forgetsStaleStatesButKeepsLockedAndRecentOnes() {
        BruteForceProtector p = protector(POLICY.withFailureResetTime(Duration.ofHours(1)).withPermanentLockoutAfter(0));
        failSlowly(p, "stale", 1);
        clock.advance(Duration.ofHours(2));
        failSlowly(p, "permanent", 3);
        failSlowly(p, "recent", 1);

        p.forgetStale();

        assertThat(store.get("stale")).isEmpty();
        assertThat(store.get("permanent")).isPresent();
        assertThat(store.get("recent")).isPresent();
    }

    @Test
    void countsConcurrentFailuresExactly() throws Exception {
        BruteForceProtector p = protector(POLICY.withMaxFailures(1000));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                futures.add(pool.submit(() -> p.recordFailure("alice")));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(store.get("alice").orElseThrow().failures()).isEqualTo(800);
    }

    @Test
    void rejectsNonsensicalSettings() {
        assertThatThrownBy(() -> POLICY.withMaxFailures(0)).hasMessageContaining("maxFailures must be at least 1");
        assertThatThrownBy(() -> POLICY.withWait(Duration.ofMinutes(-1), Duration.ZERO)).hasMessageContaining("waitIncrement");
        assertThatThrownBy(() -> POLICY.withPermanentLockoutAfter(-1)).hasMessageContaining("maxTemporaryLockouts");
    }

    /** Failures ten seconds apart, slower than the quick-login check. Returns the last status. */
    private LockoutStatus failSlowly(BruteForceProtector p, String key, int count) {
        LockoutStatus status = null;
        for (int i = 0; i < count; i++) {
            clock.advance(TEN_SECONDS);
            status = p.recordFailure(key);
        }
        return status;
    }
}

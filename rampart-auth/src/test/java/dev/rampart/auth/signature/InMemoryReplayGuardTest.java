package dev.rampart.auth.signature;

import dev.rampart.auth.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Instant inFiveMinutes = clock.instant().plus(Duration.ofMinutes(5));

    @Test
    void seesAKeyForTheFirstTimeOnlyOnce() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock);

        assertThat(guard.firstSeen("k", inFiveMinutes)).isTrue();
        assertThat(guard.firstSeen("k", inFiveMinutes)).isFalse();
        assertThat(guard.firstSeen("other", inFiveMinutes)).isTrue();
    }

    @Test
    void forgetsAKeyAtItsExpiry() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock);
        guard.firstSeen("k", inFiveMinutes);

        clock.advance(Duration.ofMinutes(5));

        assertThat(guard.size()).isZero();
        assertThat(guard.firstSeen("k", inFiveMinutes.plus(Duration.ofMinutes(5)))).isTrue();
    }

    @Test
    void refusesNewKeysWhenFullRatherThanEvictingLiveOnes() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(2, clock);
        guard.firstSeen("a", inFiveMinutes);
        guard.firstSeen("b", inFiveMinutes);

        assertThat(guard.firstSeen("c", inFiveMinutes)).isFalse();
        assertThat(guard.firstSeen("a", inFiveMinutes)).isFalse();
        assertThat(guard.size()).isEqualTo(2);
    }

    @Test
    void makesRoomOnceEntriesExpire() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(1, clock);
        guard.firstSeen("a", clock.instant().plusSeconds(1));

        clock.advance(Duration.ofSeconds(1));

        assertThat(guard.firstSeen("b", inFiveMinutes)).isTrue();
    }

    @Test
    void letsExactlyOneOfManyConcurrentCallersThrough() throws Exception {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                Callable<Boolean> attempt = () -> {
                    start.await();
                    return guard.firstSeen("same", inFiveMinutes);
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> result : results) {
                accepted += result.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.rampart.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryLimiterStateTest {

    private static final BucketConfiguration TEN_PER_MINUTE = new BucketConfiguration(
            List.of(Bandwidth.builder().capacity(10).refillGreedy(10, Duration.ofMinutes(1)).build()));

    private final ManualClock clock = new ManualClock("2026-03-01T12:00:00Z");

    @Test
    void holdsNoMoreThanMaxKeys() {
        InMemoryLimiterState state = new InMemoryLimiterState(100, clock);

        for (int i = 0; i < 1_000; i++) {
            state.bucket("client-" + i, TEN_PER_MINUTE).tryConsume(1);
        }

        assertThat(state.heldKeys()).isLessThanOrEqualTo(100);
    }

    @Test
    void forgetsABucketIdleForTheLongestWindowAndKeepsOneStillRefilling() {
        InMemoryLimiterState state = new InMemoryLimiterState(100, clock);
        state.keepIdleKeysFor(Duration.ofMinutes(1));
        state.keepIdleKeysFor(Duration.ofSeconds(1)); // never shortened
        state.bucket("idle", TEN_PER_MINUTE).tryConsume(10);
        clock.advance(Duration.ofSeconds(30));
        state.bucket("busy", TEN_PER_MINUTE).tryConsume(10);

        clock.advance(Duration.ofSeconds(31));

        assertThat(state.heldKeys()).as("only 'busy' is still refilling").isEqualTo(1);
        assertThat(state.bucket("busy", TEN_PER_MINUTE).getAvailableTokens()).as("its state kept").isEqualTo(5);
    }

    @Test
    void countsInFlightRequestsPerKeyAndForgetsAKeyAtZero() {
        InMemoryLimiterState state = new InMemoryLimiterState(100, clock);

        assertThat(state.tryEnter("k", 2)).isTrue();
        assertThat(state.tryEnter("k", 2)).isTrue();
        assertThat(state.tryEnter("k", 2)).isFalse();
        assertThat(state.inFlight("k")).isEqualTo(2);
        state.exit("k");
        state.exit("k");
        assertThat(state.inFlight("k")).isZero();
        assertThat(state.tryEnter("k", 1)).isTrue();
    }
}

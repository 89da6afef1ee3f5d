package dev.rampart.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryRevocationListTest {

    private final TestTokens.MutableClock clock = new TestTokens.MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final InMemoryRevocationList list = new InMemoryRevocationList(clock);

    @Test
    void revokesUntilTheGivenInstantThenForgets() {
        list.revoke("a", clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(list.isRevoked("a")).isTrue();
        assertThat(list.isRevoked("b")).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(list.isRevoked("a")).isFalse();
        assertThat(list.size()).isZero();
    }

    @Test
    void keepsTheLaterExpiryWhenRevokedTwice() {
        list.revoke("a", clock.instant().plus(Duration.ofMinutes(5)));
        list.revoke("a", clock.instant().plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(list.isRevoked("a")).isTrue();
    }
}

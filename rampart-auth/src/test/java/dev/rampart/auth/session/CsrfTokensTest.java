package dev.rampart.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsrfTokensTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final String SESSION = "q3m0cJ9x1lZrB2k7_-AbCdEfGhIjKlMnOpQrStUvWxY";
    static final String OTHER_SESSION = "Z3m0cJ9x1lZrB2k7_-AbCdEfGhIjKlMnOpQrStUvWxY";

    final CsrfTokens csrf = new CsrfTokens(KEY);

    @Test
    void acceptsTheTokenOfTheSameSession() {
        String token = csrf.tokenFor(SESSION);
        assertThat(token).hasSize(43).isEqualTo(csrf.tokenFor(SESSION));
        assertThat(csrf.matches(SESSION, token)).isTrue();
        assertThat(new CsrfTokens(KEY.clone()).matches(SESSION, token)).as("another node with the same key").isTrue();
    }

    @Test
    void rejectsATokenOfAnotherSession() {
        assertThat(csrf.matches(OTHER_SESSION, csrf.tokenFor(SESSION))).isFalse();
    }

    @Test
    void rejectsATokenMadeWithAnotherKey() {
        CsrfTokens forged = new CsrfTokens("another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII));
        assertThat(csrf.matches(SESSION, forged.tokenFor(SESSION))).isFalse();
    }

    @Test
    void rejectsMissingTruncatedAlteredAndUndecodableTokens() {
        String token = csrf.tokenFor(SESSION);
        char last = token.charAt(42);
        assertThat(csrf.matches(SESSION, null)).isFalse();
        assertThat(csrf.matches(SESSION, "")).isFalse();
        assertThat(csrf.matches(SESSION, token.substring(0, 42))).isFalse();
        assertThat(csrf.matches(SESSION, token.substring(0, 42) + (last == 'A' ? 'B' : 'A'))).isFalse();
        assertThat(csrf.matches(SESSION, "!".repeat(43))).isFalse();
        assertThat(csrf.matches(null, token)).isFalse();
    }

    @Test
    void refusesAShortServerKey() {
        assertThatThrownBy(() -> new CsrfTokens(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32");
    }
}

package dev.rampart.auth.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacKeyTest {

    @Test
    void toStringShowsTheLengthButNeverTheKey() {
        HmacKey key = HmacKey.ofUtf8("whsec_do_not_log_me");

        assertThat(key.toString()).isEqualTo("HmacKey[19 bytes]").doesNotContain("whsec");
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> HmacKey.ofUtf8("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void keepsItsOwnCopyOfTheBytes() {
        byte[] secret = "secret".getBytes(StandardCharsets.UTF_8);
        HmacKey key = HmacKey.of(secret);

        secret[0] = 'X';

        assertThat(key.bytes()).isEqualTo("secret".getBytes(StandardCharsets.UTF_8));
    }
}

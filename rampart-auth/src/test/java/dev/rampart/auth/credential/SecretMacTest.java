package dev.rampart.auth.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretMacTest {

    /**
     * RFC 4231 §4.7, test case 6: a 131-byte key (test case 1's 20-byte key is below the 32 bytes
     * that SecretMac demands of a server secret).
     */
    @Test
    void computesHmacSha256AsRfc4231TestCase6() {
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        byte[] data = "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII);

        assertThat(HexFormat.of().formatHex(new SecretMac(key).mac(data)))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void refusesAServerSecretShorterThan32Bytes() {
        assertThatThrownBy(() -> new SecretMac(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("31 bytes").hasMessageContaining("at least 32");
    }

    @Test
    void aMissingStoredHashNeverMatches() {
        assertThat(SecretMac.sameHash(new byte[32], null)).isFalse();
        assertThat(SecretMac.sameHash(new byte[32], new byte[32])).isTrue();
    }
}

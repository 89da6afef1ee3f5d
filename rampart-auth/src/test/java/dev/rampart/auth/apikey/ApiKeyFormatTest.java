package dev.rampart.auth.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String newKey() {
        return ApiKeyFormat.format(ApiKeyFormat.newKeyId(RANDOM), ApiKeyFormat.newSecret(RANDOM));
    }

    private static ApiKeyRejection rejectionOf(String presented) {
        ParsedApiKey parsed = ApiKeyFormat.parse(presented);
        assertThat(parsed).isInstanceOf(UnreadableApiKey.class);
        return ((UnreadableApiKey) parsed).reason();
    }

    @Test
    void formattedKeyParsesBackToItsKeyIdAndSecret() {
        String id = ApiKeyFormat.newKeyId(RANDOM);
        String secret = ApiKeyFormat.newSecret(RANDOM);

        assertThat(ApiKeyFormat.parse(ApiKeyFormat.format(id, secret))).isEqualTo(new PresentedKey(id, secret));
    }

    @Test
    void keyIsRecognisableByPrefixAndFixedLength() {
        String key = newKey();

        assertThat(key).startsWith("rmp_").hasSize(66).matches("rmp_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}");
    }

    @Test
    void secretsCarryAtLeast256BitsOfBase62() {
        assertThat(ApiKeyFormat.SECRET_LENGTH * Math.log(62) / Math.log(2)).isGreaterThanOrEqualTo(256);
        assertThat(ApiKeyFormat.newSecret(RANDOM)).isNotEqualTo(ApiKeyFormat.newSecret(RANDOM));
    }

    /** CRC32 detects every error burst of up to 32 bits, so every one-character typo. */
    @Test
    void everySingleCharacterTypoIsCaughtByTheChecksum() {
        String key = newKey();
        for (int i = 4; i < key.length(); i++) {
            if (i == 16) {
                continue; // the separator
            }
            char typo = key.charAt(i) == 'x' ? 'y' : 'x';
            String mistyped = key.substring(0, i) + typo + key.substring(i + 1);

            assertThat(rejectionOf(mistyped)).as("typo at %d", i).isEqualTo(ApiKeyRejection.BAD_CHECKSUM);
        }
    }

    @Test
    void swappedNeighbouringCharactersAreCaughtByTheChecksum() {
        String key = newKey();
        int i = 20;
        while (key.charAt(i) == key.charAt(i + 1)) {
            i++;
        }
        String swapped = key.substring(0, i) + key.charAt(i + 1) + key.charAt(i) + key.substring(i + 2);

        assertThat(rejectionOf(swapped)).isEqualTo(ApiKeyRejection.BAD_CHECKSUM);
    }

    @Test
    void rejectsAnythingNotInTheFormatAsMalformed() {
        String key = newKey();

        assertThat(rejectionOf(null)).isEqualTo(ApiKeyRejection.MALFORMED);
        assertThat(rejectionOf("")).isEqualTo(ApiKeyRejection.MALFORMED);
        assertThat(rejectionOf("ghp_" + key.substring(4))).isEqualTo(ApiKeyRejection.MALFORMED);
        assertThat(rejectionOf(key.substring(0, 65))).isEqualTo(ApiKeyRejection.MALFORMED);
        assertThat(rejectionOf(key + "A")).isEqualTo(ApiKeyRejection.MALFORMED);
        assertThat(rejectionOf(key.substring(0, 16) + "-" + key.substring(17))).isEqualTo(ApiKeyRejection.MALFORMED);
        assertThat(rejectionOf(key.substring(0, 30) + "+" + key.substring(31))).isEqualTo(ApiKeyRejection.MALFORMED);
        assertThat(rejectionOf(key.substring(0, 30) + "é" + key.substring(31))).isEqualTo(ApiKeyRejection.MALFORMED);
        assertThat(rejectionOf(" " + key.substring(1))).isEqualTo(ApiKeyRejection.MALFORMED);
    }

    @Test
    void textFormsNeverShowTheSecret() {
        String id = ApiKeyFormat.newKeyId(RANDOM);
        String secret = ApiKeyFormat.newSecret(RANDOM);
        PresentedKey presented = new PresentedKey(id, secret);

        assertThat(presented.toString()).contains(id).doesNotContain(secret);
    }
}

package dev.rampart.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    /** Small parameters keep the suite fast; the defaults are measured by CredentialsBenchmark. */
    static final Argon2idParameters FAST = new Argon2idParameters(64, 1, 1);
    static final Argon2idParameters FASTER_OLD = new Argon2idParameters(32, 1, 1);

    private final PasswordHasher hasher = PasswordHasher.with(FAST);

    @Test
    void matchesRfc9106Section53Argon2idTestVector() {
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] associatedData = filled(12, 0x04);

        byte[] tag = Argon2id.derive(password, salt, secret, associatedData, new Argon2idParameters(32, 3, 4), 32);

        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void defaultsAreRfc9106SecondRecommendedOption() {
        assertThat(PasswordHasher.withDefaults().parameters()).isEqualTo(new Argon2idParameters(65536, 3, 4));
        assertThat(Argon2idParameters.RFC9106_FIRST_RECOMMENDED).isEqualTo(new Argon2idParameters(2097152, 1, 4));
    }

    @Test
    void encodesAsPhcStringWithUnpaddedBase64SaltAndTag() {
        String encoded = PasswordHasher.with(new Argon2idParameters(65536, 3, 4)).hash("correct horse battery staple");

        assertThat(encoded).matches("\\$argon2id\\$v=19\\$m=65536,t=3,p=4\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void verifiesTheHashedPassword() {
        String encoded = hasher.hash("correct horse battery staple");

        assertThat(hasher.verify("correct horse battery staple", encoded)).isTrue();
    }

    @Test
    void rejectsAWrongPassword() {
        String encoded = hasher.hash("correct horse battery staple");

        assertThat(hasher.verify("correct horse battery stapler", encoded)).isFalse();
        assertThat(hasher.verifyAndUpgrade("wrong", encoded).matches()).isFalse();
    }

    @Test
    void saltsEveryHashDifferently() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void verifiesPasswordsTypedInAnotherUnicodeNormalForm() {
        String composed = "caf\u00e9 au lait tous les jours";
        String decomposed = "cafe\u0301 au lait tous les jours";

        assertThat(hasher.verify(decomposed, hasher.hash(composed))).isTrue();
    }

    @Test
    void verifiesPortableHashesWithOtherSaltAndTagLengthsAndMarksThemForRehash() {
        // Other tools (libsodium, argon2-cffi) may write 8-byte salts or 16-byte tags; they still verify.
        byte[] salt = "somesalt".getBytes();
        byte[] tag = Argon2id.derive("password".getBytes(), salt, FAST, 16);
        String foreign = new PhcString(FAST, salt, tag).encode();

        assertThat(foreign).isEqualTo("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$" + java.util.Base64.getEncoder().withoutPadding().encodeToString(tag));
        assertThat(hasher.verify("password", foreign)).isTrue();
        assertThat(hasher.needsRehash(foreign)).isTrue();
    }

    @Test
    void rejectsTamperedEncodingsWithAClearError() {
        String encoded = hasher.hash("correct horse battery staple");

        assertThatThrownBy(() -> hasher.verify("x", encoded.replace("$argon2id$", "$argon2i$")))
                .isInstanceOf(MalformedPasswordHashException.class).hasMessageContaining("only Argon2id");
        assertThatThrownBy(() -> hasher.verify("x", encoded.replace("v=19", "v=16")))
                .isInstanceOf(MalformedPasswordHashException.class).hasMessageContaining("version v=16");
        assertThatThrownBy(() -> hasher.verify("x", encoded.replace("m=64,", "m=999999999,")))
                .isInstanceOf(MalformedPasswordHashException.class).hasMessageContaining("memory");
        assertThatThrownBy(() -> hasher.verify("x", encoded.substring(0, encoded.length() - 30)))
                .isInstanceOf(MalformedPasswordHashException.class).hasMessageContaining("hash is");
        assertThatThrownBy(() -> hasher.verify("x", encoded + "="))
                .isInstanceOf(MalformedPasswordHashException.class).hasMessageContaining("shape");
        assertThatThrownBy(() -> hasher.verify("x", "plaintext-password"))
                .isInstanceOf(MalformedPasswordHashException.class).hasMessageContaining("$argon2id$");
        assertThatThrownBy(() -> hasher.verify("x", ""))
                .isInstanceOf(MalformedPasswordHashException.class).hasMessageContaining("empty");
    }

    @Test
    void errorMessagesNeverContainTheHash() {
        String encoded = hasher.hash("secret");
        String tampered = encoded.replace("v=19", "v=18");

        assertThatThrownBy(() -> hasher.verify("secret", tampered))
                .message().doesNotContain(tampered.substring(tampered.lastIndexOf('$') + 1));
    }

    @Test
    void rejectsAModifiedTag() {
        String encoded = hasher.hash("correct horse battery staple");
        char last = encoded.charAt(encoded.length() - 2);
        String flipped = encoded.substring(0, encoded.length() - 2) + (last == 'A' ? 'B' : 'A') + encoded.charAt(encoded.length() - 1);

        assertThat(hasher.verify("correct horse battery staple", flipped)).isFalse();
    }

    @Test
    void detectsHashesMadeWithOtherParametersAsNeedingRehash() {
        String old = PasswordHasher.with(FASTER_OLD).hash("pw");

        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("pw"))).isFalse();
    }

    @Test
    void upgradesAnOldHashWhenTheCorrectPasswordIsGiven() {
        String old = PasswordHasher.with(FASTER_OLD).hash("correct horse battery staple");

        PasswordVerification result = hasher.verifyAndUpgrade("correct horse battery staple", old);

        assertThat(result.matches()).isTrue();
        assertThat(result.upgradedHash()).hasValueSatisfying(upgraded -> {
            assertThat(upgraded).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
            assertThat(hasher.needsRehash(upgraded)).isFalse();
            assertThat(hasher.verify("correct horse battery staple", upgraded)).isTrue();
        });
    }

    @Test
    void doesNotUpgradeACurrentHashOrAfterAWrongPassword() {
        String current = hasher.hash("pw");
        String old = PasswordHasher.with(FASTER_OLD).hash("pw");

        assertThat(hasher.verifyAndUpgrade("pw", current)).isEqualTo(new PasswordVerification(true, java.util.Optional.empty()));
        assertThat(hasher.verifyAndUpgrade("not pw", old).upgradedHash()).isEmpty();
    }

    @Test
    void verificationForAnUnknownAccountAlwaysFails() {
        assertThat(hasher.verifyForUnknownAccount("anything")).isFalse();
    }

    @Test
    void rejectsParametersOutsideRfc9106Bounds() {
        assertThatThrownBy(() -> new Argon2idParameters(16, 1, 4)).hasMessageContaining("8 × parallelism");
        assertThatThrownBy(() -> new Argon2idParameters(64, 0, 1)).hasMessageContaining("iterations");
        assertThatThrownBy(() -> new Argon2idParameters(64, 1, 0)).hasMessageContaining("parallelism");
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void configuredParametersMayNotGoBelowTheOwaspMinimumButStoredOnesStillVerify() {
        assertThat(Argon2idParameters.requireConfigurable(19456, 2, 1)).isEqualTo(new Argon2idParameters(19456, 2, 1));
        assertThatThrownBy(() -> Argon2idParameters.requireConfigurable(19455, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 19456 and 4194304 KiB");
        assertThatThrownBy(() -> Argon2idParameters.requireConfigurable(65536, 1, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 2 and 64");
        assertThatThrownBy(() -> Argon2idParameters.requireConfigurable(65536, 3, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism must be between 1 and 255");

        String weak = PasswordHasher.with(new Argon2idParameters(8, 1, 1)).hash("correct horse battery staple");
        PasswordVerification v = PasswordHasher.with(Argon2idParameters.requireConfigurable(19456, 2, 1))
                .verifyAndUpgrade("correct horse battery staple", weak);
        assertThat(v.matches()).isTrue();
        assertThat(v.upgradedHash().orElseThrow()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }
}

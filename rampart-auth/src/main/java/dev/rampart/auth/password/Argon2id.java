package dev.rampart.auth.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id version 0x13 (RFC 9106) through Bouncy Castle. */
final class Argon2id {

    private Argon2id() {}

    static byte[] derive(byte[] password, byte[] salt, Argon2idParameters parameters, int tagLength) {
        return derive(password, salt, null, null, parameters, tagLength);
    }

    /** With the optional secret K and associated data X of RFC 9106 §3.1 (used by the §5.3 test vector). */
    static byte[] derive(byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            Argon2idParameters parameters, int tagLength) {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(parameters.memoryKiB())
                .withIterations(parameters.iterations())
                .withParallelism(parameters.parallelism())
                .withSalt(salt);
        if (secret != null) {
            builder.withSecret(secret);
        }
        if (associatedData != null) {
            builder.withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(builder.build());
        byte[] tag = new byte[tagLength];
        generator.generateBytes(password, tag);
        return tag;
    }
}

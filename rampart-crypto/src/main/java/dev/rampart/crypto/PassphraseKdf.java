package dev.rampart.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id for a master key derived from a passphrase. Defaults are RFC 9106 §4's second
 * recommended option (t=3, p=4, m=64 MiB, 128-bit salt, 256-bit tag), for machines where the
 * first option's 2 GiB is not available. The parameters and salt are stored with the master-key
 * record, so a later change of defaults never locks out existing data.
 */
record PassphraseKdf(byte[] salt, int memoryKib, int iterations, int parallelism) {

    static PassphraseKdf fresh(SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return new PassphraseKdf(salt, 64 * 1024, 3, 4);
    }

    byte[] derive(char[] passphrase) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build());
        byte[] key = new byte[32];
        generator.generateBytes(passphrase, key);
        return key;
    }
}

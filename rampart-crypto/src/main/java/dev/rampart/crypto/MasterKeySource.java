package dev.rampart.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Where the master key (key-encryption key, KEK) comes from: 32 random bytes, or a passphrase
 * from which the store derives the key with Argon2id (RFC 9106) and a salt it keeps. Every keyset
 * and secret at rest is encrypted under this key; it is itself never stored.
 */
public sealed interface MasterKeySource {

    /** Environment variable holding the key as base64 of 32 random bytes. */
    String KEY_VARIABLE = "RAMPART_MASTER_KEY";
    /** Environment variable naming a file that holds the key (base64 text or the 32 raw bytes). */
    String KEY_FILE_VARIABLE = "RAMPART_MASTER_KEY_FILE";
    /** Environment variable holding a passphrase (Argon2id-derived key). */
    String PASSPHRASE_VARIABLE = "RAMPART_MASTER_PASSPHRASE";

    /** What to tell an operator who has not given a master key. */
    String HOW_TO_PROVIDE = "set " + KEY_VARIABLE + " to base64 of 32 random bytes (e.g. `openssl rand -base64 32`), "
            + KEY_FILE_VARIABLE + " to a file holding that, or " + PASSPHRASE_VARIABLE + " to a passphrase";

    /** Key bytes given directly (exactly 32). */
    record KeyBytes(byte[] key) implements MasterKeySource {
        public KeyBytes {
            if (key == null || key.length != 32) {
                throw new CryptoException(CryptoException.Reason.INVALID_INPUT, "the master key must be exactly 32 bytes, got "
                        + (key == null ? "none" : key.length) + " — " + HOW_TO_PROVIDE);
            }
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public String toString() {
            return "MasterKeySource.KeyBytes[***]";
        }
    }

    /** A passphrase; the key is derived with Argon2id and the salt stored beside the data. */
    record Passphrase(char[] passphrase) implements MasterKeySource {
        public Passphrase {
            if (passphrase == null || passphrase.length < 12) {
                throw new CryptoException(CryptoException.Reason.INVALID_INPUT,
                        "the master passphrase must be at least 12 characters");
            }
            passphrase = passphrase.clone();
        }

        @Override
        public char[] passphrase() {
            return passphrase.clone();
        }

        @Override
        public String toString() {
            return "MasterKeySource.Passphrase[***]";
        }
    }

    /** Base64 (standard or URL alphabet) of 32 bytes. */
    static MasterKeySource ofBase64(String base64, String where) {
        String text = base64.strip();
        try {
            return new KeyBytes(text.contains("-") || text.contains("_")
                    ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new CryptoException(CryptoException.Reason.INVALID_INPUT,
                    "the master key in " + where + " is not base64 — " + HOW_TO_PROVIDE);
        }
    }

    /** A file holding base64 of 32 bytes, or the 32 raw bytes themselves. */
    static MasterKeySource fromFile(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CryptoException(CryptoException.Reason.IO, "cannot read the master key file " + file + ": " + e, e);
        }
        try {
            return content.length == 32 ? new KeyBytes(content)
                    : ofBase64(new String(content, StandardCharsets.US_ASCII), "file " + file);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** A passphrase given as text. */
    static MasterKeySource passphrase(char[] passphrase) {
        return new Passphrase(passphrase);
    }

    /**
     * The master key the environment gives through {@link #KEY_VARIABLE}, {@link #KEY_FILE_VARIABLE}
     * or {@link #PASSPHRASE_VARIABLE}; empty when none is set.
     *
     * @throws CryptoException when more than one is set (which one wins would be a guess)
     */
    static Optional<MasterKeySource> fromEnvironment(Map<String, String> environment) {
        String key = blankToNull(environment.get(KEY_VARIABLE));
        String file = blankToNull(environment.get(KEY_FILE_VARIABLE));
        String passphrase = blankToNull(environment.get(PASSPHRASE_VARIABLE));
        int given = (key == null ? 0 : 1) + (file == null ? 0 : 1) + (passphrase == null ? 0 : 1);
        if (given > 1) {
            throw new CryptoException(CryptoException.Reason.INVALID_INPUT, "more than one of " + KEY_VARIABLE + ", "
                    + KEY_FILE_VARIABLE + " and " + PASSPHRASE_VARIABLE + " is set; set exactly one");
        }
        if (key != null) {
            return Optional.of(ofBase64(key, KEY_VARIABLE));
        }
        if (file != null) {
            return Optional.of(fromFile(Path.of(file)));
        }
        return passphrase == null ? Optional.empty() : Optional.of(new Passphrase(passphrase.toCharArray()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

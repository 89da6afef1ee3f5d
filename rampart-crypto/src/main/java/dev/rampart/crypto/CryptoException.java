package dev.rampart.crypto;

import java.util.Locale;

/**
 * A crypto operation that could not be done. The {@link Reason} is stable (the admin API maps it
 * to a status and an error code); the message says what was wrong, on which key or path, and what
 * is allowed. Messages never hold plaintext, key material or secret values.
 */
public final class CryptoException extends RuntimeException {

    /** Why an operation failed. */
    public enum Reason {
        /** Encrypted data exists (or is to be written) but no master key was given. */
        MASTER_KEY_MISSING,
        /** The master key given is not the one the data was encrypted under. */
        MASTER_KEY_WRONG,
        KEY_NOT_FOUND,
        KEY_EXISTS,
        /** The caller lacks the {@code transit:<operation>:<key>} permission. */
        DENIED,
        /** Malformed input: a name, a ciphertext's form, a size, a version number. */
        INVALID_INPUT,
        /** The key's type does not do this operation (e.g. sign with an AES key). */
        UNSUPPORTED_OPERATION,
        /** The version is below min_decryption_version / min_encryption_version, trimmed, or unknown. */
        VERSION_NOT_ALLOWED,
        /** Ciphertext altered, truncated, under another key, or with other associated data. */
        DECRYPTION_FAILED,
        /** The key's deletion_allowed is false. */
        DELETION_NOT_ALLOWED,
        SECRET_NOT_FOUND,
        /** A check-and-set write whose expected version is not the current one. */
        CAS_MISMATCH,
        /** A file or signature could not be read or written. */
        IO
    }

    private final Reason reason;

    public CryptoException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CryptoException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The reason as a stable kebab-case code, e.g. {@code decryption-failed}, for events and API errors. */
    public String code() {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

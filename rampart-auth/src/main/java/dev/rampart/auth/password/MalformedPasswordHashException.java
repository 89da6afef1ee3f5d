package dev.rampart.auth.password;

/**
 * A stored password hash is not an Argon2id PHC string this library can verify: the store holds
 * something else, or it was truncated or tampered with. The message says which part is wrong; it
 * never contains the hash itself.
 */
public final class MalformedPasswordHashException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    MalformedPasswordHashException(String message) {
        super("Malformed password hash: " + message
                + ". Expected $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash> (unpadded base64).");
    }
}

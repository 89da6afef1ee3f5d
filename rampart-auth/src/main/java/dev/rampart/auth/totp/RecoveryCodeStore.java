package dev.rampart.auth.totp;

import java.util.Set;

/**
 * The hashes of each account's unused recovery codes. The plaintext codes are never stored.
 */
public interface RecoveryCodeStore {

    /** Replaces the account's codes with a new set (issuing new codes invalidates the old ones). */
    void replace(String account, Set<String> hashes);

    /** Removes the hash if present, atomically: two concurrent logins with one code cannot both succeed. */
    boolean consume(String account, String hash);

    int remaining(String account);
}

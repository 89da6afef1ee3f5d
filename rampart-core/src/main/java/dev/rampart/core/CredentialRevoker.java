package dev.rampart.core;

/**
 * Takes a credential out of use when the detector concludes it is compromised or abused (a revoked
 * key still being tried, a token replayed). Core defines it so that the detector needs no
 * dependency on the module that owns the credential; the gateway implements it over rampart-auth.
 * Implementations may block (they write to the store); the detector calls them on its own worker.
 */
public interface CredentialRevoker {

    /** What kind of credential an id names. */
    enum Kind {
        /** An API key, by its key id ({@code key_id} in events). */
        API_KEY,
        /** An OAuth2 client of Rampart's authorization server, by client id. */
        OAUTH2_CLIENT,
        /** A user account, by user id or name. */
        USER
    }

    /**
     * Revokes the credential for good; it cannot be enabled again.
     *
     * @param reason why, for operators and events (no secrets)
     * @return {@code true} when it was in use and is now revoked, {@code false} when no such
     *     credential exists or it was already revoked
     */
    boolean revoke(Kind kind, String id, String reason);

    /**
     * Disables the credential until an operator enables it again, when revoking would be too harsh
     * (a user whose password may have been guessed).
     *
     * @return {@code true} when it was enabled and is now disabled
     */
    boolean disable(Kind kind, String id, String reason);
}

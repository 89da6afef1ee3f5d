package dev.rampart.auth.oauth2;

import java.util.Locale;

/** How an OAuth2 client proves who it is at the token endpoint. */
public enum ClientAuthMethod {
    /**
     * A client secret, sent with HTTP Basic ({@code client_secret_basic}) or in the form body
     * ({@code client_secret_post}), RFC 6749 §2.3.1.
     */
    CLIENT_SECRET("client_secret"),
    /** A JWT signed with the client's private key (RFC 7523 §2.2, {@code private_key_jwt}). */
    PRIVATE_KEY_JWT("private_key_jwt");

    private final String wireName;

    ClientAuthMethod(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the store, the admin API and the CLI. */
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static ClientAuthMethod parse(String name) {
        for (ClientAuthMethod m : values()) {
            if (m.wireName.equals(name == null ? "" : name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a client authentication method; use client_secret "
                + "or private_key_jwt");
    }
}

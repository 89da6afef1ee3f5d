package dev.rampart.auth.jwt;

/**
 * Token ids ({@code jti}, RFC 7519 §4.1.7) that must no longer be accepted although their
 * signature and lifetime are fine. Consulted on every verification, cache hits included, so an
 * implementation must be fast and thread-safe.
 */
@FunctionalInterface
public interface RevocationList {

    /** Whether the token with this {@code jti} is revoked. */
    boolean isRevoked(String jti);

    /** A list that revokes nothing. */
    static RevocationList none() {
        return jti -> false;
    }
}

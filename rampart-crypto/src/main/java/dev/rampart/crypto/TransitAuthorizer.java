package dev.rampart.crypto;

import dev.rampart.core.Principal;

/**
 * Decides whether a caller may do one operation on one transit key. Permissions are strings
 * {@code transit:<operation>:<key>}, e.g. {@code transit:encrypt:payments}; operations are
 * {@code create read rotate configure trim delete encrypt decrypt rewrap datakey sign verify hmac},
 * plus {@code transit:random:bytes} and {@code transit:hash:<algorithm>} for the keyless ones.
 * The policy module implements this with its wildcard permissions and roles.
 */
@FunctionalInterface
public interface TransitAuthorizer {

    boolean permits(Principal principal, String permission);

    /**
     * Grants everything: for the command line, whose user already holds the store and the master
     * key, and for tests. Never wire it to a network listener.
     */
    static TransitAuthorizer localOperator() {
        return (principal, permission) -> true;
    }
}

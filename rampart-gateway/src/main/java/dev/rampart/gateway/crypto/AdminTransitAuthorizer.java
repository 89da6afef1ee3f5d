package dev.rampart.gateway.crypto;

import dev.rampart.core.Principal;
import dev.rampart.crypto.TransitAuthorizer;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what on transit keys through the gateway. Today the admin API is the only way in and
 * its token is full access, so the admin principal holds every {@code transit:<operation>:<key>}
 * permission; the gateway's own principal holds those of its credential-secret key, and any other
 * principal none. This is the seam for the policy module: a policy
 * decision on the same permission strings replaces {@link #permits} without touching the endpoints.
 */
public final class AdminTransitAuthorizer implements TransitAuthorizer {

    /** The principal every admin-token call acts as; operations are audited under it. */
    public static final Principal ADMIN = new Principal("admin", Principal.Type.SERVICE, "admin-token",
            Set.of("admin"), Set.of(), Map.of());

    @Override
    public boolean permits(Principal principal, String permission) {
        // the gateway itself uses its own key and nothing else
        return ADMIN.equals(principal)
                || CredentialSecret.GATEWAY.equals(principal) && permission.endsWith(":" + CredentialSecret.TRANSIT_KEY);
    }
}

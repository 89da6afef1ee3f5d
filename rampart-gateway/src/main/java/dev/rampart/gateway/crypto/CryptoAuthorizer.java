package dev.rampart.gateway.crypto;

import dev.rampart.core.Principal;
import dev.rampart.crypto.TransitAuthorizer;
import dev.rampart.policy.AccessRequest;
import dev.rampart.policy.Authorizer;
import dev.rampart.policy.Permission;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may do what on transit keys and secrets through the gateway: the admin credential holds every
 * {@code transit:<operation>:<key>} and {@code secrets:<operation>:<path>} permission; the gateway's
 * own principal holds those of its credential-secret key and nothing else; an application (an API
 * key or a JWT caller of {@code /admin/transit} and {@code /admin/secrets}) holds what the config's
 * {@code policy} grants it, read afresh on each call so a reload takes effect at once.
 *
 * <p>For an application the policy is always enforced: {@code policy.mode: shadow} applies to the
 * routes, never to keys and secrets, where "report and let through" would hand out plaintext. No
 * {@code policy} section: applications hold nothing. The gateway's own key is nobody else's, whatever
 * a role says: its ciphertext protects every API key's hash. Conditions of rules see the caller, the
 * time, and {@code request.method} = the operation and {@code request.path} = the key name or secret
 * path (a crypto call is not a proxied request), and {@code resource} = {@code {kind, name}}.
 */
public final class CryptoAuthorizer implements TransitAuthorizer {

    /** The principal every admin-credential call acts as; operations are audited under it. */
    public static final Principal ADMIN = new Principal("admin", Principal.Type.SERVICE, "admin-token",
            Set.of("admin"), Set.of(), Map.of());

    private final Supplier<Authorizer> policy;
    private final Clock clock;

    /** @param policy the policy in force (null when the config has none), read on every decision */
    public CryptoAuthorizer(Supplier<Authorizer> policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public boolean permits(Principal principal, String permission) {
        if (ADMIN.equals(principal)) {
            return true;
        }
        boolean gatewayKey = permission.startsWith("transit:") && permission.endsWith(":" + CredentialSecret.TRANSIT_KEY);
        if (CredentialSecret.GATEWAY.equals(principal)) {
            return gatewayKey;
        }
        if (principal == null || gatewayKey) {
            return false;
        }
        Authorizer authorizer = policy.get();
        if (authorizer == null) {
            return false;
        }
        Permission required;
        try {
            required = Permission.parseRequired(permission);
        } catch (IllegalArgumentException e) {
            return false;   // a key name or path no permission can name is granted to nobody
        }
        AccessRequest request = AccessRequest.of(required.action(), required.target(), clock.instant())
                .withResource(Map.of("kind", required.resource(), "name", required.target()))
                .withPermissions(List.of(required));
        return authorizer.decide(principal, request).allowed();
    }
}

package dev.rampart.auth.apikey;

import dev.rampart.core.net.CidrSet;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What is known about an API key, without its secret or the secret's hash: safe to show in the
 * admin API and in logs.
 *
 * @param id the key id (the 12 characters after {@code rmp_})
 * @param expiresAt when the key stops working, or {@code null} for never
 * @param lastUsedAt the latest successful authentication written to the store, or {@code null};
 *     written in batches (see {@link ApiKeys#flushLastUsed()}), so it may lag by one flush interval
 * @param previousSecretValidUntil after a rotation, until when the replaced secret still works,
 *     or {@code null} when there is no such secret
 * @param revokedAt when the key was revoked, or {@code null}
 * @param plan the key's rate-limit plan, or {@code null} for the default plan
 */
public record ApiKeyRecord(
        String id,
        String name,
        String owner,
        Set<String> roles,
        Set<String> scopes,
        CidrSet allowedCidrs,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        boolean enabled,
        Instant previousSecretValidUntil,
        Instant revokedAt,
        String plan) {

    public ApiKeyRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(allowedCidrs, "allowedCidrs");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Equal when every component is; the networks compare by their blocks (CidrSet has no equals). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKeyRecord r && id.equals(r.id) && name.equals(r.name) && owner.equals(r.owner)
                && roles.equals(r.roles) && scopes.equals(r.scopes)
                && allowedCidrs.blocks().equals(r.allowedCidrs.blocks())
                && createdAt.equals(r.createdAt) && Objects.equals(expiresAt, r.expiresAt)
                && Objects.equals(lastUsedAt, r.lastUsedAt) && enabled == r.enabled
                && Objects.equals(previousSecretValidUntil, r.previousSecretValidUntil)
                && Objects.equals(revokedAt, r.revokedAt) && Objects.equals(plan, r.plan);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, owner, roles, scopes, allowedCidrs.blocks(), createdAt, expiresAt, lastUsedAt,
                enabled, previousSecretValidUntil, revokedAt, plan);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether {@code at} is at or past the expiry. */
    public boolean expiredAt(Instant at) {
        return expiresAt != null && !at.isBefore(expiresAt);
    }

    /** Whether the key may be used from {@code client}: anywhere when no networks are set. */
    public boolean allowsClient(InetAddress client) {
        return allowedCidrs.isEmpty() || allowedCidrs.contains(client);
    }
}

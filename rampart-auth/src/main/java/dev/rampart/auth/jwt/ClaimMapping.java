package dev.rampart.auth.jwt;

import dev.rampart.core.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How an issuer's claims become a {@link Principal}: which claim names the caller, which holds
 * its roles, and which claims are copied as attributes for policies. Scopes always come from
 * {@code scope} (a space-separated string, RFC 8693 §4.2) and {@code scp} (an array or string, as
 * Microsoft Entra and Okta issue it).
 *
 * <p>Claim names may be dotted paths into JSON objects, e.g. {@code realm_access.roles} for
 * Keycloak.
 */
public final class ClaimMapping {

    private final String subjectClaim;
    private final String rolesClaim;
    private final Map<String, String> attributeClaims;
    private final Principal.Type principalType;

    private ClaimMapping(Builder b) {
        this.subjectClaim = b.subjectClaim;
        this.rolesClaim = b.rolesClaim;
        this.attributeClaims = Map.copyOf(b.attributeClaims);
        this.principalType = b.principalType;
    }

    /** {@code sub} names the caller, {@code roles} holds its roles, no attributes, type USER. */
    public static ClaimMapping defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    String subjectClaim() {
        return subjectClaim;
    }

    String rolesClaim() {
        return rolesClaim;
    }

    Map<String, String> attributeClaims() {
        return attributeClaims;
    }

    Principal.Type principalType() {
        return principalType;
    }

    public static final class Builder {
        private String subjectClaim = "sub";
        private String rolesClaim = "roles";
        private final Map<String, String> attributeClaims = new LinkedHashMap<>();
        private Principal.Type principalType = Principal.Type.USER;

        private Builder() {}

        /** The claim whose string value becomes {@link Principal#id()}; {@code sub} by default. */
        public Builder subjectClaim(String claim) {
            this.subjectClaim = requireClaimName(claim);
            return this;
        }

        /** The claim holding role names, as an array of strings or a space-separated string. */
        public Builder rolesClaim(String claim) {
            this.rolesClaim = requireClaimName(claim);
            return this;
        }

        /** Copies {@code claim} (when present) into the principal's attributes as {@code attribute}. */
        public Builder attribute(String attribute, String claim) {
            attributeClaims.put(Objects.requireNonNull(attribute, "attribute"), requireClaimName(claim));
            return this;
        }

        /** The principal type of callers from this issuer; USER by default (SERVICE for machine tokens). */
        public Builder principalType(Principal.Type type) {
            this.principalType = Objects.requireNonNull(type, "type");
            return this;
        }

        public ClaimMapping build() {
            return new ClaimMapping(this);
        }

        private static String requireClaimName(String claim) {
            if (claim == null || claim.isBlank()) {
                throw new IllegalArgumentException("claim name must not be blank");
            }
            return claim;
        }
    }
}

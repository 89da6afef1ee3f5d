package dev.rampart.auth.apikey;

import dev.rampart.core.net.CidrSet;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link ApiKeys#create} needs to issue a key: the admin API's and
 * {@code rampart keys create --name … --roles … --scopes … --expires 90d}'s inputs.
 *
 * @param name a label for people ("ci-deploy"), 1–100 characters, no control characters
 * @param owner who is responsible for the key (user id or team), same rules as {@code name}
 * @param roles role names for authorization; no whitespace in a name
 * @param scopes OAuth2-style scopes; no whitespace in a scope (RFC 6749 §3.3)
 * @param allowedCidrs client networks the key may be used from ({@code 10.0.0.0/8},
 *     {@code 2001:db8::/32}); empty means anywhere
 * @param expiresAfter lifetime from creation, or {@code null} for a key that does not expire
 * @param plan the rate-limit plan of the key's caller ({@code rate-limits.plans}), carried as the
 *     principal's {@code plan} attribute; {@code null}: the default plan
 */
public record NewApiKey(
        String name,
        String owner,
        Set<String> roles,
        Set<String> scopes,
        List<String> allowedCidrs,
        Duration expiresAfter,
        String plan) {

    public NewApiKey {
        checkLabel("name", name);
        checkLabel("owner", owner);
        roles = checkTokens("role", roles);
        scopes = checkTokens("scope", scopes);
        allowedCidrs = List.copyOf(allowedCidrs == null ? List.of() : allowedCidrs);
        CidrSet.parse(allowedCidrs); // fails now, naming the bad block, rather than at the first request
        if (expiresAfter != null && (expiresAfter.isNegative() || expiresAfter.isZero())) {
            throw new IllegalArgumentException("an API key's expiry must be in the future, got " + expiresAfter
                    + "; omit it for a key that does not expire");
        }
        if (plan != null) {
            checkTokens("plan", Set.of(plan));
        }
    }

    /** A key on the default rate-limit plan. */
    public NewApiKey(String name, String owner, Set<String> roles, Set<String> scopes, List<String> allowedCidrs,
            Duration expiresAfter) {
        this(name, owner, roles, scopes, allowedCidrs, expiresAfter, null);
    }

    static void checkLabel(String what, String value) {
        if (value == null || value.isBlank() || value.length() > 100 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an API key's " + what + " must be 1–100 characters without control characters, got "
                    + (value == null ? "none" : "'" + value.replaceAll("\\p{Cntrl}", "?") + "'"));
        }
    }

    private static Set<String> checkTokens(String what, Collection<String> values) {
        Set<String> copy = Set.copyOf(values == null ? Set.of() : values);
        for (String value : copy) {
            if (value.isEmpty() || value.length() > 128 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("the " + what + " '" + value.replaceAll("\\p{Cntrl}", "?")
                        + "' is not allowed: use 1–128 visible ASCII characters without spaces");
            }
        }
        return copy;
    }
}

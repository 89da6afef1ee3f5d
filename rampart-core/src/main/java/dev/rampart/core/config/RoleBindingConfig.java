package dev.rampart.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives roles to callers ({@code policy.bindings[i]}): a caller gets the roles when any one of the
 * selectors matches it.
 */
public record RoleBindingConfig(
        @Required @Doc("The roles given; each must be defined under policy.roles.") List<String> roles,
        @Doc("Principal ids (users, clients, services; not API keys, see api-keys).") List<String> principals,
        @Doc("Groups: matches a caller whose 'groups' attribute (a list or a single value) holds one of them.")
        List<String> groups,
        @Doc("API key ids (as listed by GET /admin/api-keys).") List<String> apiKeys,
        @Doc("Token claims by name and value, e.g. org_role: admin; matches a caller whose attribute of that "
                + "name equals the value (or, for a list, holds it).") Map<String, String> claims) {

    public RoleBindingConfig {
        roles = roles == null ? List.of() : List.copyOf(roles);
        principals = principals == null ? List.of() : List.copyOf(principals);
        groups = groups == null ? List.of() : List.copyOf(groups);
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        claims = claims == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }
}

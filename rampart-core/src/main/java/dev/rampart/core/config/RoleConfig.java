package dev.rampart.core.config;

import java.util.List;

/** One role ({@code policy.roles.<name>}): what it may do, and the roles whose permissions it also has. */
public record RoleConfig(
        @Doc("What the role may do, as 'resource:action': 'messages:write', 'messages:*' (any action on "
                + "messages), '*:read' (read anything), '*:*' (everything).") List<String> permissions,
        @Doc("Roles whose permissions this role also has (and so on up); a cycle is a config error.")
        List<String> inherits,
        @Doc("What the role is for; shown in explanations and the admin API.") String description) {

    public RoleConfig {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        inherits = inherits == null ? List.of() : List.copyOf(inherits);
    }
}

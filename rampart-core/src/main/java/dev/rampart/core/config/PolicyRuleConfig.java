package dev.rampart.core.config;

import java.util.List;

/**
 * An allow or deny rule ({@code policy.rules[i]}): for whom, on which permissions, and under which
 * condition. A deny rule that applies overrides every allow.
 */
public record PolicyRuleConfig(
        @Required @Doc("Rule id, unique in the policy; named in explanations and audit events.") String id,
        @Required @Doc("'allow' or 'deny'.") Effect effect,
        @Doc("Roles the rule applies to (held directly, by binding or by inheritance); with principals: either. "
                + "Neither: every authenticated caller.") List<String> roles,
        @Doc("Principal ids the rule applies to (not API keys).") List<String> principals,
        @Required @Doc("Permissions the rule covers, 'resource:action' with '*' wildcards, e.g. [messages:*].")
        List<String> permissions,
        @Doc("CEL expression that must be true for the rule to apply, over principal (id, type, roles, scopes, "
                + "attributes), request (method, path, params, query, headers, ip, time) and resource; e.g. "
                + "request.params.org == principal.attributes.org. Checked at load.") String condition,
        @Doc("What the rule is for; shown in explanations.") String description) {

    /** What a rule does when it applies. */
    public enum Effect {
        allow,
        deny
    }

    public PolicyRuleConfig {
        roles = roles == null ? List.of() : List.copyOf(roles);
        principals = principals == null ? List.of() : List.copyOf(principals);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }
}

package dev.rampart.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Authorization ({@code policy:}): roles and their permissions, who holds which role, which
 * permissions a method and path need, and allow/deny rules with CEL conditions. Deny rules override
 * allow; a request nothing allows is denied.
 */
public record PolicyConfig(
        @Doc("'enforce' (default): denials are answered 403. 'shadow': every request is decided and the "
                + "decision reported (events, logs) but nothing is denied, for a safe roll-out.") Mode mode,
        @Doc("Roles by name, each with its permissions ('resource:action', '*' for any resource or action) "
                + "and the roles it inherits from.") Map<String, RoleConfig> roles,
        @Doc("Who holds which role besides the roles their credentials carry: by principal id, group, "
                + "API key id or token claim.") List<RoleBindingConfig> bindings,
        @Doc("Permissions by method and path template, for routes that do not list their own permissions; "
                + "the first entry that matches decides.") List<PolicyRouteConfig> routes,
        @Doc("Allow and deny rules beyond role grants, each optionally with a CEL condition; deny overrides allow.")
        List<PolicyRuleConfig> rules,
        @Doc("Also report allowed requests as 'policy.allowed' events (with their explanation). Default false: "
                + "only denials are reported, since every authorized request would otherwise be one event.")
        Boolean reportAllowed) {

    /** Whether decisions are enforced or only reported. */
    public enum Mode {
        enforce,
        shadow
    }

    public PolicyConfig {
        mode = mode == null ? Mode.enforce : mode;
        roles = roles == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        bindings = bindings == null ? List.of() : List.copyOf(bindings);
        routes = routes == null ? List.of() : List.copyOf(routes);
        rules = rules == null ? List.of() : List.copyOf(rules);
        reportAllowed = reportAllowed == null ? Boolean.FALSE : reportAllowed;
    }
}

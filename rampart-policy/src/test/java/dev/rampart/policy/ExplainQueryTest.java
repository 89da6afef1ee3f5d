package dev.rampart.policy;

import static dev.rampart.policy.Policies.NOON;
import static dev.rampart.policy.Policies.authorizer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExplainQueryTest {

    private final Authorizer policy = authorizer("""
            roles:
              member: {}
              writer: { permissions: ["messages:write"] }
            bindings:
              - { roles: [writer], api-keys: [key_01] }
            routes:
              - { methods: [POST], path: "/orgs/{org}/messages", permissions: ["messages:write"] }
            rules:
              - { id: own-org, effect: allow, roles: [member], permissions: ["messages:write"],
                  condition: request.params.org == principal.attributes.org }
            """);

    @Test
    void adminApiJsonBodyIsAnsweredAsTheGatewayWouldDecide() {
        ExplainQuery q = JsonMapper.builder().build().readValue("""
                {"principal": "alice", "roles": ["member"], "attributes": {"org": "acme"},
                 "method": "POST", "path": "/orgs/acme/messages"}
                """, ExplainQuery.class);

        AuthorizationDecision d = policy.explain(q, NOON);

        assertThat(d.allowed()).isTrue();
        assertThat(d.summary()).isEqualTo("allow alice POST /orgs/acme/messages: messages:write by rule own-org");
    }

    @Test
    void apiKeyCallerIsMatchedByApiKeyBindings() {
        ExplainQuery q = new ExplainQuery("key_01", Principal.Type.API_KEY, null, null, null, "POST",
                "/orgs/x/messages", null, null, null, null, null, null);

        assertThat(policy.explain(q, NOON).allowed()).isTrue();
    }

    @Test
    void routePermissionsInTheQueryReplacePolicyRoutes() {
        ExplainQuery q = new ExplainQuery("alice", null, List.of("writer"), null, null, "GET", "/anything",
                null, null, null, null, null, List.of("messages:write"));

        assertThat(policy.explain(q, NOON).allowed()).isTrue();
    }

    @Test
    void queryWithoutCallerMethodOrPathOrWithBadPermissionNamesEachField() {
        ExplainQuery q = new ExplainQuery(" ", null, null, null, Map.of(), null, "orgs", null, null, null, null, null,
                List.of("messages:*"));

        assertThatThrownBy(() -> policy.explain(q, NOON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("principal: give the caller's id")
                .hasMessageContaining("method: give the request's method")
                .hasMessageContaining("path: give the request's path")
                .hasMessageContaining("permissions[0]: 'messages:*'");
    }
}

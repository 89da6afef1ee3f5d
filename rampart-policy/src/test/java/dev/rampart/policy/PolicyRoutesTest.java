package dev.rampart.policy;

import static dev.rampart.policy.Policies.NOON;
import static dev.rampart.policy.Policies.authorizer;
import static dev.rampart.policy.Policies.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyRoutesTest {

    private final Authorizer policy = authorizer("""
            roles:
              writer: { permissions: ["messages:write", "messages:read"] }
            routes:
              - { methods: [POST], path: "/orgs/{org}/messages", permissions: ["messages:write"] }
              - { methods: [GET, HEAD], path: "/orgs/{org}/messages/{id}", permissions: ["messages:read"] }
              - { path: /health, permissions: ["health:read"] }
            """);

    @Test
    void methodAndPathTemplateMapToPermissionsAndParams() {
        AccessRequest resolved = policy.resolveRoute(AccessRequest.of("GET", "/orgs/acme/messages/m%2F1", NOON));

        assertThat(resolved.permissions()).containsExactly(Permission.parse("messages:read"));
        assertThat(resolved.params()).containsExactlyInAnyOrderEntriesOf(Map.of("org", "acme", "id", "m/1"));
    }

    @Test
    void methodMustBeListedWhenTheEntryListsMethods() {
        assertThat(policy.resolveRoute(AccessRequest.of("DELETE", "/orgs/acme/messages", NOON))).isNull();
        assertThat(policy.resolveRoute(AccessRequest.of("PATCH", "/health", NOON))).isNotNull();
    }

    @Test
    void templateParameterMatchesExactlyOneNonEmptySegment() {
        assertThat(policy.resolveRoute(AccessRequest.of("POST", "/orgs//messages", NOON))).isNull();
        assertThat(policy.resolveRoute(AccessRequest.of("POST", "/orgs/a/b/messages", NOON))).isNull();
        assertThat(policy.resolveRoute(AccessRequest.of("POST", "/orgs/a/messages/", NOON))).isNull();
    }

    @Test
    void unmappedRequestIsDeniedAndSaysWhatToConfigure() {
        AuthorizationDecision d = policy.decide(user("w", "writer"), AccessRequest.of("GET", "/unknown", NOON));

        assertThat(d.allowed()).isFalse();
        assertThat(d.explanation().outcome()).isEqualTo(Explanation.Outcome.NO_PERMISSION_MAPPED);
        assertThat(d.summary()).isEqualTo("deny w GET /unknown: no permission is mapped to GET /unknown; "
                + "list permissions on the route or add a policy.routes entry");
    }

    @Test
    void permissionsTheRouteDeclaresTakePrecedenceOverPolicyRoutes() {
        AccessRequest declared = AccessRequest.of("POST", "/orgs/acme/messages", NOON)
                .withPermissions(List.of(Permission.parseRequired("billing:write")));

        AuthorizationDecision d = policy.decide(user("w", "writer"), declared);

        assertThat(d.allowed()).isFalse();
        assertThat(d.explanation().permissions()).containsExactly("billing:write");
    }

    @Test
    void mappedRequestIsDecidedOnTheMappedPermission() {
        assertThat(policy.decide(user("w", "writer"), AccessRequest.of("POST", "/orgs/acme/messages", NOON)).allowed())
                .isTrue();
    }
}

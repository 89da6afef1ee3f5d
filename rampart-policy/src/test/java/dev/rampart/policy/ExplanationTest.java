package dev.rampart.policy;

import static dev.rampart.policy.Policies.authorizer;
import static dev.rampart.policy.Policies.needs;
import static dev.rampart.policy.Policies.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExplanationTest {

    private final Authorizer policy = authorizer("""
            roles:
              reader:  { permissions: ["messages:read"] }
              writer:  { permissions: ["messages:write"], inherits: [reader] }
              editor:  { inherits: [writer] }
              admin:   { permissions: ["*:*"] }
            rules:
              - id: own-org
                effect: allow
                permissions: ["messages:write"]
                condition: request.params.org == principal.attributes.org
              - { id: freeze, effect: deny, permissions: ["messages:delete"] }
            """);

    @Test
    void denialNamesThePermissionTheRolesThatGrantItAndTheFalseCondition() {
        AuthorizationDecision d = policy.decide(user("alice", Map.of("org", "acme"), "reader"),
                needs("POST", "/orgs/globex/messages", "messages:write").withParams(Map.of("org", "globex")));

        Explanation e = d.explanation();
        assertThat(e.outcome()).isEqualTo(Explanation.Outcome.NOT_GRANTED);
        assertThat(e.principal()).isEqualTo("alice");
        assertThat(e.roles()).containsExactly("reader");
        assertThat(e.missing()).singleElement().satisfies(m -> {
            assertThat(m.permission()).isEqualTo("messages:write");
            assertThat(m.grantingRoles()).containsExactly("admin", "editor", "writer");
            assertThat(m.allowRules()).containsExactly("own-org");
        });
        assertThat(d.summary()).isEqualTo("deny alice POST /orgs/globex/messages: missing messages:write "
                + "(granted by roles admin, editor, writer; allow rule own-org did not apply); "
                + "rule own-org: condition false");
    }

    @Test
    void allowNamesTheRoleAndPattern() {
        AuthorizationDecision d = policy.decide(user("root", "admin"), needs("GET", "/m", "messages:read"));

        assertThat(d.summary()).isEqualTo("allow root GET /m: messages:read by role admin (*:*)");
        assertThat(d.auditDetails()).containsEntry("decision", "allow").containsEntry("enforced", "true")
                .containsEntry("granted-by", "messages:read=role:admin").containsEntry("roles", "admin");
    }

    @Test
    void denialByRuleNamesTheRule() {
        AuthorizationDecision d = policy.decide(user("root", "admin"), needs("DELETE", "/m/1", "messages:delete"));

        assertThat(d.explanation().deniedBy()).isEqualTo(new RuleMatch("freeze", "policy.rules[1]", "messages:delete",
                "messages:delete", null));
        assertThat(d.summary()).isEqualTo("deny root DELETE /m/1: rule freeze denies messages:delete");
        assertThat(d.auditDetails()).containsEntry("denied-by", "freeze").containsEntry("outcome", "denied_by_rule");
    }

    @Test
    void permissionNoRoleGrantsSaysSo() {
        AuthorizationDecision d = authorizer("roles: { reader: { permissions: [\"messages:read\"] } }")
                .decide(user("r", "reader"), needs("GET", "/x", "reports:read"));

        assertThat(d.summary()).isEqualTo("deny r GET /x: missing reports:read (no role grants it)");
    }

    @Test
    void longListsOfGrantingRolesAreCapped() {
        StringBuilder yaml = new StringBuilder("roles:\n");
        for (int i = 0; i < 25; i++) {
            yaml.append("  r").append(String.format("%02d", i)).append(": { permissions: [\"x:y\"] }\n");
        }
        AuthorizationDecision d = authorizer(yaml.toString()).decide(user("u"), needs("GET", "/", "x:y"));

        MissingPermission m = d.explanation().missing().get(0);
        assertThat(m.grantingRoles()).hasSize(MissingPermission.MAX_LISTED).startsWith("r00", "r01");
        assertThat(m.moreGrantingRoles()).isEqualTo(15);
        assertThat(m.toString()).contains("and 15 more");
    }

    @Test
    void explanationSerialisesAsJson() {
        AuthorizationDecision d = policy.decide(user("alice", Map.of("org", "acme"), "reader"),
                needs("POST", "/orgs/acme/messages", "messages:write").withParams(Map.of("org", "acme")));

        String json = JsonMapper.builder().build().writeValueAsString(d);

        assertThat(json).contains("\"allowed\":true", "\"outcome\":\"ALLOWED\"", "\"source\":\"RULE\"",
                "\"name\":\"own-org\"", "\"path\":\"policy.rules[0].condition\"");
    }

    @Test
    void explanationCarriesNoRequestValues() {
        AuthorizationDecision d = policy.decide(user("alice", Map.of("org", "acme"), "reader"),
                needs("POST", "/orgs/globex/messages", "messages:write").withParams(Map.of("org", "globex"))
                        .withHeaders(Map.of("X-Trace", "secret-ish-value")));

        assertThat(d.summary()).doesNotContain("secret-ish-value", "acme");
        assertThat(d.auditDetails().values()).noneMatch(v -> v.contains("secret-ish-value") || v.contains("acme"));
    }
}

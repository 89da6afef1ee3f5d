package dev.rampart.policy;

import static dev.rampart.policy.Policies.authorizer;
import static dev.rampart.policy.Policies.needs;
import static dev.rampart.policy.Policies.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesTest {

    @Test
    void noRoleAndNoRuleMeansDeny() {
        Authorizer policy = authorizer("roles: { reader: { permissions: [\"messages:read\"] } }");

        AuthorizationDecision d = policy.decide(user("alice", "reader"), needs("DELETE", "/m/1", "messages:delete"));

        assertThat(d.allowed()).isFalse();
        assertThat(d.enforced()).isTrue();
        assertThat(d.permits()).isFalse();
        assertThat(d.explanation().outcome()).isEqualTo(Explanation.Outcome.NOT_GRANTED);
    }

    @Test
    void emptyPolicyDeniesEverything() {
        AuthorizationDecision d = authorizer("{}").decide(user("alice"), needs("GET", "/", "home:read"));

        assertThat(d.allowed()).isFalse();
    }

    @Test
    void callerWithoutPrincipalIsDenied() {
        AuthorizationDecision d = authorizer("rules: [{ id: open, effect: allow, permissions: [\"*:*\"] }]")
                .decide(null, needs("GET", "/", "home:read"));

        assertThat(d.allowed()).isFalse();
        assertThat(d.explanation().outcome()).isEqualTo(Explanation.Outcome.NO_PRINCIPAL);
    }

    @Test
    void denyRuleOverridesRoleGrantAndAllowRule() {
        Authorizer policy = authorizer("""
                roles:
                  admin: { permissions: ["*:*"] }
                rules:
                  - { id: everyone-reads, effect: allow, permissions: ["billing:read"] }
                  - { id: no-billing-for-contractors, effect: deny, roles: [admin], permissions: ["billing:*"],
                      condition: "principal.attributes.contractor == true" }
                """);
        AuthorizationDecision d = policy.decide(user("c", Map.of("contractor", true), "admin"),
                needs("GET", "/billing", "billing:read"));

        assertThat(d.allowed()).isFalse();
        assertThat(d.explanation().outcome()).isEqualTo(Explanation.Outcome.DENIED_BY_RULE);
        assertThat(d.explanation().deniedBy().ruleId()).isEqualTo("no-billing-for-contractors");
        assertThat(d.explanation().deniedBy().pattern()).isEqualTo("billing:*");
        assertThat(policy.decide(user("e", Map.of("contractor", false), "admin"),
                needs("GET", "/billing", "billing:read")).allowed()).isTrue();
    }

    @Test
    void allowRuleWithoutSubjectsAppliesToEveryAuthenticatedCaller() {
        Authorizer policy = authorizer("rules: [{ id: public-read, effect: allow, permissions: [\"docs:read\"] }]");

        AuthorizationDecision d = policy.decide(user("anyone"), needs("GET", "/docs", "docs:read"));

        assertThat(d.allowed()).isTrue();
        assertThat(d.explanation().grants()).containsExactly(
                new Grant("docs:read", Grant.Source.RULE, "public-read", "docs:read"));
    }

    @Test
    void ruleSubjectsMatchRolesByInheritanceAndPrincipalIds() {
        Authorizer policy = authorizer("""
                roles:
                  reader: {}
                  writer: { inherits: [reader] }
                rules:
                  - { id: readers, effect: allow, roles: [reader], permissions: ["docs:read"] }
                  - { id: bob-only, effect: allow, principals: [bob], permissions: ["docs:write"] }
                """);

        assertThat(policy.decide(user("w", "writer"), needs("GET", "/d", "docs:read")).allowed()).isTrue();
        assertThat(policy.decide(user("bob"), needs("PUT", "/d", "docs:write")).allowed()).isTrue();
        assertThat(policy.decide(user("w", "writer"), needs("PUT", "/d", "docs:write")).allowed()).isFalse();
    }

    @Test
    void shadowModeDecidesTheSameButDoesNotEnforce() {
        Authorizer policy = authorizer("""
                mode: shadow
                roles: { reader: { permissions: ["messages:read"] } }
                """);

        AuthorizationDecision denied = policy.decide(user("r", "reader"), needs("POST", "/m", "messages:write"));
        AuthorizationDecision allowed = policy.decide(user("r", "reader"), needs("GET", "/m", "messages:read"));

        assertThat(denied.allowed()).isFalse();
        assertThat(denied.enforced()).isFalse();
        assertThat(denied.permits()).isTrue();
        assertThat(denied.summary()).startsWith("shadow (not enforced): deny r POST /m: missing messages:write");
        assertThat(denied.auditDetails()).containsEntry("decision", "deny").containsEntry("enforced", "false");
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.enforced()).isFalse();
    }

    @Test
    void conditionTrueLetsAnAllowRuleApply() {
        Authorizer policy = orgMembersPolicy();

        AuthorizationDecision d = policy.decide(user("alice", Map.of("org", "acme"), "member"),
                needs("POST", "/orgs/acme/messages", "messages:write").withParams(Map.of("org", "acme")));

        assertThat(d.allowed()).isTrue();
        assertThat(d.explanation().conditions()).singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo(ConditionResult.Outcome.TRUE));
    }

    @Test
    void conditionFalseKeepsAnAllowRuleFromApplying() {
        AuthorizationDecision d = orgMembersPolicy().decide(user("alice", Map.of("org", "acme"), "member"),
                needs("POST", "/orgs/globex/messages", "messages:write").withParams(Map.of("org", "globex")));

        assertThat(d.allowed()).isFalse();
        assertThat(d.explanation().conditions()).singleElement().satisfies(c -> {
            assertThat(c.ruleId()).isEqualTo("members-write-own-org");
            assertThat(c.outcome()).isEqualTo(ConditionResult.Outcome.FALSE);
            assertThat(c.path()).isEqualTo("policy.rules[0].condition");
        });
    }

    @Test
    void conditionErrorOnAMissingAttributeNeverAllows() {
        AuthorizationDecision d = orgMembersPolicy().decide(user("alice", Map.of(), "member"),
                needs("POST", "/orgs/acme/messages", "messages:write").withParams(Map.of("org", "acme")));

        assertThat(d.allowed()).isFalse();
        assertThat(d.explanation().outcome()).isEqualTo(Explanation.Outcome.NOT_GRANTED);
        assertThat(d.explanation().conditions()).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(ConditionResult.Outcome.ERROR);
            assertThat(c.error()).contains("org");
        });
    }

    @Test
    void presenceTestTurnsAMissingAttributeIntoFalseInsteadOfAnError() {
        Authorizer policy = authorizer("""
                rules:
                  - { id: own-org, effect: allow, permissions: ["messages:write"],
                      condition: "'org' in principal.attributes && principal.attributes.org == request.params.org" }
                """);

        AuthorizationDecision d = policy.decide(user("alice"),
                needs("POST", "/orgs/acme/messages", "messages:write").withParams(Map.of("org", "acme")));

        assertThat(d.allowed()).isFalse();
        assertThat(d.explanation().conditions()).singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo(ConditionResult.Outcome.FALSE));
    }

    @Test
    void conditionErrorInADenyRuleDenies() {
        Authorizer policy = authorizer("""
                roles: { writer: { permissions: ["messages:write"] } }
                rules:
                  - { id: suspended, effect: deny, permissions: ["*:*"],
                      condition: "principal.attributes.suspended == true" }
                """);

        AuthorizationDecision d = policy.decide(user("w", "writer"), needs("POST", "/m", "messages:write"));

        assertThat(d.allowed()).isFalse();
        assertThat(d.explanation().deniedBy().condition().outcome()).isEqualTo(ConditionResult.Outcome.ERROR);
        assertThat(d.summary()).contains("rule suspended denies messages:write (condition error, which denies:");
    }

    @Test
    void conditionsSeeRequestQueryHeadersIpTimeAndResource() {
        Authorizer policy = authorizer("""
                rules:
                  - id: office-hours
                    effect: allow
                    permissions: ["reports:read"]
                    condition: >-
                      request.query.format == 'csv' && request.headers['x-team'] == 'finance'
                      && request.ip.startsWith('10.') && request.time < timestamp('2027-01-01T00:00:00Z')
                      && resource.owner == principal.id && 'analyst' in principal.roles
                      && request.method == 'GET' && request.path == '/reports/7'
                roles: { analyst: {} }
                """);
        AccessRequest request = needs("GET", "/reports/7", "reports:read")
                .withQuery(Map.of("format", "csv"))
                .withHeaders(Map.of("X-Team", "finance"))
                .withClientIp("10.1.2.3")
                .withResource(Map.of("owner", "alice"));

        assertThat(policy.decide(user("alice", "analyst"), request).allowed()).isTrue();
        assertThat(policy.decide(user("bob", "analyst"), request).allowed()).isFalse();
        assertThat(policy.decide(user("alice", "analyst"), request.withClientIp("192.0.2.1")).allowed()).isFalse();
    }

    @Test
    void numericAttributesCompareAsCelNumbers() {
        Authorizer policy = authorizer("""
                rules:
                  - { id: senior, effect: allow, permissions: ["payroll:read"], condition: "principal.attributes.level >= 5" }
                """);

        assertThat(policy.decide(user("a", Map.of("level", 7)), needs("GET", "/p", "payroll:read")).allowed()).isTrue();
        assertThat(policy.decide(user("b", Map.of("level", 3)), needs("GET", "/p", "payroll:read")).allowed()).isFalse();
    }

    @Test
    void onlyConditionsOfRulesCoveringTheRequiredPermissionAreEvaluated() {
        Authorizer policy = authorizer("""
                roles: { reader: { permissions: ["docs:read"] } }
                rules:
                  - { id: billing-owner, effect: allow, permissions: ["billing:*"], condition: "resource.owner == principal.id" }
                  - { id: no-exports, effect: deny, permissions: ["*:export"], condition: "principal.attributes.x == 1" }
                """);

        AuthorizationDecision d = policy.decide(user("r", "reader"), needs("GET", "/docs", "docs:read"));

        assertThat(d.allowed()).isTrue();
        assertThat(d.explanation().conditions()).isEmpty();
    }

    @Test
    void denyRuleWithSubjectsSparesOtherCallers() {
        Authorizer policy = authorizer("""
                roles:
                  writer: { permissions: ["messages:*"] }
                  intern: {}
                rules:
                  - { id: interns-never-delete, effect: deny, roles: [intern], permissions: ["messages:delete"] }
                """);

        assertThat(policy.decide(user("i", "writer", "intern"), needs("DELETE", "/m", "messages:delete")).allowed())
                .isFalse();
        assertThat(policy.decide(user("w", "writer"), needs("DELETE", "/m", "messages:delete")).allowed()).isTrue();
    }

    @Test
    void explainAnswersWhatDecideWould() {
        Authorizer policy = orgMembersPolicy();
        AccessRequest hypothetical = AccessRequest.of("POST", "/orgs/acme/messages", Policies.NOON);

        AuthorizationDecision explained = policy.explain(user("alice", Map.of("org", "acme"), "member"), hypothetical);

        assertThat(explained.allowed()).isTrue();
        assertThat(explained.explanation().permissions()).containsExactly("messages:write");
        assertThat(explained).isEqualTo(policy.decide(user("alice", Map.of("org", "acme"), "member"), hypothetical));
    }

    private static Authorizer orgMembersPolicy() {
        return authorizer("""
                roles:
                  member: {}
                  writer: { permissions: ["messages:write"] }
                routes:
                  - { methods: [POST], path: "/orgs/{org}/messages", permissions: ["messages:write"] }
                rules:
                  - id: members-write-own-org
                    effect: allow
                    roles: [member]
                    permissions: ["messages:write"]
                    condition: request.params.org == principal.attributes.org
                """);
    }
}

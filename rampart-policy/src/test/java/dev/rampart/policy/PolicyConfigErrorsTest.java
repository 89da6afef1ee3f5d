package dev.rampart.policy;

import static dev.rampart.policy.Policies.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyConfigErrorsTest {

    @Test
    void inheritanceCycleIsAConfigErrorNamingTheCycle() {
        List<PolicyProblem> problems = problems("""
                roles:
                  a: { inherits: [b] }
                  b: { inherits: [c] }
                  c: { inherits: [a] }
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("policy.roles.c.inherits");
            assertThat(p.message()).contains("cycle (a -> b -> c -> a)");
        });
    }

    @Test
    void roleInheritingFromItselfIsACycle() {
        assertThat(problems("roles: { a: { inherits: [a] } }")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("cycle (a -> a)"));
    }

    @Test
    void conditionWithMisspeltFieldIsRefusedWithItsPathAndPosition() {
        List<PolicyProblem> problems = problems("""
                rules:
                  - { id: ok, effect: allow, permissions: ["a:b"] }
                  - { id: ok2, effect: allow, permissions: ["a:b"], condition: "true" }
                  - { id: typo, effect: allow, permissions: ["a:b"], condition: "principal.atributes.org == 'a'" }
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("policy.rules[2].condition");
            assertThat(p.message()).startsWith("1:10: undefined field 'atributes'");
            assertThat(p.message()).contains("principal.atributes.org == 'a'");
        });
    }

    @Test
    void conditionComparingStringWithNumberIsATypeErrorOnItsLine() {
        List<PolicyProblem> problems = problems("""
                rules:
                  - id: t
                    effect: allow
                    permissions: ["a:b"]
                    condition: |-
                      request.method == 'GET' &&
                        request.params.org == 42
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("policy.rules[0].condition");
            assertThat(p.message()).startsWith("2:22: found no matching overload for '_==_' applied to '(string, int)'");
        });
    }

    @Test
    void conditionThatIsNotBooleanIsRefused() {
        assertThat(problems("rules: [{ id: t, effect: allow, permissions: [\"a:b\"], condition: request.path }]"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("expected type 'bool' but found 'string'"));
    }

    @Test
    void conditionWithSyntaxErrorIsRefusedWithPosition() {
        assertThat(problems("rules: [{ id: t, effect: allow, permissions: [\"a:b\"], condition: \"request.path ==\" }]"))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("policy.rules[0].condition");
                    assertThat(p.message()).matches("1:\\d+: .*");
                });
    }

    @Test
    void unknownVariableIsRefused() {
        assertThat(problems("rules: [{ id: t, effect: allow, permissions: [\"a:b\"], condition: \"user.id == 'x'\" }]"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("undeclared reference to 'user'"));
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        List<PolicyProblem> problems = problems("""
                roles:
                  writer: { permissions: ["messages"], inherits: [nobody] }
                bindings:
                  - { roles: [ghost] }
                routes:
                  - { methods: [post], path: "orgs/{org}", permissions: ["messages:*"] }
                rules:
                  - { id: dup, effect: allow, permissions: ["a:b"] }
                  - { id: dup, permissions: [] , roles: [phantom] }
                """);

        assertThat(problems).extracting(PolicyProblem::path).containsExactlyInAnyOrder(
                "policy.roles.writer.inherits[0]",
                "policy.roles.writer.permissions[0]",
                "policy.bindings[0].roles[0]",
                "policy.bindings[0]",
                "policy.routes[0].path",
                "policy.routes[0].methods[0]",
                "policy.routes[0].permissions[0]",
                "policy.rules[1].id",
                "policy.rules[1].effect",
                "policy.rules[1].permissions",
                "policy.rules[1].roles[0]");
        assertThat(problems).filteredOn(p -> p.path().equals("policy.roles.writer.permissions[0]")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("write resource:action"));
        assertThat(problems).filteredOn(p -> p.path().equals("policy.routes[0].permissions[0]")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("without '*'"));
    }

    @Test
    void exceptionMessageListsEachProblemWithItsPath() {
        assertThatThrownBy(() -> Policies.authorizer("roles: { a: { inherits: [zzz] } }"))
                .isInstanceOf(PolicyConfigException.class)
                .hasMessage("policy.roles.a.inherits[0]: no role 'zzz' is defined under policy.roles");
    }

    private static List<PolicyProblem> problems(String yaml) {
        try {
            Authorizer.compile(config(yaml), "policy");
        } catch (PolicyConfigException e) {
            return e.problems();
        }
        throw new AssertionError("the policy compiled, but problems were expected");
    }
}

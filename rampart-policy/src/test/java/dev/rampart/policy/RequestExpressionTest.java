package dev.rampart.policy;

import static dev.rampart.policy.Policies.NOON;
import static dev.rampart.policy.Policies.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.Principal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestExpressionTest {

    private static final String PATH = "routes[0].rate-limit.limits[0].expression";

    private static final AccessRequest TENANT_BLUE =
            AccessRequest.of("GET", "/orgs/acme/messages", NOON).withHeaders(Map.of("X-Tenant", "blue"));

    private static String eval(String expression, Principal principal, AccessRequest request) {
        return RequestExpression.compile(expression, PATH).evaluate(principal, request);
    }

    @Test
    void joinsAPrincipalAttributeAndAHeaderLikeAConditionSeesThem() {
        Principal alice = user("alice", Map.of("org", "acme"));

        assertThat(eval("principal.attributes.org + ':' + request.headers['x-tenant']", alice, TENANT_BLUE))
                .isEqualTo("acme:blue");
        assertThat(eval("request.method + ' ' + request.path + ' ' + principal.id", alice, TENANT_BLUE))
                .isEqualTo("GET /orgs/acme/messages alice");
    }

    @Test
    void convertsIntsAndBoolsToText() {
        Principal alice = user("alice", Map.of("shard", 7, "vip", true));

        assertThat(eval("principal.attributes.shard", alice, TENANT_BLUE)).isEqualTo("7");
        assertThat(eval("size(request.headers['x-tenant'])", alice, TENANT_BLUE)).isEqualTo("4");
        assertThat(eval("principal.attributes.vip", alice, TENANT_BLUE)).isEqualTo("true");
        assertThat(eval("'admin' in principal.roles", user("bob", "admin"), TENANT_BLUE)).isEqualTo("true");
    }

    @Test
    void anAnonymousRequestCanBeKeyedByItsRequestButFailsOnThePrincipal() {
        assertThat(eval("request.headers['x-tenant']", null, TENANT_BLUE)).isEqualTo("blue");

        assertThatThrownBy(() -> eval("principal.id", null, TENANT_BLUE))
                .isInstanceOf(RequestExpression.EvaluationException.class);
    }

    @Test
    void aMissingKeyFailsNamingTheKeyNotAValue() {
        assertThatThrownBy(() -> eval("principal.attributes.org + request.headers['x-tenant']",
                user("alice", Map.of("tier", "secret-tier")), TENANT_BLUE))
                .isInstanceOf(RequestExpression.EvaluationException.class)
                .hasMessageContaining("org")
                .hasMessageNotContaining("secret-tier");
    }

    @Test
    void aDynamicValueOfAnotherTypeFailsWhenEvaluated() {
        assertThatThrownBy(() -> eval("principal.attributes.ratio", user("alice", Map.of("ratio", 0.5)), TENANT_BLUE))
                .isInstanceOf(RequestExpression.EvaluationException.class)
                .hasMessageContaining("not a string, int or bool");
    }

    @Test
    void refusesAMisspeltFieldWithItsPositionInTheExpression() {
        assertThatThrownBy(() -> RequestExpression.compile("principal.atributes.org", PATH))
                .isInstanceOf(PolicyConfigException.class)
                .satisfies(e -> assertThat(((PolicyConfigException) e).problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo(PATH);
                    assertThat(p.message()).startsWith("1:10: ").contains("atributes")
                            .endsWith("(in expression 'principal.atributes.org')");
                }))
                .hasMessageStartingWith(PATH + ": 1:10: ");
    }

    @Test
    void refusesAResultThatIsNotTextAnIntOrABool() {
        assertThatThrownBy(() -> RequestExpression.compile("principal.roles", PATH))
                .hasMessageStartingWith(PATH + ": ").hasMessageContaining("yields list(string)")
                .hasMessageContaining("string, int or bool");
        assertThatThrownBy(() -> RequestExpression.compile("request.time", PATH))
                .hasMessageContaining("yields google.protobuf.Timestamp");
    }

    @Test
    void refusesTheResourceOfPolicyDecisionsAndEmptyExpressions() {
        assertThatThrownBy(() -> RequestExpression.compile("resource.owner", PATH))
                .hasMessageStartingWith(PATH + ": 1:1: ").hasMessageContaining("resource");
        assertThatThrownBy(() -> RequestExpression.compile(" ", PATH))
                .hasMessageStartingWith(PATH + ": the expression is empty");
    }
}

package dev.rampart.gateway.config;

import static dev.rampart.gateway.config.TestConfigs.errors;
import static dev.rampart.gateway.config.TestConfigs.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate-limit keys written in CEL ({@code key: expression}), compiled at load: each problem at its key, with file:line. */
class RateLimitKeyExpressionRulesTest {

    @TempDir
    Path dir;

    private static String route(String limit) {
        return """
                routes:
                  - id: tenants
                    match: {path-prefix: /}
                    upstream: {urls: [http://127.0.0.1:9000]}
                    rate-limit:
                      limits:
                """ + limit;
    }

    @Test
    void loadsAnExpressionOverAPrincipalAttributeAndAHeader() {
        assertThat(load(dir, route("""
                        - name: per-tenant
                          limit: 100
                          window: 1m
                          key: expression
                          expression: "principal.attributes.org + ':' + request.headers['x-tenant']"
                """)).config().routes().get(0).rateLimit().limits().get(0).expression())
                .isEqualTo("principal.attributes.org + ':' + request.headers['x-tenant']");
    }

    @Test
    void placesACelErrorAtTheExpressionKeyWithItsPositionInsideTheExpression() {
        assertThat(errors(dir, route("""
                        - name: per-tenant
                          limit: 100
                          window: 1m
                          key: expression
                          expression: "request.headers['x-tenant'] + principal.atributes.org"
                """))).singleElement().satisfies(e -> assertThat(e)
                        .startsWith("rampart.yaml:11:")
                        .contains("routes[0].rate-limit.limits[0].expression: 1:40: ")
                        .contains("undefined field 'atributes'")
                        .contains("(in expression 'request.headers['x-tenant'] + principal.atributes.org')"));
    }

    @Test
    void refusesAnExpressionOfAPlanThatDoesNotYieldText() {
        assertThat(errors(dir, """
                rate-limits:
                  default-plan: free
                  plans:
                    free:
                      limits:
                        - {name: per-role, limit: 10, window: 1s, key: expression, expression: principal.roles}
                """ + TestConfigs.ROUTE)).singleElement().satisfies(e -> assertThat(e)
                        .startsWith("rampart.yaml:6:")
                        .contains("rate-limits.plans.free.limits[0].expression")
                        .contains("yields list(string); it must yield a string, int or bool"));
    }

    @Test
    void anExpressionNeedsKeyExpressionAndTheOtherWayRound() {
        assertThat(errors(dir, route("""
                        - {name: a, limit: 1, window: 1s, key: expression}
                """))).singleElement().satisfies(e -> assertThat(e).startsWith("rampart.yaml:5:")   // at rate-limit: the key is not written
                        .contains("routes[0].rate-limit.limits[0].expression is missing"));
        assertThat(errors(dir, route("""
                        - {name: a, limit: 1, window: 1s, key: header, header: X-Tenant, expression: "request.path"}
                """))).singleElement().satisfies(e -> assertThat(e).startsWith("rampart.yaml:7:")
                        .contains("routes[0].rate-limit.limits[0].expression: is set, but key is header"));
    }
}

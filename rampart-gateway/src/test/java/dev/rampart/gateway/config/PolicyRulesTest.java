package dev.rampart.gateway.config;

import static dev.rampart.gateway.config.TestConfigs.errors;
import static dev.rampart.gateway.config.TestConfigs.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy} compiled at load and the routes' {@code permissions}: each problem at its key, with file:line. */
class PolicyRulesTest {

    @TempDir
    Path dir;

    private static final String ISSUER = """
            jwt-issuers:
              corp:
                issuer: https://id.example.com
                jwks-url: http://127.0.0.1:9999/jwks.json
                algorithms: [ES256]
                audiences: [api]
            """;

    @Test
    void placesEveryPolicyProblemAtItsKeyAndKeepsTheCelPositionInTheMessage() {
        assertThat(errors(dir, """
                policy:
                  roles:
                    writer: {permissions: ["messages:write"], inherits: [editor]}
                  rules:
                    - id: own-org
                      effect: allow
                      permissions: ["messages:write"]
                      condition: request.params.org == principal.atributes.org
                """)).satisfiesExactlyInAnyOrder(
                        e -> assertThat(e).startsWith("rampart.yaml:3:").contains("policy.roles.writer.inherits")
                                .contains("editor"),
                        e -> assertThat(e).startsWith("rampart.yaml:8:").contains("policy.rules[0].condition: 1:")
                                .contains("atributes"));
    }

    @Test
    void aRouteWithPermissionsNeedsAPolicyAndAuthentication() {
        assertThat(errors(dir, """
                routes:
                  - id: open
                    match: {path-prefix: /}
                    upstream: {urls: [http://127.0.0.1:9000]}
                    permissions: ["messages:read"]
                """)).containsExactly(
                "rampart.yaml:5:5: routes[0].permissions: permissions are granted by roles and rules of a policy, and "
                        + "there is none: add a policy section (roles, bindings, rules) or remove this key",
                "rampart.yaml:5:5: routes[0].permissions: the route has no authentication, so there is no caller to "
                        + "authorize and every request would be denied; add authentication (e.g. jwt: [corp] or "
                        + "api-key: {}), or remove permissions to leave the route open to anonymous callers");
    }

    @Test
    void routePermissionsMustBeConcrete() {
        assertThat(errors(dir, ISSUER + """
                policy:
                  roles: {reader: {permissions: ["messages:read"]}}
                routes:
                  - id: api
                    match: {path-prefix: /}
                    upstream: {urls: [http://127.0.0.1:9000]}
                    authentication: {jwt: [corp]}
                    permissions: ["messages:read", "messages:*"]
                """)).singleElement().satisfies(e -> assertThat(e).startsWith("rampart.yaml:14:")
                        .contains("routes[0].permissions[1]").contains("messages:*"));
    }

    @Test
    void warnsWhenAnAuthenticatedRouteCanNeverBeAllowed() {
        assertThat(warnings(dir, ISSUER + """
                policy:
                  roles: {reader: {permissions: ["messages:read"]}}
                routes:
                  - id: api
                    match: {path-prefix: /}
                    upstream: {urls: [http://127.0.0.1:9000]}
                    authentication: {jwt: [corp]}
                """)).anySatisfy(w -> assertThat(w).contains("routes[0].authentication")
                        .contains("the policy denies every request on it"));
    }
}

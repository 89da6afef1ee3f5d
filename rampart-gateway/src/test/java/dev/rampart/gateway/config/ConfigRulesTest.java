package dev.rampart.gateway.config;

import static dev.rampart.gateway.config.TestConfigs.ROUTE;
import static dev.rampart.gateway.config.TestConfigs.errors;
import static dev.rampart.gateway.config.TestConfigs.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks a schema cannot express, and the warnings: each placed at the key it concerns. */
class ConfigRulesTest {

    @TempDir
    Path dir;

    /** A route whose {@code match} section is {@code match}, indented to sit under {@code match:}. */
    private static String routeMatching(String match) {
        return """
                routes:
                  - id: main
                    match:
                %s
                    upstream:
                      urls: [http://127.0.0.1:9000]
                """.formatted(match.indent(6).stripTrailing());
    }

    @Test
    void routeIdsMustBeUniqueAndPlain() {
        assertThat(errors(dir, """
                routes:
                  - id: orders
                    match: {path-prefix: /a}
                    upstream: {urls: [http://127.0.0.1:9000]}
                  - id: orders
                    match: {path-prefix: /b}
                    upstream: {urls: [http://127.0.0.1:9000]}
                  - id: my route
                    match: {path-prefix: /c}
                    upstream: {urls: [http://127.0.0.1:9000]}
                """)).containsExactly(
                "rampart.yaml:5:9: routes[1].id: 'orders' is already the id of routes[0]; route ids must be unique",
                "rampart.yaml:8:9: routes[2].id: 'my route' is not a route id; use letters, digits, '.', '_' and '-'");
    }

    @Test
    void matchNeedsExactlyOneOfPathAndPathPrefix() {
        assertThat(errors(dir, routeMatching("path: /a\npath-prefix: /b"))).containsExactly(
                "rampart.yaml:5:7: routes[0].match.path-prefix: give either path or path-prefix, not both");
        assertThat(errors(dir, routeMatching("methods: [GET]"))).containsExactly(
                "rampart.yaml:3:5: routes[0].match: give path (exact, or a template like /orders/{id}) or path-prefix");
    }

    @Test
    void pathsMustStartWithASlash() {
        assertThat(errors(dir, routeMatching("path-prefix: api"))).containsExactly(
                "rampart.yaml:4:20: routes[0].match.path-prefix: route path 'api' must start with '/'");
    }

    @Test
    void pathTemplateParametersAreWholeSegmentsWithUniqueNames() {
        assertThat(errors(dir, routeMatching("path: /orders/id-{id}"))).containsExactly(
                "rampart.yaml:4:13: routes[0].match.path: path template '/orders/id-{id}': a parameter must be a "
                        + "whole segment, like /orders/{id}");
        assertThat(errors(dir, routeMatching("path: /a/{id}/b/{id}"))).containsExactly(
                "rampart.yaml:4:13: routes[0].match.path: path template '/a/{id}/b/{id}' names the parameter {id} "
                        + "twice; give each parameter its own name");
    }

    @Test
    void methodsAreUpperCaseTokens() {
        assertThat(errors(dir, routeMatching("path-prefix: /\nmethods: [GET, post, \"BAD METHOD\"]"))).containsExactly(
                "rampart.yaml:5:22: routes[0].match.methods[1]: 'post': methods are case-sensitive and clients send "
                        + "them in upper case; write 'POST'",
                "rampart.yaml:5:28: routes[0].match.methods[2]: 'BAD METHOD' is not an HTTP method; write e.g. GET, "
                        + "POST or PUT");
    }

    @Test
    void routeHostsUseTheTrustedHostSyntax() {
        assertThat(errors(dir, routeMatching("path-prefix: /\nhosts: [\"https://api.example.com\", \"a.example.com:8443\"]")))
                .containsExactly(
                        "rampart.yaml:5:15: routes[0].match.hosts[0]: 'https://api.example.com' is a URL; list the host "
                                + "name only, e.g. 'api.example.com'",
                        "rampart.yaml:5:42: routes[0].match.hosts[1]: 'a.example.com:8443' has a port; list host names "
                                + "only (requests on any port of a listed host are accepted)");
    }

    @Test
    void upstreamUrlsAreAbsoluteHttpUrlsWithoutQuery() {
        assertThat(errors(dir, """
                routes:
                  - id: main
                    match: {path-prefix: /}
                    upstream:
                      urls:
                        - ftp://files.internal
                        - http://10.0.0.5:8080/base?x=1
                        - /relative
                        - http://user:pw@10.0.0.5
                """)).containsExactly(
                "rampart.yaml:6:11: routes[0].upstream.urls[0]: 'ftp://files.internal' must start with http:// or "
                        + "https://; write e.g. http://10.0.0.5:8080 or https://orders.internal/v1",
                "rampart.yaml:7:11: routes[0].upstream.urls[1]: 'http://10.0.0.5:8080/base?x=1' has a query or "
                        + "fragment; the request's own query is appended, so give the base URL only; write e.g. "
                        + "http://10.0.0.5:8080 or https://orders.internal/v1",
                "rampart.yaml:8:11: routes[0].upstream.urls[2]: '/relative' must start with http:// or https://; "
                        + "write e.g. http://10.0.0.5:8080 or https://orders.internal/v1",
                "rampart.yaml:9:11: routes[0].upstream.urls[3]: 'http://user:pw@10.0.0.5' carries credentials "
                        + "(user@); Rampart does not send them upstream, and they would show in logs; write e.g. "
                        + "http://10.0.0.5:8080 or https://orders.internal/v1");
    }

    @Test
    void piiNamesItsPhoneRegionAndBoundsItsBodySize() {
        assertThat(errors(dir, """
                routes:
                  - id: main
                    match: {path-prefix: /}
                    upstream: {urls: [http://10.0.0.5]}
                    pii: {action: mask, phone-region: XX}
                  - id: other
                    match: {path-prefix: /b}
                    upstream: {urls: [http://10.0.0.5]}
                    pii: {max-body-size: 1GB}
                """)).containsExactly(
                "rampart.yaml:5:39: routes[0].pii.phone-region: 'XX' is not a region with a numbering plan; write an "
                        + "ISO 3166 code such as US, GB or DE",
                "rampart.yaml:9:26: routes[1].pii.max-body-size: must be between 1 byte and 64MB (held responses are "
                        + "kept in memory), got 1073741824 bytes");
    }

    @Test
    void anUpstreamNeedsAtLeastOneUrl() {
        assertThat(errors(dir, """
                routes:
                  - id: main
                    match: {path-prefix: /}
                    upstream:
                      urls: []
                """)).containsExactly("rampart.yaml:5:7: routes[0].upstream.urls: the list is empty; give at least "
                + "one upstream URL, e.g. http://10.0.0.5:8080");
    }

    @Test
    void cidrBlocksAreCheckedEntryByEntry() {
        assertThat(errors(dir, """
                trusted-proxies: [10.0.0.0/8, 10.0.0.1/8]
                ip-filter:
                  deny: [192.0.2.300]
                routes:
                  - id: main
                    match: {path-prefix: /}
                    upstream: {urls: [http://127.0.0.1:9000]}
                    ip-filter:
                      allow: [10.0.0.0/8, not-an-ip]
                """)).containsExactly(
                "rampart.yaml:1:31: trusted-proxies[1]: '10.0.0.1/8' has host bits set; did you mean the network "
                        + "address? (expected the address or CIDR block of a proxy or load balancer, e.g. 10.0.0.0/8)",
                "rampart.yaml:3:10: ip-filter.deny[0]: '192.0.2.300' is not an IP address or CIDR block (expected an "
                        + "address like 192.0.2.7 or 2001:db8::7, or a block like 10.0.0.0/8)",
                "rampart.yaml:9:27: routes[0].ip-filter.allow[1]: 'not-an-ip' is not an IP address or CIDR block "
                        + "(expected an address like 192.0.2.7 or 2001:db8::7, or a block like 10.0.0.0/8)");
    }

    @Test
    void trustedHostsAreHostNamesOrWildcards() {
        assertThat(errors(dir, "trusted-hosts: [api.example.com, \"*.example.*\"]\n" + ROUTE)).containsExactly(
                "rampart.yaml:1:34: trusted-hosts[1]: '*.example.*' has a '*' that is not a leading '*.' label; write "
                        + "'*.example.com' to allow every subdomain of example.com");
    }

    @Test
    void corsRefusesAnyOriginWithCredentials() {
        assertThat(errors(dir, """
                routes:
                  - id: main
                    match: {path-prefix: /}
                    upstream: {urls: [http://127.0.0.1:9000]}
                    cors:
                      allowed-origins: ["*"]
                      allow-credentials: true
                """)).containsExactly(
                "rampart.yaml:5:5: routes[0].cors: allowed-origins '*' cannot be combined with allow-credentials: "
                        + "true (browsers refuse it, and it would let every site act with the user's cookies); list "
                        + "the trusted origins explicitly");
    }

    @Test
    void securityHeaderValuesCannotSplitTheResponse() {
        assertThat(errors(dir, """
                security-headers:
                  extra:
                    X-Injected: "a\\r\\nSet-Cookie: x=y"
                routes:
                  - id: main
                    match: {path-prefix: /}
                    upstream: {urls: [http://127.0.0.1:9000]}
                    security-headers:
                      hide: [Content-Length]
                """)).containsExactly(
                "rampart.yaml:3:17: security-headers.extra.X-Injected: the value contains a line break, which would "
                        + "split the response (header injection); write the value on one line",
                "rampart.yaml:9:14: routes[0].security-headers.hide[0]: Content-Length frames the HTTP message and is "
                        + "managed by the gateway; it cannot be set or hidden from config");
    }

    @Test
    void tlsNeedsAKnownVersionAndReadableFilesRelativeToTheConfig() {
        TestConfigs.write(dir, "tls/cert.pem", "certificate");
        assertThat(errors(dir, """
                listeners:
                  https:
                    certificate: tls/cert.pem
                    private-key: tls/key.pem
                    min-version: TLSv1.1
                """ + ROUTE)).containsExactly(
                "rampart.yaml:4:18: listeners.https.private-key: " + dir.toAbsolutePath().resolve("tls/key.pem")
                        + " does not exist or is not a file; give the file with the private key (PEM) (relative paths "
                        + "are relative to the config file)",
                "rampart.yaml:5:18: listeners.https.min-version: 'TLSv1.1' is not a TLS version Rampart accepts; "
                        + "allowed: TLSv1.2, TLSv1.3");
    }

    @Test
    void portsAreInRangeAndNotShared() {
        assertThat(errors(dir, """
                listeners:
                  http:
                    port: 70000
                admin:
                  port: -1
                """ + ROUTE)).containsExactly(
                "rampart.yaml:3:11: listeners.http.port: 70000 is not a port; allowed: 1..65535, or 0 for any free port",
                "rampart.yaml:5:9: admin.port: -1 is not a port; allowed: 1..65535, or 0 for any free port");
        assertThat(errors(dir, "listeners:\n  http:\n    port: 9000\nadmin:\n  port: 9000\n" + ROUTE)).containsExactly(
                "rampart.yaml:5:9: admin.port: 9000 is also the port of a client listener; the admin API needs its "
                        + "own port");
    }

    @Test
    void limitsAndTimeoutsMustBePositive() {
        assertThat(errors(dir, """
                limits:
                  max-header-count: 0
                  idle-timeout: 0s
                events:
                  queue-capacity: 0
                routes:
                  - id: main
                    match: {path-prefix: /}
                    upstream:
                      urls: [http://127.0.0.1:9000]
                      max-connections: 0
                      connect-timeout: 0ms
                """)).containsExactly(
                "rampart.yaml:2:21: limits.max-header-count: 0 is too small; the least allowed is 1",
                "rampart.yaml:3:17: limits.idle-timeout: must be longer than 0; write e.g. 250ms, 10s, 5m, 2h or 90d",
                "rampart.yaml:5:19: events.queue-capacity: 0 is too small; the least allowed is 1",
                "rampart.yaml:11:24: routes[0].upstream.max-connections: 0 is too small; the least allowed is 1",
                "rampart.yaml:12:24: routes[0].upstream.connect-timeout: must be longer than 0; write e.g. 250ms, 10s, "
                        + "5m, 2h or 90d");
    }

    @Test
    void stripPrefixStartsWithASlash() {
        assertThat(errors(dir, """
                routes:
                  - id: main
                    match: {path-prefix: /api}
                    upstream:
                      urls: [http://127.0.0.1:9000]
                      strip-prefix: api
                """)).containsExactly("rampart.yaml:6:21: routes[0].upstream.strip-prefix: 'api' must start with '/', "
                + "like the request paths it is removed from");
    }

    @Test
    void postgresqlStoreNeedsAUrl() {
        assertThat(errors(dir, "store:\n  type: postgresql\n" + ROUTE)).containsExactly(
                "rampart.yaml:1:1: store.url: required key is missing: type postgresql needs the JDBC URL, e.g. "
                        + "jdbc:postgresql://db:5432/rampart");
    }

    @Test
    void warnsAboutAnAdminListenerOnAPublicAddress() {
        assertThat(warnings(dir, "admin:\n  host: 0.0.0.0\n" + ROUTE)).containsExactly(
                "rampart.yaml:2:9: admin.host: the admin API listens on 0.0.0.0, reachable from other machines; keep it "
                        + "on 127.0.0.1 unless a firewall or private network guards that address");
        assertThat(warnings(dir, "admin:\n  host: localhost\n" + ROUTE)).isEmpty();
        assertThat(warnings(dir, "admin:\n  host: ::1\n" + ROUTE)).isEmpty();
    }

    @Test
    void warnsAboutTrustingEveryAddressAsAProxy() {
        assertThat(warnings(dir, "trusted-proxies: [10.0.0.0/8, 0.0.0.0/0, \"::/0\"]\n" + ROUTE)).containsExactly(
                "rampart.yaml:1:31: trusted-proxies[1]: '0.0.0.0/0' trusts every address as a proxy, so any client can "
                        + "choose its own address with X-Forwarded-For; list only your proxies",
                "rampart.yaml:1:42: trusted-proxies[2]: '::/0' trusts every address as a proxy, so any client can "
                        + "choose its own address with X-Forwarded-For; list only your proxies");
    }

    @Test
    void warnsAboutAPasswordWrittenInTheFile() {
        assertThat(warnings(dir, "store:\n  password: hunter2\n" + ROUTE)).containsExactly(
                "rampart.yaml:2:13: store.password: the password is written in the config file; reference it instead "
                        + "with ${ENV_VAR} or ${file:/run/secrets/...} so the file holds no secret");
        assertThat(warnings(dir, "store:\n  password: ${HOME}\n" + ROUTE)).isEmpty();
    }

    @Test
    void warnsAboutARedirectToAMissingHttpsListenerAndAboutNoRoutes() {
        assertThat(warnings(dir, "listeners:\n  http:\n    redirect-to-https: true\nroutes: []\n")).containsExactly(
                "rampart.yaml:3:24: listeners.http.redirect-to-https: there is no listeners.https to redirect to, so "
                        + "plain HTTP is served as is; add listeners.https or remove this key",
                "rampart.yaml:4:1: routes: no routes: every request is answered 404");
    }
}

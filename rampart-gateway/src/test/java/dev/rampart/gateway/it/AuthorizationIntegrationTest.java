package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rampart.core.SecurityEvent;
import dev.rampart.gateway.cli.RampartCommand;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Authorization through a real gateway: route permissions granted by roles (with inheritance), a
 * CEL condition comparing a path parameter with a JWT claim, a deny rule overriding every grant,
 * shadow mode, the explain endpoint and command, and a reload with a broken policy refused.
 */
class AuthorizationIntegrationTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-policy-it";
    private static final String ISSUER = "https://id.example.com";

    private static final String POLICY = """
            jwt-issuers:
              corp:
                issuer: %2$s
                hmac-secret: %3$s
                algorithms: [HS256]
                audiences: [messages-api]
                attribute-claims: {org: org_id, suspended: suspended}
            policy:
              mode: %4$s
              roles:
                reader: {permissions: ["messages:read"]}
                writer: {permissions: ["messages:write"], inherits: [reader]}
                member: {}
              rules:
                - id: members-write-own-org
                  effect: allow
                  roles: [member]
                  permissions: ["messages:write"]
                  condition: "'org' in principal.attributes && request.params.org == principal.attributes.org"
                - id: suspended
                  effect: deny
                  permissions: ["*:*"]
                  condition: "'suspended' in principal.attributes && principal.attributes.suspended == true"
            routes:
              - id: read
                match: {path: "/orgs/{org}/messages", methods: [GET]}
                upstream: {urls: [%1$s]}
                authentication: {jwt: [corp]}
                permissions: ["messages:read"]
              - id: write
                match: {path: "/orgs/{org}/messages", methods: [POST]}
                upstream: {urls: [%1$s]}
                authentication: {jwt: [corp]}
                permissions: ["messages:write"]
              - id: maybe
                match: {path: /maybe}
                upstream: {urls: [%1$s]}
                authentication: {jwt: [corp], optional: true}
                permissions: ["messages:read"]
            """;

    @TempDir
    static Path dir;
    @TempDir
    static Path shadowDir;

    static TestUpstream upstream;
    static GatewayHarness gw;
    static GatewayHarness shadow;
    static final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream("messages");
        gw = GatewayHarness.start(dir, policy("enforce"), false);
        shadow = GatewayHarness.start(shadowDir, policy("shadow"), false);
        for (GatewayHarness h : List.of(gw, shadow)) {
            h.gateway.events().subscribe(e -> {
                if (e.type().startsWith("policy.")) {
                    events.add(e);
                }
            });
        }
    }

    static String policy(String mode) {
        return POLICY.formatted(upstream.url(), ISSUER, SECRET, mode);
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayHarness h : new GatewayHarness[] {gw, shadow}) {
            if (h != null) {
                h.close();
            }
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @BeforeEach
    void clear() {
        events.clear();
        upstream.seen.clear();
    }

    @Test
    void allowsARoleAndTheRolesItInherits() throws Exception {
        assertThat(post(gw, "/orgs/acme/messages", token("alice", List.of("writer"), Map.of())).statusCode())
                .isEqualTo(200);
        assertThat(gw.get("/orgs/acme/messages", "Authorization", "Bearer " + token("alice", List.of("writer"),
                Map.of())).statusCode()).isEqualTo(200);
        assertThat(upstream.seen).hasSize(2);
        assertNothingReportedBeforeADenial();
    }

    @Test
    void deniesAMissingPermissionWithAShortReasonAndExplainsItInTheEvent() throws Exception {
        HttpResponse<String> r = post(gw, "/orgs/acme/messages", token("bob", List.of("reader"), Map.of()));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(r.body());
        assertThat(problem.getString("code")).isEqualTo("forbidden");
        assertThat(problem.getString("detail")).isEqualTo("Not allowed: this request needs the permission messages:write.")
                .doesNotContain("reader").doesNotContain("members-write-own-org");
        assertThat(upstream.seen).isEmpty();
        SecurityEvent e = firstEvent();
        assertThat(e.type()).isEqualTo("policy.denied");
        assertThat(e.principalId()).isEqualTo("bob");
        assertThat(e.details()).containsEntry("outcome", "not_granted").containsEntry("missing", "messages:write")
                .containsEntry("granting-roles", "writer").containsEntry("roles", "reader")
                .containsEntry("enforced", "true");
    }

    @Test
    void conditionComparesThePathParameterWithAJwtClaim() throws Exception {
        String acmeMember = token("carol", List.of("member"), Map.of("org_id", "acme"));
        assertThat(post(gw, "/orgs/acme/messages", acmeMember).statusCode()).isEqualTo(200);
        HttpResponse<String> other = post(gw, "/orgs/globex/messages", acmeMember);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(firstEvent()).satisfies(e -> assertThat(e.details())
                .containsEntry("conditions", "suspended=false,members-write-own-org=false"));
        events.clear();
        HttpResponse<String> noClaim = post(gw, "/orgs/acme/messages", token("dave", List.of("member"), Map.of()));
        assertThat(noClaim.statusCode()).isEqualTo(403);
    }

    @Test
    void denyRuleOverridesEveryGrant() throws Exception {
        HttpResponse<String> r = post(gw, "/orgs/acme/messages",
                token("erin", List.of("writer"), Map.of("org_id", "acme", "suspended", true)));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(r.body()).getString("detail")).isEqualTo("Not allowed by the access policy.");
        assertThat(firstEvent()).satisfies(e -> assertThat(e.details())
                .containsEntry("outcome", "denied_by_rule").containsEntry("denied-by", "suspended"));
    }

    @Test
    void aCallerWithoutCredentialsOnAnOptionalRouteIsAskedToAuthenticate() throws Exception {
        HttpResponse<String> r = gw.get("/maybe");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("missing-credentials");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"rampart\"");
        assertThat(upstream.seen).isEmpty();
    }

    @Test
    void shadowModeLetsADeniedRequestThroughAndReportsIt() throws Exception {
        HttpResponse<String> r = post(shadow, "/orgs/acme/messages", token("bob", List.of("reader"), Map.of()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.seen).hasSize(1);
        assertThat(firstEvent()).satisfies(e -> {
            assertThat(e.type()).isEqualTo("policy.would-deny");
            assertThat(e.details()).containsEntry("enforced", "false").containsEntry("missing", "messages:write");
        });
    }

    @Test
    void explainEndpointAnswersAHypotheticalRequest() throws Exception {
        HttpResponse<String> r = explain(gw, """
                {"principal": "carol", "roles": ["member"], "attributes": {"org": "acme"},
                 "method": "POST", "path": "/orgs/globex/messages", "params": {"org": "globex"},
                 "permissions": ["messages:write"]}""");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject answer = new JsonObject(r.body());
        assertThat(answer.getBoolean("allowed")).isFalse();
        assertThat(answer.getString("summary")).startsWith("deny carol POST /orgs/globex/messages: missing messages:write");
        assertThat(answer.getJsonObject("details").getString("conditions")).isEqualTo("suspended=false,members-write-own-org=false");
        JsonObject explanation = answer.getJsonObject("explanation");
        assertThat(explanation.getString("outcome")).isEqualTo("NOT_GRANTED");
        assertThat(explanation.getJsonArray("conditions").getJsonObject(1).getString("path"))
                .isEqualTo("policy.rules[0].condition");
        assertNothingReportedBeforeADenial();

        HttpResponse<String> allowed = explain(gw, """
                {"principal": "carol", "roles": ["member"], "attributes": {"org": "acme"},
                 "method": "POST", "path": "/orgs/acme/messages", "params": {"org": "acme"},
                 "permissions": ["messages:write"]}""");
        assertThat(new JsonObject(allowed.body()).getBoolean("allowed")).isTrue();
    }

    @Test
    void explainEndpointRefusesBadQueriesWith400() throws Exception {
        HttpResponse<String> missing = explain(gw, "{\"roles\": [\"member\"]}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(missing.body()).getString("detail")).contains("principal:").contains("method:")
                .contains("path:");
        HttpResponse<String> unknown = explain(gw, "{\"principal\": \"a\", \"method\": \"GET\", \"path\": \"/x\", \"colour\": 1}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(unknown.body()).getString("detail")).contains("colour");
        assertThat(explain(gw, "not json").statusCode()).isEqualTo(400);
        HttpResponse<String> wildcard = explain(gw,
                "{\"principal\": \"a\", \"method\": \"GET\", \"path\": \"/x\", \"permissions\": [\"messages:*\"]}");
        assertThat(wildcard.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(wildcard.body()).getString("detail")).contains("permissions[0]");
    }

    @Test
    void explainCommandPrintsTheSummaryAndDetailsAndExitsByDecision() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int denied = new CommandLine(new RampartCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("policy", "explain", "--config", gw.configFile.toString(), "--principal", "carol",
                        "--roles", "member,reader", "--attribute", "org=acme", "--method", "POST",
                        "--path", "/orgs/globex/messages", "--permission", "messages:write");
        assertThat(denied).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).startsWith("deny carol POST /orgs/globex/messages: missing messages:write")
                .contains("  outcome: not_granted\n").contains("  roles: member,reader\n")
                .contains("condition members-write-own-org (policy.rules[0].condition)");

        StringWriter allowedOut = new StringWriter();
        int allowed = new CommandLine(new RampartCommand()).setOut(new PrintWriter(allowedOut))
                .setErr(new PrintWriter(new StringWriter()))
                .execute("policy", "explain", "--config", gw.configFile.toString(), "--principal", "erin",
                        "--roles", "writer", "--attribute", "suspended=false", "--method", "GET",
                        "--path", "/orgs/acme/messages", "--permission", "messages:read");
        assertThat(allowed).isZero();
        assertThat(allowedOut.toString()).startsWith("allow erin GET /orgs/acme/messages: messages:read");

        StringWriter badErr = new StringWriter();
        int bad = new CommandLine(new RampartCommand()).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(badErr))
                .execute("policy", "explain", "--config", gw.configFile.toString(), "--principal", "erin",
                        "--method", "GET", "--path", "no-slash");
        assertThat(bad).isEqualTo(2);
        assertThat(badErr.toString()).contains("path:");
    }

    @Test
    void reloadWithABrokenPolicyIsRefusedAndTheOldPolicyKeepsDeciding() throws Exception {
        String before = Files.readString(gw.configFile);
        try {
            Files.writeString(gw.configFile, before.replace("principal.attributes.suspended == true",
                    "principal.atributes.suspended == true"));
            HttpResponse<String> r = gw.adminPost("/admin/config/reload");
            assertThat(r.statusCode()).isEqualTo(422);
            String errors = new JsonObject(r.body()).getJsonArray("errors").encode();
            assertThat(errors).contains("rampart.yaml:").contains("policy.rules[1].condition")
                    .contains("atributes");
            assertThat(post(gw, "/orgs/acme/messages", token("bob", List.of("reader"), Map.of())).statusCode())
                    .isEqualTo(403);
            assertThat(post(gw, "/orgs/acme/messages", token("alice", List.of("writer"), Map.of())).statusCode())
                    .isEqualTo(200);
        } finally {
            Files.writeString(gw.configFile, before);
        }
    }

    /**
     * Events are delivered in order but after the response: a denial now, and its event first, shows
     * that what came before reported nothing.
     */
    private static void assertNothingReportedBeforeADenial() throws Exception {
        assertThat(post(gw, "/orgs/acme/messages", token("marker", List.of(), Map.of())).statusCode()).isEqualTo(403);
        assertThat(firstEvent().principalId()).isEqualTo("marker");
    }

    /** Events reach subscribers asynchronously, after the response; wait for the first one (at most 5 s). */
    private static SecurityEvent firstEvent() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (events.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(events).isNotEmpty();
        return events.get(0);
    }

    private static HttpResponse<String> post(GatewayHarness h, String path, String token) throws Exception {
        return h.send(HttpRequest.newBuilder(URI.create(h.base() + path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"hi\"}")));
    }

    private static HttpResponse<String> explain(GatewayHarness h, String body) throws Exception {
        return h.send(HttpRequest.newBuilder(URI.create(h.admin() + "/admin/policy/explain"))
                .header("Authorization", "Bearer " + h.adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String token(String subject, List<String> roles, Map<String, Object> claims) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience("messages-api")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("roles", roles);
        claims.forEach(b::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), b.build());
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }
}

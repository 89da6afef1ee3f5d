package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rampart.core.SecurityEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route limited per tenant, the tenant being a CEL key expression over a JWT claim (as a principal
 * attribute) and a request header: callers of one tenant share one allowance, other tenants have
 * their own, and a request the expression cannot key is counted by client IP and reported.
 */
class RateLimitKeyExpressionIntegrationTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-rlcel-it";
    private static final String ISSUER = "https://id.example.com";

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayHarness gw;
    static final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream("tenants");
        gw = GatewayHarness.start(dir, """
                jwt-issuers:
                  corp:
                    issuer: %2$s
                    hmac-secret: %3$s
                    algorithms: [HS256]
                    audiences: [api]
                    attribute-claims: {org: org_id}
                routes:
                  - id: tenants
                    match: {path-prefix: /t}
                    upstream: {urls: [%1$s]}
                    authentication: {jwt: [corp]}
                    rate-limit:
                      limits:
                        - name: per-tenant
                          limit: 2
                          window: 1h
                          key: expression
                          expression: "principal.attributes.org + ':' + request.headers['x-tenant']"
                """.formatted(upstream.url(), ISSUER, SECRET), false);
        gw.gateway.events().subscribe(e -> {
            if (e.type().startsWith("rate-limit.")) {
                events.add(e);
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static List<Integer> statuses(int n, String subject, String org, String tenant) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String auth = "Bearer " + token(subject, org);
            out.add((tenant == null ? gw.get("/t/items", "Authorization", auth)
                    : gw.get("/t/items", "Authorization", auth, "X-Tenant", tenant)).statusCode());
        }
        return out;
    }

    @Test
    void callersOfOneTenantShareAnAllowanceAndOtherTenantsHaveTheirOwn() throws Exception {
        assertThat(statuses(2, "alice", "acme", "blue")).containsExactly(200, 200);
        assertThat(statuses(1, "bob", "acme", "blue")).as("another caller of acme:blue").containsExactly(429);
        assertThat(statuses(3, "alice", "acme", "green")).as("another tenant header").containsExactly(200, 200, 429);
        assertThat(statuses(2, "carol", "globex", "blue")).as("the same header in another org").containsExactly(200, 200);
        assertThat(events).filteredOn(e -> List.of("alice", "bob", "carol").contains(e.principalId()))
                .noneMatch(e -> e.type().equals("rate-limit.key-fallback"));
    }

    @Test
    void aRequestTheExpressionCannotKeyIsCountedByClientIpAndReported() throws Exception {
        assertThat(statuses(1, "dave", "initech", null)).containsExactly(200);
        assertThat(statuses(1, "erin", null, "blue")).as("no org claim, same client address").containsExactly(200);
        assertThat(statuses(1, "frank", "umbrella", null)).as("the address's allowance is spent").containsExactly(429);
        assertThat(statuses(1, "frank", "umbrella", "red")).as("keyed again once the header is there").containsExactly(200);

        long deadline = System.currentTimeMillis() + 5_000;
        while (events.stream().filter(e -> e.type().equals("rate-limit.key-fallback")).count() < 3
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        List<SecurityEvent> fallbacks = events.stream().filter(e -> e.type().equals("rate-limit.key-fallback")).toList();
        assertThat(fallbacks).hasSize(3).allSatisfy(e -> {
            assertThat(e.severity()).isEqualTo(SecurityEvent.Severity.LOW);
            assertThat(e.code()).isEqualTo("key-expression-fallback");
            assertThat(e.details()).containsEntry("limits", "per-tenant");
        });
        assertThat(fallbacks.get(0).details().get("reason")).contains("x-tenant").doesNotContain("initech");
        assertThat(fallbacks.get(1).details().get("reason")).contains("org").doesNotContain("blue");
    }

    private static String token(String subject, String org) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience("api")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        if (org != null) {
            b.claim("org_id", org);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), b.build());
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }
}

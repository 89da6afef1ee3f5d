package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import dev.rampart.auth.apikey.NewApiKey;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Routes that require a JWT, end to end: a real gateway, a real upstream and a real JWKS endpoint
 * (the JDK's HttpServer) serving a freshly generated P-256 key.
 */
class AuthenticationIntegrationTest {

    private static final String ISSUER = "https://id.example.com";
    private static final String COLD_ISSUER = "https://cold.example.com";

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayHarness gw;
    static HttpServer jwks;
    static ECKey key;
    static ECKey coldKey;
    static final AtomicInteger jwksHits = new AtomicInteger();
    static final AtomicInteger coldJwksHits = new AtomicInteger();
    static final CountDownLatch coldJwksRelease = new CountDownLatch(1);
    static final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();
    static final ListAppender<ILoggingEvent> securityLog = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        coldKey = new ECKeyGenerator(Curve.P_256).keyID("cold-1").generate();
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        jwks.createContext("/jwks.json", ex -> {
            jwksHits.incrementAndGet();
            serve(ex, new JWKSet(key.toPublicJWK()));
        });
        jwks.createContext("/cold/jwks.json", ex -> {
            coldJwksHits.incrementAndGet();
            try {
                // Held until the test has shown that the gateway keeps serving meanwhile.
                coldJwksRelease.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            serve(ex, new JWKSet(coldKey.toPublicJWK()));
        });
        jwks.start();
        String jwksBase = "http://127.0.0.1:" + jwks.getAddress().getPort();
        for (ListAppender<ILoggingEvent> appender : List.of(accessLog, securityLog)) {
            appender.start();
        }
        ((Logger) LoggerFactory.getLogger("rampart.access")).addAppender(accessLog);
        ((Logger) LoggerFactory.getLogger("rampart.security")).addAppender(securityLog);

        upstream = new TestUpstream("orders");
        gw = GatewayHarness.start(dir, """
                jwt-issuers:
                  corp:
                    issuer: %1$s
                    jwks-url: %2$s/jwks.json
                    algorithms: [ES256]
                    audiences: [orders-api]
                    required-claims: [sub]
                    roles-claim: realm_access.roles
                    clock-skew: 10s
                  cold:
                    issuer: %3$s
                    jwks-url: %2$s/cold/jwks.json
                    algorithms: [ES256]
                    audiences: [orders-api]
                routes:
                  - id: orders
                    match: {path-prefix: /orders}
                    upstream: {urls: [%4$s]}
                    cors:
                      allowed-origins: [https://app.example.com]
                      allowed-methods: [GET, PUT]
                    authentication:
                      jwt: [corp]
                  - id: catalog
                    match: {path-prefix: /catalog}
                    upstream: {urls: [%4$s]}
                    authentication: {jwt: [corp], optional: true}
                  - id: cold
                    match: {path-prefix: /cold}
                    upstream: {urls: [%4$s]}
                    authentication: {jwt: [cold]}
                  - id: public
                    match: {path-prefix: /public}
                    upstream: {urls: [%4$s]}
                  - id: keys
                    match: {path-prefix: /keys}
                    upstream: {urls: [%4$s]}
                    cors:
                      allowed-origins: [https://app.example.com]
                      allowed-methods: [GET, PUT]
                    authentication:
                      api-key: {}
                  - id: mixed
                    match: {path-prefix: /mixed}
                    upstream: {urls: [%4$s]}
                    authentication:
                      jwt: [corp]
                      api-key: {header: X-Key}
                """.formatted(ISSUER, jwksBase, COLD_ISSUER, upstream.url()), false);
    }

    @AfterAll
    static void stop() throws Exception {
        coldJwksRelease.countDown();
        if (gw != null) {
            gw.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
        ((Logger) LoggerFactory.getLogger("rampart.access")).detachAppender(accessLog);
        ((Logger) LoggerFactory.getLogger("rampart.security")).detachAppender(securityLog);
    }

    @BeforeEach
    void clearSeen() {
        upstream.seen.clear();
    }

    private static void serve(HttpExchange ex, JWKSet set) throws IOException {
        byte[] body = set.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("alice")
                .audience("orders-api")
                .issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(300)))
                .jwtID("jti-" + now.toEpochMilli())
                .claim("realm_access", Map.of("roles", List.of("clerk")));
    }

    private static String sign(JWTClaimsSet claims, ECKey signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signer.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(signer));
        return jwt.serialize();
    }

    private static String token(JWTClaimsSet claims) throws JOSEException {
        return sign(claims, key);
    }

    private static void assertInvalidToken(HttpResponse<String> r, String description) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"rampart\", error=\"invalid_token\", error_description=\"" + description + "\"");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("invalid-token");
        assertThat(upstream.seen).isEmpty();
    }

    private static List<String> lines(ListAppender<ILoggingEvent> appender) {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            StringBuilder line = new StringBuilder(e.getMessage());
            if (e.getArgumentArray() != null) {
                for (Object a : e.getArgumentArray()) {
                    line.append(' ').append(a);
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    private static String lineOf(ListAppender<ILoggingEvent> appender, String requestId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (String line : lines(appender)) {
                if (line.contains(requestId)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no log line for request " + requestId);
    }

    @Test
    void acceptsValidEs256TokenAndPassesTheAuthorizationHeaderOn() throws Exception {
        String jwt = token(claims().build());
        HttpResponse<String> r = gw.get("/orders/7", "Authorization", "Bearer " + jwt);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.seen).hasSize(1);
        assertThat(upstream.last().headers().get("Authorization")).isEqualTo("Bearer " + jwt);
        String line = lineOf(accessLog, r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(line).contains("principal=alice").doesNotContain(jwt);
        assertThat(jwksHits.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void acceptsTheBearerSchemeInAnyLetterCase() throws Exception {
        HttpResponse<String> r = gw.get("/orders/7", "Authorization", "bearer " + token(claims().build()));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesRequestWithoutCredentialsWithABareChallenge() throws Exception {
        HttpResponse<String> r = gw.get("/orders/7");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"rampart\"");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(r.body());
        assertThat(problem.getString("code")).isEqualTo("missing-credentials");
        assertThat(problem.getInteger("status")).isEqualTo(401);
        assertThat(upstream.seen).isEmpty();
    }

    @Test
    void refusesExpiredToken() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        String jwt = token(claims().issueTime(java.util.Date.from(past))
                .expirationTime(java.util.Date.from(past.plusSeconds(60))).jwtID("expired-1").build());
        HttpResponse<String> r = gw.get("/orders/7", "Authorization", "Bearer " + jwt);

        assertInvalidToken(r, "The access token has expired.");
        String event = lineOf(securityLog, r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(event).contains("authentication.failed", "code=expired", "reason=EXPIRED", "kid=k1",
                "jti=expired-1").doesNotContain(jwt);
    }

    @Test
    void refusesTokenForAnotherAudience() throws Exception {
        String jwt = token(claims().audience("billing-api").build());
        assertInvalidToken(gw.get("/orders/7", "Authorization", "Bearer " + jwt),
                "The access token is not meant for this API.");
    }

    @Test
    void refusesUnsignedTokenWithAlgNone() throws Exception {
        String jwt = new PlainJWT(claims().build()).serialize();
        HttpResponse<String> r = gw.get("/orders/7", "Authorization", "Bearer " + jwt);

        assertInvalidToken(r, "The access token is not valid.");
        assertThat(lineOf(securityLog, r.headers().firstValue("X-Request-Id").orElseThrow()))
                .contains("code=alg-none", "severity=MEDIUM");
    }

    @Test
    void refusesTokenFromAnUnknownIssuer() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        String jwt = sign(claims().issuer("https://evil.example.com").build(), stranger);
        assertInvalidToken(gw.get("/orders/7", "Authorization", "Bearer " + jwt),
                "The access token's issuer is not accepted here.");
    }

    @Test
    void refusesTokenSignedWithAnotherKey() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        assertInvalidToken(gw.get("/orders/7", "Authorization", "Bearer " + sign(claims().build(), stranger)),
                "The access token is not valid.");
    }

    @Test
    void refusesOtherSchemesAndMalformedBearerCredentials() throws Exception {
        for (String authorization : List.of("Basic YWxpY2U6c2VjcmV0", "Bearer", "Bearer a b", "Bearer ä.b.c")) {
            assertInvalidToken(gw.get("/orders/7", "Authorization", authorization),
                    "The Authorization header must be 'Bearer <token>'.");
        }
    }

    @Test
    void answersCorsPreflightWithoutAToken() throws Exception {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/orders/7"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "Authorization"));

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(upstream.seen).isEmpty();
    }

    @Test
    void optionalAuthenticationLetsAnonymousRequestsThroughWithoutPrincipal() throws Exception {
        HttpResponse<String> r = gw.get("/catalog/1");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.seen).hasSize(1);
        assertThat(lineOf(accessLog, r.headers().firstValue("X-Request-Id").orElseThrow())).doesNotContain("principal=");
    }

    @Test
    void optionalAuthenticationStillRefusesBadTokensAndSetsThePrincipalOfGoodOnes() throws Exception {
        String expired = token(claims().expirationTime(java.util.Date.from(Instant.now().minusSeconds(600))).build());
        assertInvalidToken(gw.get("/catalog/1", "Authorization", "Bearer " + expired), "The access token has expired.");

        HttpResponse<String> ok = gw.get("/catalog/1", "Authorization", "Bearer " + token(claims().build()));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(lineOf(accessLog, ok.headers().firstValue("X-Request-Id").orElseThrow())).contains("principal=alice");
    }

    @Test
    void fetchesKeysOfAColdIssuerOffTheEventLoop() throws Exception {
        String jwt = sign(claims().issuer(COLD_ISSUER).subject("bob").build(), coldKey);
        CompletableFuture<HttpResponse<String>> pending = gw.client.sendAsync(
                HttpRequest.newBuilder(URI.create(gw.base() + "/cold/1")).header("Authorization", "Bearer " + jwt)
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 200 && coldJwksHits.get() == 0; i++) {
            Thread.sleep(25);
        }
        assertThat(coldJwksHits.get()).as("the first request fetches the JWKS").isEqualTo(1);

        // While the fetch hangs, every event loop still serves: new connections land on each of them.
        for (int i = 0; i < 8; i++) {
            HttpClient fresh = HttpClient.newHttpClient();
            HttpResponse<String> r = fresh.send(HttpRequest.newBuilder(URI.create(gw.base() + "/public/" + i))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(pending).isNotDone();

        coldJwksRelease.countDown();
        HttpResponse<String> r = pending.get(20, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(lineOf(accessLog, r.headers().firstValue("X-Request-Id").orElseThrow())).contains("principal=bob");
        // The keys are cached now: the next token is verified inline, without a second fetch.
        assertThat(gw.get("/cold/2", "Authorization", "Bearer " + jwt).statusCode()).isEqualTo(200);
        assertThat(coldJwksHits.get()).isEqualTo(1);
    }

    @Test
    void keepsVerifyingAfterAReloadWithFreshKeyCaches() throws Exception {
        assertThat(gw.adminPost("/admin/config/reload").statusCode()).isEqualTo(200);
        int before = jwksHits.get();

        // The new runtime's verifier starts cold, so this fetches on the JWKS worker pool, which the
        // retired runtime released and the new one holds.
        HttpResponse<String> r = gw.get("/orders/9", "Authorization", "Bearer " + token(claims().build()));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(jwksHits.get()).isEqualTo(before + 1);
    }

    // ---- API keys ------------------------------------------------------------------------------

    private static String newKey(String name) {
        return gw.gateway.apiKeys().create(new NewApiKey(name, "team-payments", Set.of("deployer"),
                Set.of("deploy:write"), List.of(), Duration.ofDays(90))).plaintextKeyShownOnce();
    }

    private static void assertInvalidApiKey(HttpResponse<String> r, String... challenges) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly(challenges);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("invalid-api-key");
        assertThat(upstream.seen).isEmpty();
    }

    @Test
    void acceptsApiKeyInTheHeaderAndDoesNotPassItUpstream() throws Exception {
        String apiKey = newKey("ci-deploy");
        String id = apiKey.substring(4, 16);
        HttpResponse<String> r = gw.get("/keys/1", "X-API-Key", apiKey);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.seen).hasSize(1);
        assertThat(upstream.last().headers().contains("X-API-Key")).isFalse();
        String line = lineOf(accessLog, r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(line).contains("principal=" + id).doesNotContain(apiKey);
    }

    @Test
    void acceptsApiKeyAsBearerCredentialAndDoesNotPassItUpstream() throws Exception {
        HttpResponse<String> r = gw.get("/keys/1", "Authorization", "Bearer " + newKey("bearer"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.last().headers().contains("Authorization")).isFalse();
    }

    @Test
    void refusesApiKeyRouteWithoutCredentials() throws Exception {
        HttpResponse<String> r = gw.get("/keys/1");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("ApiKey realm=\"rampart\"");
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("missing-credentials");
        assertThat(upstream.seen).isEmpty();
    }

    @Test
    void refusesMistypedApiKeyAndNeverLogsTheKey() throws Exception {
        String apiKey = newKey("typo");
        char c = apiKey.charAt(30);
        String typo = apiKey.substring(0, 30) + (c == 'a' ? 'b' : 'a') + apiKey.substring(31);
        HttpResponse<String> r = gw.get("/keys/1", "X-API-Key", typo);

        assertInvalidApiKey(r, "ApiKey realm=\"rampart\"");
        String event = lineOf(securityLog, r.headers().firstValue("X-Request-Id").orElseThrow());
        // A key that fails its checksum names no key id: the id itself may be the mistyped part.
        assertThat(event).contains("authentication.failed", "code=bad-checksum").doesNotContain("key_id=")
                .doesNotContain(typo.substring(17));
    }

    @Test
    void refusesRevokedApiKeyAtOnce() throws Exception {
        String apiKey = newKey("revoke-me");
        assertThat(gw.get("/keys/1", "X-API-Key", apiKey).statusCode()).isEqualTo(200);
        upstream.seen.clear();
        gw.gateway.apiKeys().revoke(apiKey.substring(4, 16));

        HttpResponse<String> r = gw.get("/keys/1", "X-API-Key", apiKey);
        assertInvalidApiKey(r, "ApiKey realm=\"rampart\"");
        assertThat(new JsonObject(r.body()).getString("detail")).isEqualTo("The API key has been revoked.");
        assertThat(lineOf(securityLog, r.headers().firstValue("X-Request-Id").orElseThrow()))
                .contains("code=revoked", "severity=MEDIUM", "key_id=" + apiKey.substring(4, 16))
                .doesNotContain(apiKey);
    }

    @Test
    void routeTakingJwtAndApiKeysAcceptsBothAndChallengesForBoth() throws Exception {
        String jwt = token(claims().build());
        HttpResponse<String> byJwt = gw.get("/mixed/1", "Authorization", "Bearer " + jwt);
        assertThat(byJwt.statusCode()).isEqualTo(200);
        assertThat(upstream.last().headers().get("Authorization")).isEqualTo("Bearer " + jwt);

        String apiKey = newKey("mixed");
        HttpResponse<String> byKey = gw.get("/mixed/1", "X-Key", apiKey);
        assertThat(byKey.statusCode()).isEqualTo(200);
        assertThat(upstream.last().headers().contains("X-Key")).isFalse();
        assertThat(gw.get("/mixed/1", "Authorization", "Bearer " + apiKey).statusCode()).isEqualTo(200);
        upstream.seen.clear();

        HttpResponse<String> none = gw.get("/mixed/1");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"rampart\"", "ApiKey realm=\"rampart\"");
        assertInvalidApiKey(gw.get("/mixed/1", "X-Key", "rmp_nope"),
                "Bearer realm=\"rampart\"", "ApiKey realm=\"rampart\"");
        assertInvalidToken(gw.get("/mixed/1", "Authorization", "Bearer " + jwt + "x"), "The access token is not valid.");
    }

    @Test
    void jwtOnlyRouteTakesNoApiKeys() throws Exception {
        HttpResponse<String> r = gw.get("/orders/7", "Authorization", "Bearer " + newKey("not-here"));
        assertInvalidToken(r, "The access token is not valid.");
    }

    @Test
    void answersCorsPreflightOnApiKeyRouteWithoutAKey() throws Exception {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/keys/7"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "PUT"));

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(upstream.seen).isEmpty();
    }
}

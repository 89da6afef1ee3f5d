package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rampart.core.SecurityEvent;
import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rampart's OAuth2 authorization server end to end: clients registered through the admin API get
 * tokens at {@code /oauth2/token} with a real HTTP client, and a route that accepts
 * {@code jwt: [rampart]} lets those tokens through to a real upstream.
 */
class OAuth2IntegrationTest {

    static final String ISSUER = "http://localhost";

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayHarness gw;
    static final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream("orders");
        gw = GatewayHarness.start(dir, """
                oauth2-server:
                  issuer: %s
                  audiences: [https://api.example.com/orders]
                  token-lifetime: 2m
                routes:
                  - id: orders
                    match: {path-prefix: /orders}
                    upstream: {urls: [%s]}
                    authentication:
                      jwt: [rampart]
                """.formatted(ISSUER, upstream.url()), false);
        gw.gateway.events().subscribe(e -> {
            if (e.type().startsWith("oauth2.")) {
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

    static JsonObject register(String json) throws Exception {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.admin() + "/admin/oauth2/clients"))
                .header("Authorization", "Bearer " + gw.adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    static HttpResponse<String> token(String authorization, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.base() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return gw.send(b);
    }

    static String basic(JsonObject client) {
        return "Basic " + Base64.getEncoder().encodeToString((client.getString("client_id") + ":"
                + client.getString("client_secret")).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRegisteredClientGetsATokenThatTheRouteAccepts() throws Exception {
        JsonObject client = register("{\"name\": \"billing\", \"scopes\": [\"orders:read\", \"orders:write\"], "
                + "\"roles\": [\"billing\"]}");
        assertThat(client.getString("client_secret")).startsWith("rmpcs_");

        HttpResponse<String> issued = token(basic(client), "grant_type=client_credentials&scope=orders%3Aread");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(issued.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(issued.headers().firstValue("X-Request-Id")).isPresent();
        JsonObject body = new JsonObject(issued.body());
        assertThat(body.getString("token_type")).isEqualTo("Bearer");
        assertThat(body.getLong("expires_in")).isEqualTo(120L);
        assertThat(body.getString("scope")).isEqualTo("orders:read");

        String accessToken = body.getString("access_token");
        assertThat(gw.get("/orders/42", "Authorization", "Bearer " + accessToken).statusCode()).isEqualTo(200);
        assertThat(gw.get("/orders/42").statusCode()).isEqualTo(401);

        String kid = SignedJWT.parse(accessToken).getHeader().getKeyID();
        HttpResponse<String> jwks = gw.get("/.well-known/jwks.json");
        assertThat(jwks.statusCode()).isEqualTo(200);
        JWKSet published = JWKSet.parse(jwks.body());
        assertThat(published.getKeyByKeyId(kid)).isNotNull();
        assertThat(published.getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
    }

    @Test
    void aWrongSecretIsAnsweredWithInvalidClientAndAnEvent() throws Exception {
        JsonObject client = register("{\"name\": \"wrong\", \"scopes\": [\"orders:read\"]}");
        client.put("client_secret", "rmpcs_not-the-secret");

        HttpResponse<String> r = token(basic(client), "grant_type=client_credentials");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("invalid_client");
        long deadline = System.currentTimeMillis() + 5_000;
        while (events.stream().noneMatch(e -> client.getString("client_id").equals(e.details().get("client_id")))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(events).filteredOn(e -> client.getString("client_id").equals(e.details().get("client_id")))
                .singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo("oauth2.token.refused");
                    assertThat(e.code()).isEqualTo("invalid_client");
                    assertThat(e.details().toString()).doesNotContain("not-the-secret");
                });
    }

    @Test
    void aRevokedClientGetsNoMoreTokens() throws Exception {
        JsonObject client = register("{\"name\": \"revoke-me\"}");
        assertThat(token(basic(client), "grant_type=client_credentials").statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = gw.adminPost("/admin/oauth2/clients/" + client.getString("client_id") + "/revoke");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(revoked.body()).getBoolean("revoked")).isTrue();

        assertThat(token(basic(client), "grant_type=client_credentials").statusCode()).isEqualTo(401);
    }

    @Test
    void aPrivateKeyJwtClientAuthenticatesWithASignedAssertion() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        JsonObject client = register(new JsonObject().put("name", "signer").put("auth_method", "private_key_jwt")
                .put("scopes", new io.vertx.core.json.JsonArray().add("orders:read"))
                .put("jwks", new JsonObject(new JWKSet(key.toPublicJWK()).toString())).encode());
        assertThat(client.containsKey("client_secret")).isFalse();
        String id = client.getString("client_id");
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(id).subject(id).audience(ISSUER + "/oauth2/token")
                        .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString())
                        .build());
        assertion.sign(new ECDSASigner(key));

        HttpResponse<String> r = token(null, "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion.serialize());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String accessToken = new JsonObject(r.body()).getString("access_token");
        assertThat(gw.get("/orders/1", "Authorization", "Bearer " + accessToken).statusCode()).isEqualTo(200);
    }

    @Test
    void servesMetadataAndRefusesWrongMethodsAndOversizedRequests() throws Exception {
        HttpResponse<String> metadata = gw.get("/.well-known/oauth-authorization-server");
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonObject m = new JsonObject(metadata.body());
        assertThat(m.getString("issuer")).isEqualTo(ISSUER);
        assertThat(m.getString("token_endpoint")).isEqualTo(ISSUER + "/oauth2/token");

        HttpResponse<String> get = gw.get("/oauth2/token");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> big = token(null, "grant_type=client_credentials&padding=" + "a".repeat(20_000));
        assertThat(big.statusCode()).isEqualTo(413);
    }

    @Test
    void configRefusesRampartTokensWithoutTheServerAndABadIssuer() throws Exception {
        Path noServer = dir.resolve("no-server.yaml");
        Files.writeString(noServer, """
                routes:
                  - id: r
                    match: {path-prefix: /}
                    upstream: {urls: [http://127.0.0.1:1]}
                    authentication: {jwt: [rampart]}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(noServer)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("routes[0].authentication.jwt[0]").hasMessageContaining("oauth2-server");

        Path badIssuer = dir.resolve("bad-issuer.yaml");
        Files.writeString(badIssuer, """
                oauth2-server:
                  issuer: http://api.example.com
                  audiences: [x]
                """);
        assertThatThrownBy(() -> ConfigLoader.load(badIssuer)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad-issuer.yaml:2").hasMessageContaining("oauth2-server.issuer");
    }
}

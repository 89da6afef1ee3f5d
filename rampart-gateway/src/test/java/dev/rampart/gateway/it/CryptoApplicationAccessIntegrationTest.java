package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applications on the transit and secrets endpoints with their own credentials (API keys made with
 * {@code /admin/api-keys}, JWTs of a configured issuer), each call authorized with the policy's
 * {@code transit:<operation>:<key>} and {@code secrets:<operation>:<path>}; denials answered 403
 * naming the permission and written to the audit log; the admin credential still full access and
 * still the only way into every other admin endpoint.
 */
class CryptoApplicationAccessIntegrationTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-crypto-apps";
    private static final String ISSUER = "https://id.example.com";

    @TempDir
    static Path dir;

    static GatewayHarness gw;
    static String paymentsKey;
    static String auditorKey;

    @BeforeAll
    static void start() throws Exception {
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        Files.writeString(dir.resolve("master.key"), Base64.getEncoder().encodeToString(master) + "\n");
        gw = GatewayHarness.start(dir, """
                crypto: {master-key-file: master.key}
                jwt-issuers:
                  corp: {issuer: %s, hmac-secret: %s, algorithms: [HS256], audiences: [crypto]}
                policy:
                  mode: shadow
                  roles:
                    payments-app:
                      permissions: ["transit:encrypt:payments", "transit:decrypt:payments", "transit:sign:signing",
                                    "secrets:read:apps/payments/*", "secrets:list:apps/payments/*"]
                    auditor: {permissions: ["*:*"]}
                    key-admin: {permissions: ["transit:*:*"]}
                  rules:
                    - {id: no-deletes, effect: deny, permissions: ["transit:delete:*"]}
                """.formatted(ISSUER, SECRET), false);
        assertThat(admin("POST", "/admin/transit/keys/payments", "{\"type\": \"aes256-gcm\"}").statusCode()).isEqualTo(201);
        assertThat(admin("POST", "/admin/transit/keys/orders", "{\"type\": \"aes256-gcm\"}").statusCode()).isEqualTo(201);
        assertThat(admin("POST", "/admin/transit/keys/signing", "{\"type\": \"ed25519\"}").statusCode()).isEqualTo(201);
        assertThat(admin("PUT", "/admin/secrets/data/apps/payments/db", "{\"data\": {\"password\": \"pw-1\"}}")
                .statusCode()).isEqualTo(200);
        assertThat(admin("PUT", "/admin/secrets/data/apps/orders/db", "{\"data\": {\"password\": \"pw-2\"}}")
                .statusCode()).isEqualTo(200);
        paymentsKey = apiKey("payments-service", "payments-app");
        auditorKey = apiKey("auditor", "auditor");
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void apiKeyWithTheRoleEncryptsAndDecryptsItsOwnKey() throws Exception {
        String plaintext = b64("4111 1111 1111 1111");
        HttpResponse<String> encrypted = as(paymentsKey, "POST", "/admin/transit/encrypt/payments",
                "{\"plaintext\": \"" + plaintext + "\"}");
        assertThat(encrypted.statusCode()).as(encrypted.body()).isEqualTo(200);
        String ciphertext = new JsonObject(encrypted.body()).getString("ciphertext");
        HttpResponse<String> decrypted = as(paymentsKey, "POST", "/admin/transit/decrypt/payments",
                "{\"ciphertext\": \"" + ciphertext + "\"}");
        assertThat(new JsonObject(decrypted.body()).getString("plaintext")).isEqualTo(plaintext);
    }

    @Test
    void apiKeyWithoutThePermissionIsRefused403NamingItAndTheDenialIsAudited() throws Exception {
        String plaintext = b64("an order the payments service may not protect");
        HttpResponse<String> refused = as(paymentsKey, "POST", "/admin/transit/encrypt/orders",
                "{\"plaintext\": \"" + plaintext + "\"}");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(refused.body());
        assertThat(problem.getString("code")).isEqualTo("denied");
        assertThat(problem.getString("detail")).contains("transit:encrypt:orders");
        JsonObject entry = awaitEntry("crypto.transit.encrypt",
                e -> e.encode().contains("transit:encrypt:orders")).orElseThrow();
        assertThat(entry.getString("result")).isEqualTo("denied");
        assertThat(entry.encode()).doesNotContain(plaintext);

        // a rotation is a different operation on its own key
        assertThat(as(paymentsKey, "POST", "/admin/transit/keys/payments/rotate", null).statusCode()).isEqualTo(403);
    }

    @Test
    void aBatchIsAuthorizedOnceForTheWholeCall() throws Exception {
        String batch = "{\"batch_input\": [{\"input\": \"" + b64("a") + "\"}, {\"input\": \"" + b64("b") + "\"}]}";
        HttpResponse<String> signed = as(paymentsKey, "POST", "/admin/transit/sign/signing", batch);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(new JsonObject(signed.body()).getJsonArray("batch_results")).hasSize(2)
                .allSatisfy(r -> assertThat(((JsonObject) r).getString("signature")).startsWith("rampart:v1:"));

        HttpResponse<String> refused = as(paymentsKey, "POST", "/admin/transit/verify/signing", batch);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(refused.body()).getString("detail")).contains("transit:verify:signing");
    }

    @Test
    void twoPartWildcardsDoNotReachKeysOrSecretsAndShadowModeDoesNotApplyToThem() throws Exception {
        assertThat(as(auditorKey, "POST", "/admin/transit/encrypt/payments", "{\"plaintext\": \"aGk=\"}").statusCode())
                .isEqualTo(403);
        assertThat(as(auditorKey, "GET", "/admin/secrets/data/apps/payments/db", null).statusCode()).isEqualTo(403);
    }

    @Test
    void secretsAreReadAndListedOnlyUnderTheGrantedPaths() throws Exception {
        HttpResponse<String> read = as(paymentsKey, "GET", "/admin/secrets/data/apps/payments/db", null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(new JsonObject(read.body()).getJsonObject("data").getString("password")).isEqualTo("pw-1");

        HttpResponse<String> other = as(paymentsKey, "GET", "/admin/secrets/data/apps/orders/db", null);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(other.body()).getString("detail")).contains("secrets:read:apps/orders/db");
        assertThat(other.body()).doesNotContain("pw-2");
        assertThat(awaitEntry("crypto.secrets.read", e -> e.encode().contains("secrets:read:apps/orders/db"))).isPresent();

        HttpResponse<String> write = as(paymentsKey, "PUT", "/admin/secrets/data/apps/payments/db",
                "{\"data\": {\"password\": \"overwritten\"}}");
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(write.body()).getString("detail")).contains("secrets:write:apps/payments/db");

        JsonArray listed = new JsonObject(as(paymentsKey, "GET", "/admin/secrets?prefix=apps/", null).body())
                .getJsonArray("paths");
        assertThat(listed).containsExactly("apps/payments/db");
        assertThat(new JsonObject(admin("GET", "/admin/secrets?prefix=apps/", null).body()).getJsonArray("paths"))
                .containsExactly("apps/orders/db", "apps/payments/db");
    }

    @Test
    void jwtOfAConfiguredIssuerIsAnApplicationCallerToo() throws Exception {
        String keyAdmin = token("ops-bot", List.of("key-admin"));
        HttpResponse<String> rotated = as(keyAdmin, "POST", "/admin/transit/keys/orders/rotate", null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        // a deny rule overrides the wildcard grant
        HttpResponse<String> delete = as(keyAdmin, "DELETE", "/admin/transit/keys/orders", null);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(delete.body()).getString("detail")).contains("transit:delete:orders");
        // the gateway's own key is nobody's but the gateway's
        assertThat(as(keyAdmin, "POST", "/admin/transit/keys/rampart-credential-secret/rotate", null).statusCode())
                .isEqualTo(403);

        HttpResponse<String> forged = as(keyAdmin.substring(0, keyAdmin.length() - 3) + "abc", "POST",
                "/admin/transit/keys/orders/rotate", null);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(forged.body()).getString("code")).isEqualTo("invalid-credential");
    }

    @Test
    void applicationCredentialsOpenNoOtherAdminEndpoint() throws Exception {
        for (String path : List.of("/admin/api-keys", "/admin/health", "/admin/config", "/admin/transit/../api-keys")) {
            HttpResponse<String> r = as(paymentsKey, "GET", path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(new JsonObject(r.body()).getString("code")).as(path).isEqualTo("admin-unauthorized");
        }
        assertThat(as(token("ops-bot", List.of("key-admin")), "GET", "/admin/routes", null).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = as("rmp_00000000000000000000000000_" + "x".repeat(35), "POST",
                "/admin/transit/encrypt/payments", "{\"plaintext\": \"aGk=\"}");
        assertThat(unknown.statusCode()).isEqualTo(401);
    }

    @Test
    void revokedApiKeyIsRefusedAndReportedAsAFailedAuthentication() throws Exception {
        HttpResponse<String> created = admin("POST", "/admin/api-keys",
                "{\"name\": \"short-lived\", \"owner\": \"tests\", \"roles\": [\"payments-app\"]}");
        JsonObject key = new JsonObject(created.body());
        assertThat(as(key.getString("key"), "POST", "/admin/transit/encrypt/payments", "{\"plaintext\": \"aGk=\"}")
                .statusCode()).isEqualTo(200);
        assertThat(admin("POST", "/admin/api-keys/" + key.getString("id") + "/revoke", null).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = as(key.getString("key"), "POST", "/admin/transit/encrypt/payments",
                "{\"plaintext\": \"aGk=\"}");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("invalid-credential");
        JsonObject entry = awaitEntry("authentication.failed", e -> e.encode().contains(key.getString("id"))).orElseThrow();
        assertThat(entry.getString("result")).isEqualTo("revoked");
        assertThat(entry.encode()).contains("/admin/transit/encrypt/payments").doesNotContain(key.getString("key"));
    }

    @Test
    void theAdminCredentialKeepsFullAccess() throws Exception {
        assertThat(admin("POST", "/admin/transit/encrypt/orders", "{\"plaintext\": \"aGk=\"}").statusCode()).isEqualTo(200);
        assertThat(admin("GET", "/admin/secrets/data/apps/orders/db", null).statusCode()).isEqualTo(200);
    }

    // ---- helpers ----

    private static String apiKey(String name, String role) throws Exception {
        HttpResponse<String> r = admin("POST", "/admin/api-keys", """
                {"name": "%s", "owner": "tests", "roles": ["%s"]}""".formatted(name, role));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getString("key");
    }

    private static HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return as(gw.adminToken, method, path, json);
    }

    private static HttpResponse<String> as(String credential, String method, String path, String json) throws Exception {
        return gw.send(HttpRequest.newBuilder(URI.create(gw.admin() + path))
                .header("Authorization", "Bearer " + credential)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The first audit entry of this type that satisfies {@code match}, polling (events reach the log asynchronously). */
    private static java.util.Optional<JsonObject> awaitEntry(String type, Predicate<JsonObject> match) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonArray entries = new JsonObject(admin("GET", "/admin/audit/entries?event_type=" + type, null).body())
                    .getJsonArray("entries");
            for (Object e : entries) {
                if (match.test((JsonObject) e)) {
                    return java.util.Optional.of((JsonObject) e);
                }
            }
            Thread.sleep(50);
        }
        return java.util.Optional.empty();
    }

    private static String token(String subject, List<String> roles) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().issuer(ISSUER)
                .subject(subject).audience("crypto").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("roles", roles).build());
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

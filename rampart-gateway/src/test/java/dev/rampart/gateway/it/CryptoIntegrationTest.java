package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.event.BoundedEventBus;
import dev.rampart.core.net.IpAddresses;
import dev.rampart.crypto.Crypto;
import dev.rampart.crypto.MasterKeySource;
import dev.rampart.crypto.TransitAuthorizer;
import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.LoadedConfig;
import dev.rampart.gateway.crypto.CryptoAuthorizer;
import dev.rampart.gateway.crypto.CredentialSecret;
import dev.rampart.gateway.server.Gateway;
import dev.rampart.gateway.server.GatewayStartException;
import dev.rampart.store.Store;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crypto service through a real gateway: without a master key (503 on transit and secrets),
 * with one (transit round trips, rotation and rewrap, batches with per-item errors, secrets CAS),
 * {@code ${secret:...}} references in the config, and a refused start when encrypted data exists
 * but the key is gone.
 */
class CryptoIntegrationTest {

    private static final String HMAC_SECRET = "k3y-for-hs256-that-is-long-enough-0123456789";

    @TempDir
    Path dir;

    @Test
    void transitAndSecretsAnswer503SayingHowToConfigureWhenNoMasterKeyIsGiven() throws Exception {
        try (GatewayHarness gw = GatewayHarness.start(dir, "", false)) {
            HttpResponse<String> encrypt = post(gw, "/admin/transit/encrypt/payments", "{\"plaintext\": \"aGk=\"}");
            assertThat(encrypt.statusCode()).isEqualTo(503);
            assertThat(encrypt.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonObject problem = new JsonObject(encrypt.body());
            assertThat(problem.getString("code")).isEqualTo("crypto-unavailable");
            assertThat(problem.getString("detail")).contains("RAMPART_MASTER_KEY", "crypto.master-key-file");

            assertThat(gw.adminGet("/admin/secrets").statusCode()).isEqualTo(503);
            assertThat(gw.adminGet("/admin/health").statusCode()).isEqualTo(200);
            assertThat(new JsonObject(gw.adminGet("/admin/openapi.json").body()).getJsonObject("paths").fieldNames())
                    .contains("/admin/transit/keys", "/admin/transit/keys/{name}", "/admin/transit/keys/{name}/rotate",
                            "/admin/transit/keys/{name}/config", "/admin/transit/keys/{name}/trim",
                            "/admin/transit/keys/{name}/jwks", "/admin/transit/encrypt/{name}", "/admin/transit/decrypt/{name}",
                            "/admin/transit/rewrap/{name}", "/admin/transit/datakey/{name}", "/admin/transit/sign/{name}",
                            "/admin/transit/verify/{name}", "/admin/transit/hmac/{name}", "/admin/transit/random/{bytes}",
                            "/admin/transit/hash/{algorithm}", "/admin/secrets", "/admin/secrets/data/{path}",
                            "/admin/secrets/metadata/{path}", "/admin/secrets/delete/{path}",
                            "/admin/secrets/undelete/{path}", "/admin/secrets/destroy/{path}");
        }
    }

    @Test
    void encryptsDecryptsRotatesAndRewrapsOverHttp() throws Exception {
        try (GatewayHarness gw = GatewayHarness.start(dir, withMasterKey(""), false)) {
            assertThat(post(gw, "/admin/transit/keys/payments", "{\"type\": \"aes256-gcm\"}").statusCode()).isEqualTo(201);
            String card = b64("4111 1111 1111 1111");
            String order = b64("order-17");

            JsonObject encrypted = ok(post(gw, "/admin/transit/encrypt/payments",
                    "{\"plaintext\": \"%s\", \"associated_data\": \"%s\"}".formatted(card, order)));
            String v1 = encrypted.getString("ciphertext");
            assertThat(v1).startsWith("rampart:v1:");
            assertThat(encrypted.getInteger("key_version")).isEqualTo(1);
            assertThat(ok(post(gw, "/admin/transit/decrypt/payments",
                    "{\"ciphertext\": \"%s\", \"associated_data\": \"%s\"}".formatted(v1, order))).getString("plaintext"))
                    .isEqualTo(card);

            HttpResponse<String> otherContext = post(gw, "/admin/transit/decrypt/payments",
                    "{\"ciphertext\": \"%s\", \"associated_data\": \"%s\"}".formatted(v1, b64("order-18")));
            assertThat(otherContext.statusCode()).isEqualTo(400);
            assertThat(new JsonObject(otherContext.body()).getString("code")).isEqualTo("decryption-failed");

            assertThat(ok(post(gw, "/admin/transit/keys/payments/rotate", null)).getInteger("latest_version")).isEqualTo(2);
            String v2 = ok(post(gw, "/admin/transit/rewrap/payments",
                    "{\"ciphertext\": \"%s\", \"associated_data\": \"%s\"}".formatted(v1, order))).getString("ciphertext");
            assertThat(v2).startsWith("rampart:v2:");
            assertThat(ok(post(gw, "/admin/transit/decrypt/payments",
                    "{\"ciphertext\": \"%s\", \"associated_data\": \"%s\"}".formatted(v2, order))).getString("plaintext"))
                    .isEqualTo(card);

            JsonObject key = new JsonObject(gw.adminGet("/admin/transit/keys/payments").body());
            assertThat(key.getString("type")).isEqualTo("aes256-gcm");
            assertThat(key.getJsonObject("versions").fieldNames()).containsExactlyInAnyOrder("1", "2");
            assertThat(key.encode()).doesNotContain("key_material").doesNotContain(card);
        }
    }

    @Test
    void batchKeepsOrderAndGivesEachItemItsOwnError() throws Exception {
        try (GatewayHarness gw = GatewayHarness.start(dir, withMasterKey(""), false)) {
            post(gw, "/admin/transit/keys/orders", "{\"type\": \"chacha20-poly1305\"}");
            JsonArray encrypted = ok(post(gw, "/admin/transit/encrypt/orders", """
                    {"batch_input": [{"reference": "a", "plaintext": "%s"}, {"reference": "b", "plaintext": "%s"}]}"""
                    .formatted(b64("first"), b64("second")))).getJsonArray("batch_results");
            String first = encrypted.getJsonObject(0).getString("ciphertext");
            String second = encrypted.getJsonObject(1).getString("ciphertext");
            String altered = second.substring(0, second.length() - 4) + (second.endsWith("AAAA") ? "BBBB" : "AAAA");

            HttpResponse<String> response = post(gw, "/admin/transit/decrypt/orders", """
                    {"batch_input": [{"reference": "ok", "ciphertext": "%s"},
                                     {"reference": "altered", "ciphertext": "%s"},
                                     {"reference": "not-ours", "ciphertext": "vault:v1:abc"}]}"""
                    .formatted(first, altered));
            assertThat(response.statusCode()).isEqualTo(200);
            JsonArray results = new JsonObject(response.body()).getJsonArray("batch_results");
            assertThat(results).hasSize(3);
            assertThat(results.getJsonObject(0).getString("reference")).isEqualTo("ok");
            assertThat(results.getJsonObject(0).getString("plaintext")).isEqualTo(b64("first"));
            assertThat(results.getJsonObject(1).getString("reference")).isEqualTo("altered");
            assertThat(results.getJsonObject(1).getJsonObject("error").getString("code")).isEqualTo("decryption-failed");
            assertThat(results.getJsonObject(1).containsKey("plaintext")).isFalse();
            assertThat(results.getJsonObject(2).getJsonObject("error").getString("code")).isEqualTo("invalid-input");

            post(gw, "/admin/transit/keys/release", "{\"type\": \"ed25519\"}");
            JsonArray signatures = ok(post(gw, "/admin/transit/sign/release", """
                    {"batch_input": [{"reference": "x", "input": "%s"}, {"reference": "y", "input": "%s"}]}"""
                    .formatted(b64("x"), "not base64!"))).getJsonArray("batch_results");
            assertThat(signatures.getJsonObject(0).getString("signature")).startsWith("rampart:v1:");
            assertThat(signatures.getJsonObject(1).getJsonObject("error").getString("code")).isEqualTo("invalid-request");
            assertThat(new JsonObject(gw.adminGet("/admin/transit/keys/release/jwks").body()).getJsonArray("keys"))
                    .hasSize(1);
        }
    }

    @Test
    void secretsCheckAndSetConflictAnswers409() throws Exception {
        try (GatewayHarness gw = GatewayHarness.start(dir, withMasterKey(""), false)) {
            HttpResponse<String> first = post(gw, "/admin/secrets/data/db/orders",
                    "{\"data\": {\"password\": \"s3cret\"}, \"options\": {\"cas\": 0}}");
            assertThat(ok(first).getInteger("version")).isEqualTo(1);

            HttpResponse<String> again = post(gw, "/admin/secrets/data/db/orders",
                    "{\"data\": {\"password\": \"other\"}, \"options\": {\"cas\": 0}}");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(again.body()).getString("code")).isEqualTo("cas-mismatch");
            assertThat(again.body()).doesNotContain("other").doesNotContain("s3cret");

            assertThat(ok(post(gw, "/admin/secrets/data/db/orders",
                    "{\"data\": {\"password\": \"next\"}, \"options\": {\"cas\": 1}}")).getInteger("version")).isEqualTo(2);
            JsonObject read = new JsonObject(gw.adminGet("/admin/secrets/data/db/orders?version=1").body());
            assertThat(read.getJsonObject("data").getString("password")).isEqualTo("s3cret");
            assertThat(new JsonObject(gw.adminGet("/admin/secrets?prefix=db/").body()).getJsonArray("paths"))
                    .containsExactly("db/orders");
        }
    }

    @Test
    void secretReferencesInTheConfigResolveFromTheStoreAndAreMasked() throws Exception {
        writeSecret("jwt/corp", Map.of("hmac", HMAC_SECRET, "host", "orders.example.com"));
        String yaml = withMasterKey("""
                trusted-hosts: ["${secret:jwt/corp#host}"]
                jwt-issuers:
                  corp:
                    issuer: https://id.example.com
                    hmac-secret: ${secret:jwt/corp#hmac}
                    algorithms: [HS256]
                    audiences: [orders-api]
                """);
        try (GatewayHarness gw = GatewayHarness.start(dir, yaml, false)) {
            assertThat(gw.gateway.loadedConfig().config().jwtIssuers().get("corp").hmacSecret()).isEqualTo(HMAC_SECRET);
            assertThat(gw.gateway.loadedConfig().config().trustedHosts()).containsExactly("orders.example.com");
            String effective = gw.adminGet("/admin/config").body();
            assertThat(effective).doesNotContain(HMAC_SECRET).doesNotContain("orders.example.com");
            assertThat(new JsonObject(effective).getJsonArray("trusted-hosts").getString(0)).isEqualTo("********");

            // a reload resolves through the running gateway's crypto service
            assertThat(gw.gateway.reload().applied()).isTrue();
        }
    }

    @Test
    void aMissingSecretIsAConfigErrorNamingTheLineAndTheReference() throws Exception {
        writeSecret("jwt/corp", Map.of("hmac", HMAC_SECRET));
        Path config = dir.resolve("rampart.yaml");
        Files.writeString(config, withMasterKey("""
                store: {data-dir: ./data}
                jwt-issuers:
                  corp:
                    issuer: https://id.example.com
                    hmac-secret: ${secret:jwt/other#hmac}
                    algorithms: [HS256]
                    audiences: [orders-api]
                """));
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rampart.yaml:7:18: jwt-issuers.corp.hmac-secret:")
                .hasMessageContaining("${secret:jwt/other#hmac}");
    }

    @Test
    void aSecretReferenceInTheStoreSectionIsRefused() throws Exception {
        Path config = dir.resolve("rampart.yaml");
        Files.writeString(config, "store: {data-dir: \"${secret:paths#data}\"}\n");
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rampart.yaml:1:19: store.data-dir:")
                .hasMessageContaining("cannot hold ${secret:...} references");
    }

    @Test
    void refusesToStartWhenEncryptedDataExistsAndTheMasterKeyIsGone() throws Exception {
        writeSecret("db/orders", Map.of("password", "s3cret"));
        Path config = dir.resolve("rampart.yaml");
        Files.writeString(config, "admin: {port: 0}\nlisteners: {http: {host: 127.0.0.1, port: 0}}\nstore: {data-dir: ./data}\n");
        LoadedConfig loaded = ConfigLoader.load(config);
        assertThatThrownBy(() -> Gateway.start(loaded, token -> { }, false)).isInstanceOf(GatewayStartException.class)
                .hasMessageContaining("cannot open the crypto service")
                .hasMessageContaining("RAMPART_MASTER_KEY");
    }

    @Test
    void theCredentialSecretIsWrappedUnderTheMasterKeyAndKeysMadeBeforeStillWork() throws Exception {
        String apiKey;
        String clear;
        try (GatewayHarness gw = GatewayHarness.start(dir, "", false)) {
            HttpResponse<String> created = post(gw, "/admin/api-keys", "{\"name\": \"ci\", \"owner\": \"team-a\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            apiKey = new JsonObject(created.body()).getString("key");
            clear = gw.gateway.store().settings().get("api-keys.server-secret").orElseThrow();
        }
        try (GatewayHarness gw = GatewayHarness.start(dir, withMasterKey(""), false)) {
            String stored = gw.gateway.store().settings().get("api-keys.server-secret").orElseThrow();
            assertThat(stored).startsWith("rampart:v1:").doesNotContain(clear);
            assertThat(gw.gateway.apiKeys().authenticate(apiKey, IpAddresses.parse("127.0.0.1")).accepted()).isTrue();
            // the first start's admin token is in the store; this harness did not create one
            Crypto crypto = gw.gateway.crypto().available().orElseThrow();
            assertThat(crypto.transit().read(CryptoAuthorizer.ADMIN, CredentialSecret.TRANSIT_KEY).deletionAllowed())
                    .isFalse();

            // after a rotation the next read moves the value to the latest version; the secret is the same
            byte[] before = Gateway.credentialSecret(gw.gateway.store(), crypto);
            crypto.transit().rotate(CryptoAuthorizer.ADMIN, CredentialSecret.TRANSIT_KEY);
            assertThat(Gateway.credentialSecret(gw.gateway.store(), crypto)).isEqualTo(before);
            assertThat(gw.gateway.store().settings().get("api-keys.server-secret").orElseThrow()).startsWith("rampart:v2:");
        }
        try (Store store = Store.open(ConfigLoader.load(dir.resolve("rampart.yaml")).config().store(), dir)) {
            assertThatThrownBy(() -> Gateway.credentialSecret(store))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("RAMPART_MASTER_KEY");
        }
    }

    @Test
    void theTokenSigningKeysAreSealedUnderTheMasterKeyOnceOneIsGiven() throws Exception {
        String oauth2 = "oauth2-server: {issuer: \"http://localhost\", audiences: [api]}\n";
        String kid;
        try (GatewayHarness gw = GatewayHarness.start(dir, oauth2, false)) {
            kid = new JsonObject(gw.get("/.well-known/jwks.json").body()).getJsonArray("keys").getJsonObject(0)
                    .getString("kid");
            assertThat(signingKeyColumn(gw, kid)).startsWith("{");   // no master key: kept as written
        }
        try (GatewayHarness gw = GatewayHarness.start(dir, withMasterKey(oauth2), false)) {
            String sealed = signingKeyColumn(gw, kid);
            assertThat(sealed).startsWith("rampart:v").doesNotContain("\"d\"");
            // the same key still signs and is still published
            assertThat(gw.get("/.well-known/jwks.json").body()).contains(kid);
        }
    }

    private static String signingKeyColumn(GatewayHarness gw, String kid) throws Exception {
        try (java.sql.Connection c = gw.gateway.store().dataSource().getConnection();
                java.sql.PreparedStatement s = c.prepareStatement("SELECT private_jwk FROM oauth2_signing_keys WHERE kid = ?")) {
            s.setString(1, kid);
            try (java.sql.ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }

    // ---- helpers ----

    private Path masterKeyFile() throws Exception {
        Path file = dir.resolve("master.key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        }
        return file;
    }

    private String withMasterKey(String yaml) throws Exception {
        masterKeyFile();
        return "crypto:\n  master-key-file: master.key\n" + yaml;
    }

    /** Writes a secret as 'rampart secrets put' does, before any gateway runs. */
    private void writeSecret(String path, Map<String, String> data) throws Exception {
        Path config = dir.resolve("store-only.yaml");
        Files.writeString(config, "store: {data-dir: ./data}\n");
        LoadedConfig loaded = ConfigLoader.load(config);
        try (Store store = Store.open(loaded.config().store(), dir);
                BoundedEventBus events = new BoundedEventBus(64, BoundedEventBus.OverflowPolicy.DROP)) {
            Crypto crypto = Crypto.open(store, MasterKeySource.fromFile(masterKeyFile()), events,
                    TransitAuthorizer.localOperator(), Clock.systemUTC());
            crypto.secrets().put(path, data, null, null);
        }
    }

    private static HttpResponse<String> post(GatewayHarness gw, String path, String json) throws Exception {
        return gw.send(HttpRequest.newBuilder(URI.create(gw.admin() + path))
                .header("Authorization", "Bearer " + gw.adminToken)
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return new JsonObject(response.body());
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed webhooks through the gateway: signatures made here as GitHub and Stripe make them. */
class SignedRequestIntegrationTest {

    static final String GITHUB_SECRET = "gh-webhook-secret-for-tests-0123456789";
    static final String STRIPE_SECRET = "whsec_stripe-secret-for-tests-0123456789";

    @TempDir
    static Path dir;

    static TestUpstream upstream;
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream("hooks");
        gw = GatewayHarness.start(dir, """
                routes:
                  - id: github
                    match: {path-prefix: /hooks/github}
                    upstream: {urls: [%1$s]}
                    signature:
                      scheme: github
                      secrets: ["%2$s"]
                      max-body-size: 1KB
                  - id: stripe
                    match: {path-prefix: /hooks/stripe}
                    upstream: {urls: [%1$s]}
                    signature:
                      scheme: stripe
                      secrets: ["%3$s"]
                      tolerance: 5m
                """.formatted(upstream.url(), GITHUB_SECRET, STRIPE_SECRET), false);
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

    static String hmacHex(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.base() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return gw.send(b);
    }

    static long upstreamCalls(String uri) {
        return upstream.seen.stream().filter(s -> s.uri().equals(uri)).count();
    }

    @Test
    void aGitHubSignedDeliveryReachesTheUpstreamWithItsBodyUnchanged() throws Exception {
        String body = "{\"action\":\"opened\",\"number\":42,\"title\":\"caf\u00e9 \u2603\"}";
        HttpResponse<String> r = post("/hooks/github/ok", body, "X-Hub-Signature-256", "sha256=" + hmacHex(GITHUB_SECRET, body));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).endsWith(" " + body.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aForgedOrMissingSignatureNeverReachesTheUpstream() throws Exception {
        String body = "{\"action\":\"deleted\"}";
        HttpResponse<String> forged = post("/hooks/github/forged", body,
                "X-Hub-Signature-256", "sha256=" + hmacHex("not-the-secret", body));
        HttpResponse<String> missing = post("/hooks/github/missing", body);

        for (HttpResponse<String> r : java.util.List.of(forged, missing)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("invalid-signature");
        }
        assertThat(new JsonObject(forged.body()).getString("detail")).contains("bad signature");
        assertThat(new JsonObject(missing.body()).getString("detail")).contains("missing signature");
        assertThat(upstreamCalls("/hooks/github/forged") + upstreamCalls("/hooks/github/missing")).isZero();
    }

    @Test
    void aBodyWithoutAnySignatureIsCheckedToo() throws Exception {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/hooks/github/empty"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(upstreamCalls("/hooks/github/empty")).isZero();
    }

    @Test
    void aBodyOverTheVerificationLimitIsRefused() throws Exception {
        String body = "{\"padding\":\"" + "x".repeat(2_000) + "\"}";
        HttpResponse<String> r = post("/hooks/github/big", body, "X-Hub-Signature-256", "sha256=" + hmacHex(GITHUB_SECRET, body));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(upstreamCalls("/hooks/github/big")).isZero();
    }

    @Test
    void aStripeSignedEventIsAcceptedOnceAndAStaleOneNot() throws Exception {
        String body = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}";
        long now = System.currentTimeMillis() / 1000;
        String header = "t=" + now + ",v1=" + hmacHex(STRIPE_SECRET, now + "." + body);

        assertThat(post("/hooks/stripe/a", body, "Stripe-Signature", header).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = post("/hooks/stripe/b", body, "Stripe-Signature", header);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(replay.body()).getString("detail")).contains("replayed");

        long old = now - 3600;
        String stale = "t=" + old + ",v1=" + hmacHex(STRIPE_SECRET, old + "." + body);
        HttpResponse<String> late = post("/hooks/stripe/c", body, "Stripe-Signature", stale);
        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(late.body()).getString("detail")).contains("timestamp outside tolerance");
    }

    @Test
    void configNamesAnUnknownSchemeAndAGenericSchemeWithoutItsHeader() throws Exception {
        Path file = dir.resolve("bad-signature.yaml");
        Files.writeString(file, """
                routes:
                  - id: a
                    match: {path-prefix: /a}
                    upstream: {urls: [http://127.0.0.1:1]}
                    signature: {scheme: gitlab, secrets: ["${SECRET:-x}"]}
                  - id: b
                    match: {path-prefix: /b}
                    upstream: {urls: [http://127.0.0.1:1]}
                    signature: {scheme: generic, secrets: ["${SECRET:-x}"]}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("routes[0].signature.scheme: 'gitlab' is not a scheme")
                .hasMessageContaining("routes[1].signature.header");
    }
}

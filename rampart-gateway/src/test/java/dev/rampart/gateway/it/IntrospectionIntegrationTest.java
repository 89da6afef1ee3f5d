package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opaque tokens checked with a real RFC 7662 introspection endpoint (a small Vert.x server that
 * insists on Rampart's client credentials), with the answers cached as long as they may be.
 */
class IntrospectionIntegrationTest {

    @TempDir
    static Path dir;

    static Vertx vertx;
    static HttpServer authorizationServer;
    static final AtomicInteger calls = new AtomicInteger();
    static TestUpstream upstream;
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        authorizationServer = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            calls.incrementAndGet();
            String expected = "Basic " + Base64.getEncoder().encodeToString("rampart:s3cret".getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(req.getHeader("Authorization"))) {
                req.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"invalid_client\"}");
                return;
            }
            String form = body.toString(StandardCharsets.UTF_8);
            String token = URLDecoder.decode(form.replaceAll(".*token=([^&]*).*", "$1"), StandardCharsets.UTF_8);
            long now = System.currentTimeMillis() / 1000;
            JsonObject answer = switch (token) {
                case "opaque-good" -> new JsonObject().put("active", true).put("sub", "alice").put("scope", "orders:read")
                        .put("client_id", "web").put("exp", now + 600).put("aud", "orders-api")
                        .put("roles", new JsonArray().add("buyer"));
                case "opaque-expired" -> new JsonObject().put("active", true).put("sub", "bob").put("exp", now - 10);
                case "opaque-other-api" -> new JsonObject().put("active", true).put("sub", "carol").put("aud", "billing")
                        .put("exp", now + 600);
                default -> new JsonObject().put("active", false);
            };
            req.response().putHeader("Content-Type", "application/json").end(answer.encode());
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        upstream = new TestUpstream("orders");
        gw = GatewayHarness.start(dir, """
                introspection-endpoints:
                  corp:
                    url: http://127.0.0.1:%d/introspect
                    client-id: rampart
                    client-secret: ${INTROSPECTION_SECRET:-s3cret}
                    audiences: [orders-api]
                  down:
                    url: http://127.0.0.1:1/introspect
                    client-id: rampart
                    client-secret: ${INTROSPECTION_SECRET:-s3cret}
                    timeout: 1s
                routes:
                  - id: orders
                    match: {path-prefix: /orders}
                    upstream: {urls: [%s]}
                    authentication: {introspection: corp}
                  - id: down
                    match: {path-prefix: /down}
                    upstream: {urls: [%s]}
                    authentication: {introspection: down}
                """.formatted(authorizationServer.actualPort(), upstream.url(), upstream.url()), false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anActiveTokenIsLetThroughAndItsAnswerReused() throws Exception {
        int before = calls.get();
        assertThat(gw.get("/orders/1", "Authorization", "Bearer opaque-good").statusCode()).isEqualTo(200);
        assertThat(gw.get("/orders/2", "Authorization", "Bearer opaque-good").statusCode()).isEqualTo(200);
        assertThat(calls.get() - before).isEqualTo(1);
    }

    @Test
    void inactiveExpiredAndForeignTokensAreRefused() throws Exception {
        for (String token : new String[] {"opaque-unknown", "opaque-expired", "opaque-other-api"}) {
            HttpResponse<String> r = gw.get("/orders/1", "Authorization", "Bearer " + token);
            assertThat(r.statusCode()).as(token).isEqualTo(401);
            assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("invalid-token");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                    assertThat(v).contains("error=\"invalid_token\""));
        }
    }

    @Test
    void anUnreachableAuthorizationServerFailsClosedWith503() throws Exception {
        HttpResponse<String> r = gw.get("/down/1", "Authorization", "Bearer opaque-good");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("authentication-unavailable");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }
}

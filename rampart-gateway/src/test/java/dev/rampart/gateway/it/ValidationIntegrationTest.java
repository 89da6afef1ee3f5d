package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.SecurityEvent;
import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code validate} guard in a real gateway, against the sample "orders" OpenAPI document of the
 * test resources: one route enforcing responses, one strict route only logging them.
 */
class ValidationIntegrationTest {

    static final Path DOCUMENT = Path.of("src/test/resources/validation/orders-api.yaml").toAbsolutePath();
    static final String TENANT = "X-Tenant";
    static final String VALID_ORDER = "{\"sku\":\"ABC-123\",\"quantity\":2,\"note\":\"leave at the door\"}";

    @TempDir
    static Path dir;

    static Vertx upstreamVertx;
    static HttpServer upstream;
    /** Request bodies the upstream received, as bytes. */
    static final List<byte[]> received = new CopyOnWriteArrayList<>();
    /** The Accept-Encoding each request reached the upstream with ("-" when absent). */
    static final List<String> acceptEncodings = new CopyOnWriteArrayList<>();
    static final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    static GatewayHarness gw;

    @BeforeAll
    static void start() throws Exception {
        upstreamVertx = Vertx.vertx();
        // Answers as the X-Answer request header says, so each test picks a response that meets the
        // contract or breaks it in one way.
        upstream = upstreamVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            received.add(body.getBytes());
            acceptEncodings.add(req.getHeader("Accept-Encoding") == null ? "-" : req.getHeader("Accept-Encoding"));
            String answer = req.getHeader("X-Answer") == null ? "valid" : req.getHeader("X-Answer");
            var resp = req.response().putHeader("Content-Type", "application/json");
            switch (answer) {
                case "missing-id" -> resp.setStatusCode(201).end("{\"sku\":\"ABC-123\",\"quantity\":2}");
                case "compressed" -> resp.setStatusCode(201).putHeader("Content-Encoding", "gzip").end("\u001f\u008b not json");
                case "undeclared-status" -> resp.setStatusCode(500).end("{\"error\":\"boom\"}");
                case "too-long" -> resp.setStatusCode(201).end("{\"id\":\"o1\",\"sku\":\"ABC-123\",\"quantity\":2,\"note\":\""
                        + "x".repeat(3000) + "\"}");
                default -> resp.setStatusCode(req.method().name().equals("POST") ? 201 : 200)
                        .end(req.method().name().equals("POST") ? "{\"id\":\"o1\",\"sku\":\"ABC-123\",\"quantity\":2}" : "[]");
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String url = "http://127.0.0.1:" + upstream.actualPort();
        gw = GatewayHarness.start(dir, """
                routes:
                  - id: orders
                    match: {path-prefix: /v1/orders}
                    upstream: {urls: [%1$s]}
                    max-body-size: 200MB
                    validate:
                      openapi: %2$s
                      responses: enforce
                      json: {max-size: 2KB}
                      xml: {max-size: 2KB}
                      multipart: {max-size: 64KB}
                  - id: strict-orders
                    match: {path-prefix: /v2/orders}
                    upstream: {urls: [%1$s]}
                    validate:
                      openapi: %2$s
                      base-path: /v2
                      additional-properties: strict
                      responses: log
                  - id: search
                    match: {path: /search}
                    upstream: {urls: [%1$s]}
                    validate:
                      accept: [application/json]
                      query:
                        page: {type: integer, min: 1, max: 10}
                        q: {required: true, max-length: 20}
                      body-fields:
                        terms: {required: true, type: string, min-length: 2}
                """.formatted(url, DOCUMENT), false);
        gw.gateway.events().subscribe(e -> {
            if (e.type().startsWith("validation.")) {
                events.add(e);
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (upstreamVertx != null) {
            upstreamVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    static HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.base() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return gw.send(b);
    }

    static JsonArray errorsOf(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(r.body());
        assertThat(problem.getString("request_id")).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
        return problem.getJsonArray("errors");
    }

    static SecurityEvent awaitEvent(String type, String requestId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            for (SecurityEvent e : events) {
                if (e.type().equals(type) && requestId.equals(e.requestId())) {
                    return e;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no " + type + " event for request " + requestId + "; got " + events);
    }

    @Test
    void rejectsEveryBadQueryParameterInOneProblemWithoutEchoingValues() throws Exception {
        int before = received.size();
        HttpResponse<String> r = gw.get("/v1/orders?status=%3Cscript%3Elost&limit=500", TENANT, "acme");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonArray errors = errorsOf(r);
        assertThat(errors).hasSize(2);
        assertThat(errors.getJsonObject(0).getMap()).containsEntry("in", "query").containsEntry("name", "status")
                .containsEntry("rule", "enum").containsEntry("expected", "[pending, shipped]");
        assertThat(errors.getJsonObject(1).getMap()).containsEntry("in", "query").containsEntry("name", "limit")
                .containsEntry("rule", "maximum").containsEntry("expected", "100");
        assertThat(r.body()).doesNotContain("script").doesNotContain("lost").doesNotContain("500");
        assertThat(received).hasSize(before);

        SecurityEvent event = awaitEvent("validation.request.rejected", r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(event.routeId()).isEqualTo("orders");
        assertThat(event.details()).containsEntry("rule", "enum").containsEntry("location", "query status");
    }

    @Test
    void rejectsMissingHeaderShortCookieAndBadPathParameter() throws Exception {
        JsonArray header = errorsOf(gw.get("/v1/orders"));
        assertThat(header.getJsonObject(0).getMap()).containsEntry("in", "header").containsEntry("name", "X-Tenant")
                .containsEntry("rule", "required");

        HttpResponse<String> cookie = gw.get("/v1/orders", TENANT, "acme", "Cookie", "session=short");
        assertThat(cookie.statusCode()).isEqualTo(400);
        assertThat(errorsOf(cookie).getJsonObject(0).getMap()).containsEntry("in", "cookie").containsEntry("name", "session")
                .containsEntry("rule", "minLength");

        HttpResponse<String> path = gw.get("/v1/orders/12345");
        assertThat(path.statusCode()).isEqualTo(400);
        assertThat(errorsOf(path).getJsonObject(0).getMap()).containsEntry("in", "path").containsEntry("name", "orderId")
                .containsEntry("rule", "pattern");
    }

    @Test
    void answersUnknownPathWith404AndUnknownMethodWith405AndAllow() throws Exception {
        HttpResponse<String> unknown = gw.get("/v1/orders/ord_abc123/lines", TENANT, "acme");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorsOf(unknown).getJsonObject(0).getMap()).containsEntry("rule", "operation");

        HttpResponse<String> method = gw.send(HttpRequest.newBuilder(URI.create(gw.base() + "/v1/orders"))
                .DELETE().header(TENANT, "acme"));
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(new JsonObject(method.body()).getString("code")).isEqualTo("method-not-allowed");
    }

    @Test
    void refusesAnUndeclaredMediaTypeWith415BeforeReadingTheBody() throws Exception {
        int before = received.size();
        HttpResponse<String> r = post("/v1/orders", "text/plain", "sku=ABC-123");

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(errorsOf(r).getJsonObject(0).getMap()).containsEntry("in", "header").containsEntry("name", "Content-Type")
                .containsEntry("rule", "content-type").containsEntry("expected", "application/json");
        assertThat(received).hasSize(before);
    }

    @Test
    void listsEveryBodyViolationWithItsJsonPointer() throws Exception {
        HttpResponse<String> r = post("/v1/orders", "application/json", "{\"sku\":\"<b>\",\"quantity\":0}");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonArray errors = errorsOf(r);
        assertThat(errors.stream().map(e -> ((JsonObject) e).getString("pointer") + " " + ((JsonObject) e).getString("rule")))
                .containsExactlyInAnyOrder("/sku pattern", "/quantity minimum");
        assertThat(r.body()).doesNotContain("<b>");
    }

    @Test
    void passesAValidOrderToTheUpstreamByteForByte() throws Exception {
        int before = received.size();
        HttpResponse<String> r = post("/v1/orders?dryRun=true", "application/json; charset=utf-8", VALID_ORDER);

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(received).hasSize(before + 1);
        assertThat(received.get(before)).isEqualTo(VALID_ORDER.getBytes(StandardCharsets.UTF_8));
        assertThat(gw.get("/v1/orders?status=shipped&limit=10", TENANT, "acme", "Cookie", "session=0123456789abcdef")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void strictRouteRejectsUndeclaredFieldsThatTheDeclaredRouteLetsThrough() throws Exception {
        String massAssignment = "{\"sku\":\"ABC-123\",\"quantity\":2,\"isAdmin\":true}";

        HttpResponse<String> strict = post("/v2/orders", "application/json", massAssignment);
        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(errorsOf(strict).getJsonObject(0).getMap()).containsEntry("in", "body").containsEntry("pointer", "/isAdmin");

        assertThat(post("/v1/orders", "application/json", massAssignment).statusCode()).isEqualTo(201);
    }

    @Test
    void replacesAResponseThatBreaksTheContractWith502() throws Exception {
        HttpResponse<String> missingId = post("/v1/orders", "application/json", VALID_ORDER, "X-Answer", "missing-id");
        assertThat(missingId.statusCode()).isEqualTo(502);
        JsonObject problem = new JsonObject(missingId.body());
        assertThat(problem.getString("code")).isEqualTo("response-invalid");
        assertThat(missingId.body()).doesNotContain("ABC-123");
        SecurityEvent event = awaitEvent("validation.response.violated",
                missingId.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(event.details()).containsEntry("rule", "required");

        assertThat(post("/v1/orders", "application/json", VALID_ORDER, "X-Answer", "undeclared-status").statusCode())
                .isEqualTo(502);
        // Longer than the route's 2KB JSON limit: it cannot be checked, so it is not sent.
        assertThat(post("/v1/orders", "application/json", VALID_ORDER, "X-Answer", "too-long").statusCode())
                .isEqualTo(502);
        assertThat(post("/v1/orders", "application/json", VALID_ORDER, "X-Answer", "compressed").statusCode())
                .isEqualTo(502);
        HttpResponse<String> valid = post("/v1/orders", "application/json", VALID_ORDER, "Accept-Encoding", "gzip");
        assertThat(valid.statusCode()).isEqualTo(201);
        assertThat(acceptEncodings.get(acceptEncodings.size() - 1)).isEqualTo("identity");
        assertThat(valid.body()).isEqualTo("{\"id\":\"o1\",\"sku\":\"ABC-123\",\"quantity\":2}");
    }

    @Test
    void logOnlyRouteLetsAnUndeclaredStatusThroughAndReportsIt() throws Exception {
        HttpResponse<String> r = post("/v2/orders", "application/json", VALID_ORDER, "X-Answer", "undeclared-status");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":\"boom\"}");
        assertThat(acceptEncodings.get(acceptEncodings.size() - 1)).isEqualTo("-");
        SecurityEvent event = awaitEvent("validation.response.violated", r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(event.routeId()).isEqualTo("strict-orders");
        assertThat(event.details()).containsEntry("rule", "status");
        assertThat(gw.adminGet("/metrics").body())
                .contains("rampart_validation_violations_total{route=\"strict-orders\",rule=\"status\","
                        + "type=\"validation.response.violated\"}");
    }

    @Test
    void appliesConfigRulesWhenTheRouteHasNoDocument() throws Exception {
        HttpResponse<String> query = gw.get("/search?page=11");
        assertThat(query.statusCode()).isEqualTo(400);
        // body-fields with a required field make a body required, so a GET without one is a violation too
        assertThat(errorsOf(query).stream().map(e -> ((JsonObject) e).getString("in") + ":"
                + ((JsonObject) e).getString("name", "") + " " + ((JsonObject) e).getString("rule")))
                .containsExactlyInAnyOrder("query:page maximum", "query:q required", "body: required");

        assertThat(post("/search?q=shoes", "application/xml", "<terms/>").statusCode()).isEqualTo(415);
        HttpResponse<String> body = post("/search?q=shoes", "application/json", "{\"terms\":\"x\"}");
        assertThat(body.statusCode()).isEqualTo(400);
        assertThat(errorsOf(body).getJsonObject(0).getMap()).containsEntry("pointer", "/terms").containsEntry("rule", "minLength");
        int before = received.size();
        assertThat(post("/search?q=shoes&page=2", "application/json", "{\"terms\":\"red shoes\"}").statusCode())
                .isEqualTo(201);
        assertThat(received).hasSize(before + 1);
    }

    @Test
    void refusesA100MegabyteJsonBodyAsSoonAsItPassesTheSizeLimit() throws Exception {
        int before = received.size();
        long total = 100L * 1024 * 1024;
        AtomicReference<String> answer = new AtomicReference<>();
        try (Socket socket = new Socket("127.0.0.1", gw.gateway.httpPort())) {
            socket.setSoTimeout(30_000);
            // Read while writing: the gateway answers 413 and closes long before the body is sent.
            Thread reader = new Thread(() -> answer.set(readAll(socket)));
            reader.start();
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // One open array, then whitespace: nothing but the size breaks a limit (a depth bomb is
            // refused earlier still, see StreamedBodyValidationIntegrationTest).
            out.write("1\r\n[\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] nesting = new byte[64 * 1024];
            Arrays.fill(nesting, (byte) ' ');
            byte[] chunkHead = (Integer.toHexString(nesting.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                while (sent < total) {
                    out.write(chunkHead);
                    out.write(nesting);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += nesting.length;
                }
            } catch (IOException closedByGateway) {
                // expected: the gateway stopped reading and closed the connection
            }
            reader.join(30_000);
            assertThat(sent).isLessThan(total);
        }
        assertThat(answer.get()).startsWith("HTTP/1.1 413 ");
        String body = answer.get().substring(answer.get().indexOf("\r\n\r\n") + 4);
        assertThat(body).contains("\"rule\":\"max-size\"").contains("\"expected\":\"2048 bytes\"");
        assertThat(received).hasSize(before);
    }

    private static String readAll(Socket socket) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
            }
        } catch (IOException resetAfterAnswer) {
            // the connection is cut once the answer is out; what arrived before counts
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    @Test
    void reportsABrokenDocumentWithTheConfigKeyAndTheDocumentsOwnLocation() throws Exception {
        Path broken = dir.resolve("broken-api.yaml");
        Files.writeString(broken, """
                openapi: 3.1.0
                info: {title: Broken, version: '1'}
                paths:
                  /things:
                    get:
                      parameters:
                        - $ref: '#/components/parameters/Missing'
                      responses:
                        '200': {description: ok}
                """);
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                routes:
                  - id: things
                    match: {path-prefix: /things}
                    upstream: {urls: ["http://127.0.0.1:9"]}
                    validate:
                      openapi: broken-api.yaml
                  - id: gone
                    match: {path-prefix: /gone}
                    upstream: {urls: ["http://127.0.0.1:9"]}
                    validate:
                      openapi: no-such-api.yaml
                """);

        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("broken.yaml:6")
                .hasMessageContaining("routes[0].validate.openapi")
                .hasMessageContaining("#/components/parameters/Missing")
                .hasMessageContaining("routes[1].validate.openapi")
                .hasMessageContaining("cannot read 'no-such-api.yaml'").hasMessageContaining("no such file");
    }
}

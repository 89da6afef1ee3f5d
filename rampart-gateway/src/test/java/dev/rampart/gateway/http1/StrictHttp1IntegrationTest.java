package dev.rampart.gateway.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.HttpLimitsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real Vert.x server with {@link StrictHttp1} installed, a request handler that records what it
 * receives, and raw sockets that send what no well-behaved client would.
 */
class StrictHttp1IntegrationTest {

    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(300);
    private static final Duration BODY_TIMEOUT = Duration.ofMillis(300);
    private static final HttpLimitsConfig LIMITS = new HttpLimitsConfig(DataSize.ofKilobytes(2), 20,
            DataSize.ofBytes(256), null, HEADER_TIMEOUT, BODY_TIMEOUT, null);

    private static final Queue<String> started = new ConcurrentLinkedQueue<>();
    private static final Queue<String> completed = new ConcurrentLinkedQueue<>();
    private static final Queue<StrictHttp1.Rejection> rejections = new ConcurrentLinkedQueue<>();

    private static Vertx vertx;
    private static int port;

    @BeforeAll
    static void startServer() throws Exception {
        vertx = Vertx.vertx();
        port = listen(vertx, new HttpServerOptions().setHost("127.0.0.1").setPort(0), started, completed, rejections);
    }

    /**
     * A listener set up the way the gateway sets up its client listeners, with a handler that
     * records each request when it starts and when its body is complete, and answers "ok" and the
     * body length.
     */
    static int listen(Vertx vertx, HttpServerOptions options, Queue<String> started, Queue<String> completed,
            Queue<StrictHttp1.Rejection> rejections) throws Exception {
        options.setHandle100ContinueAutomatically(false);
        StrictHttp1.applyLimits(options, LIMITS);
        HttpServer server = vertx.createHttpServer(options);
        StrictHttp1.install(server, LIMITS, rejections::add);
        server.requestHandler(req -> {
            String name = req.method() + " " + req.uri();
            started.add(name);
            req.body().onSuccess(body -> {
                completed.add(name + " " + body);
                req.response().putHeader("X-Protocol", req.version().name()).end("ok " + body.length());
            });
        });
        return await(server.listen()).actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
    }

    @BeforeEach
    void clear() {
        started.clear();
        completed.clear();
        rejections.clear();
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static void assertRefused(RawHttpClient client, Queue<StrictHttp1.Rejection> rejections, int status, String code)
            throws IOException {
        RawHttpClient.Response response = client.readResponse();
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        String requestId = response.header("X-Request-Id");
        assertThat(requestId).hasSize(26);
        assertThat(response.body()).contains("\"code\":\"" + code + "\"", "\"request_id\":\"" + requestId + "\"",
                "\"status\":" + status);
        assertThat(client.closedByPeer()).as("connection closed after the refusal").isTrue();
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.requestId()).isEqualTo(requestId);
            assertThat(r.remoteAddress()).isEqualTo("127.0.0.1");
        });
    }

    static Stream<Arguments> smuggling() {
        String smuggled = "GET /admin HTTP/1.1\r\nHost: api\r\n\r\n";
        return Stream.of(
                Arguments.of("CL.TE", "POST /a HTTP/1.1\r\nHost: api\r\nContent-Length: 6\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled, "smuggling-cl-te"),
                Arguments.of("TE.CL", "POST /a HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: chunked\r\n"
                        + "Content-Length: 4\r\n\r\n5c\r\n" + smuggled + "\r\n0\r\n\r\n", "smuggling-cl-te"),
                Arguments.of("TE.TE obfuscated", "POST /a HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: xchunked\r\n"
                        + "\r\n0\r\n\r\n" + smuggled, "invalid-transfer-encoding"),
                Arguments.of("TE.TE doubled", "POST /a HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: chunked\r\n"
                        + "Transfer-encoding: identity\r\n\r\n0\r\n\r\n" + smuggled, "invalid-transfer-encoding"),
                Arguments.of("TE list", "POST /a HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: chunked, identity\r\n"
                        + "\r\n0\r\n\r\n", "invalid-transfer-encoding"),
                Arguments.of("TE on HTTP/1.0", "POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        "invalid-transfer-encoding"),
                Arguments.of("space before colon", "POST /a HTTP/1.1\r\nHost: api\r\nTransfer-Encoding : chunked\r\n"
                        + "Content-Length: 3\r\n\r\nabc", "invalid-header"),
                Arguments.of("duplicate CL", "POST /a HTTP/1.1\r\nHost: api\r\nContent-Length: 3\r\n"
                        + "Content-Length: 40\r\n\r\nabc", "duplicate-content-length"),
                Arguments.of("CL list", "POST /a HTTP/1.1\r\nHost: api\r\nContent-Length: 3, 3\r\n\r\nabc",
                        "duplicate-content-length"),
                Arguments.of("signed CL", "POST /a HTTP/1.1\r\nHost: api\r\nContent-Length: +3\r\n\r\nabc",
                        "invalid-content-length"),
                Arguments.of("obs-fold", "GET /a HTTP/1.1\r\nHost: api\r\nX-A: 1\r\n Transfer-Encoding: chunked\r\n\r\n",
                        "obs-fold"),
                Arguments.of("bare LF", "GET /a HTTP/1.1\nHost: api\n\n", "invalid-line-ending"),
                Arguments.of("NUL in value", "GET /a HTTP/1.1\r\nHost: api\r\nX-A: a\u0000b\r\n\r\n", "invalid-header"),
                Arguments.of("bad method", "G@T /a HTTP/1.1\r\nHost: api\r\n\r\n", "invalid-request-line"),
                Arguments.of("h2c preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "invalid-request-line"),
                Arguments.of("duplicate Host", "GET /a HTTP/1.1\r\nHost: api\r\nHost: evil\r\n\r\n", "duplicate-host"),
                Arguments.of("bad chunk size", "POST /a HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5x\r\nhello\r\n0\r\n\r\n", "invalid-chunk"),
                Arguments.of("missing chunk CRLF", "POST /a HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: chunked\r\n"
                        + "\r\n3\r\nabcGET /admin HTTP/1.1\r\n\r\n", "invalid-chunk"),
                Arguments.of("folded trailer", "POST /a HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "0\r\nX-T: 1\r\n 2\r\n\r\n", "obs-fold"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smuggling")
    void refusesSmugglingAttemptsWith400AndTheHandlerSeesNothing(String name, String request, String code)
            throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(port)) {
            client.send(request);
            assertRefused(client, rejections, 400, code);
        }
        assertThat(started).isEmpty();
    }

    @Test
    void refusesATooLongTargetWith414() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(port)) {
            client.send("GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: api\r\n\r\n");
            assertRefused(client, rejections, 414, "uri-too-long");
        }
        assertThat(started).isEmpty();
    }

    @Test
    void refusesATooLargeHeadWith431() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(port)) {
            client.send("GET / HTTP/1.1\r\nHost: api\r\nCookie: " + "a".repeat(3000) + "\r\n\r\n");
            assertRefused(client, rejections, 431, "header-too-large");
        }
        assertThat(started).isEmpty();
    }

    @Test
    void refusesTooManyHeaderFieldsWith431() throws Exception {
        StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: api\r\n");
        for (int i = 0; i < 20; i++) {
            request.append("X-").append(i).append(": 1\r\n");
        }
        try (RawHttpClient client = RawHttpClient.connect(port)) {
            client.send(request.append("\r\n").toString());
            assertRefused(client, rejections, 431, "too-many-headers");
        }
        assertThat(started).isEmpty();
    }

    @Test
    void answers408AndClosesWhenAHeadTrickles() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(port)) {
            long start = System.nanoTime();
            client.send("GET /slow HTTP/1.1\r\nHost: api\r\n");
            assertRefused(client, rejections, 408, "header-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(HEADER_TIMEOUT, Duration.ofSeconds(3));
        }
        assertThat(started).isEmpty();
    }

    @Test
    void answers408AndClosesWhenABodyStalls() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(port)) {
            client.send("POST /slow HTTP/1.1\r\nHost: api\r\nContent-Length: 10\r\n\r\nabc");
            assertRefused(client, rejections, 408, "body-timeout");
        }
        assertThat(started).containsExactly("POST /slow");
        assertThat(completed).isEmpty();
    }

    @Test
    void servesAValidKeepAlivePairOnOneConnection() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(port)) {
            client.send("GET /first HTTP/1.1\r\nHost: api\r\n\r\n");
            assertThat(client.readResponse().body()).isEqualTo("ok 0");
            client.send("POST /second HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3;x=\"y\"\r\nabc\r\n0\r\nX-T: 1\r\n\r\n");
            assertThat(client.readResponse().body()).isEqualTo("ok 3");
            client.readTimeout(200);
            assertThat(client.closedByPeer()).isFalse();
        }
        assertThat(completed).containsExactly("GET /first ", "POST /second abc");
        assertThat(rejections).isEmpty();
    }

    @Test
    void answersPipelinedRequestsInOrderAndRefusesTheMalformedOneAfterTheValidOne() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(port)) {
            client.send("POST /valid HTTP/1.1\r\nHost: api\r\nContent-Length: 2\r\n\r\nhi"
                    + "POST /smuggle HTTP/1.1\r\nHost: api\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n");
            RawHttpClient.Response first = client.readResponse();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("ok 2");
            assertRefused(client, rejections, 400, "smuggling-cl-te");
        }
        assertThat(started).containsExactly("POST /valid");
    }

    @Test
    void refusesABadChunkArrivingAfterTheHandlerStartedReadingTheBody() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(port)) {
            client.send("POST /stream HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (started.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(started).containsExactly("POST /stream");
            client.send("0;bad ext\r\n\r\n");
            assertRefused(client, rejections, 400, "invalid-chunk");
        }
        assertThat(completed).isEmpty();
    }

    @Test
    void passesWhatARealClientSendsOverPooledKeepAliveConnections() throws Exception {
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultPort(port).setDefaultHost("127.0.0.1"));
        try {
            List<Future<String>> responses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Buffer body = Buffer.buffer("x".repeat(i * 397));
                boolean chunked = i % 2 == 0;
                responses.add(http.request(new RequestOptions().setMethod(HttpMethod.PUT).setURI("/items/" + i))
                        .compose(req -> {
                            req.setChunked(chunked);
                            return req.send(body);
                        })
                        .compose(resp -> resp.body().map(Buffer::toString)));
            }
            for (int i = 0; i < responses.size(); i++) {
                assertThat(await(responses.get(i))).isEqualTo("ok " + i * 397);
            }
        } finally {
            await(http.close());
        }
        assertThat(completed).hasSize(30);
        assertThat(rejections).isEmpty();
    }

    @Test
    void closesConnectionsItCannotGuardRatherThanServingThem() throws Exception {
        // With h2c on, Vert.x decodes a connection's first request before the HTTP/1.x connection
        // exists; applyLimits turns h2c off, and a listener that turns it back on is refused.
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0);
        StrictHttp1.applyLimits(options, LIMITS);
        HttpServer server = vertx.createHttpServer(options.setHttp2ClearTextEnabled(true));
        StrictHttp1.install(server, LIMITS, rejections::add);
        server.requestHandler(req -> {
            started.add(req.uri());
            req.response().end();
        });
        int h2cPort = await(server.listen()).actualPort();
        try (RawHttpClient client = RawHttpClient.connect(h2cPort)) {
            client.send("GET /unguarded HTTP/1.1\r\nHost: api\r\n\r\n");
            assertThat(client.closedByPeer()).isTrue();
        } finally {
            await(server.close());
        }
        assertThat(started).isEmpty();
    }

    @Test
    void refusesLimitsThatAreNotPositive() {
        HttpLimitsConfig zero = new HttpLimitsConfig(null, 0, null, null, null, null, null);
        assertThatThrownBy(() -> StrictHttp1.applyLimits(new HttpServerOptions(), zero))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limits.max-header-count must be positive");
    }

    @Test
    void setsTheDecoderLimitsAboveWhatTheValidatorAccepts() {
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(true);
        StrictHttp1.applyLimits(options, LIMITS);
        assertThat(options.getMaxHeaderSize()).isEqualTo(2048);
        assertThat(options.getMaxInitialLineLength()).isGreaterThan(256 + "GET  HTTP/1.1".length());
        assertThat(options.isHttp2ClearTextEnabled()).isFalse();
        assertThat(options.getInitialSettings().getMaxHeaderListSize()).isEqualTo(2048);
    }
}

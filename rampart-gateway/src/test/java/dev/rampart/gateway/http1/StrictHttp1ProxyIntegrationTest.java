package dev.rampart.gateway.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.HttpLimitsConfig;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.config.RouteConfig;
import dev.rampart.core.config.RouteMatchConfig;
import dev.rampart.core.config.UpstreamConfig;
import dev.rampart.core.event.BoundedEventBus;
import dev.rampart.gateway.log.AccessLog;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.proxy.ProxyHandler;
import dev.rampart.gateway.server.GatewayRuntime;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The validator in front of the real proxy ({@link ProxyHandler}) and a real upstream that records
 * what reaches it: the point of refusing a request at the edge is what the upstream never sees.
 */
class StrictHttp1ProxyIntegrationTest {

    private static final HttpLimitsConfig LIMITS = new HttpLimitsConfig(null, null, null, null,
            Duration.ofMillis(500), Duration.ofMillis(500), null);

    /** What the upstream saw, in order: "request", "data ...", "end", "broken". */
    private static final Queue<String> upstream = new ConcurrentLinkedQueue<>();
    private static final Queue<StrictHttp1.Rejection> rejections = new ConcurrentLinkedQueue<>();

    private static Vertx vertx;
    private static GatewayRuntime runtime;
    private static BoundedEventBus events;
    private static int gatewayPort;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        HttpServer upstreamServer = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(req -> {
                    upstream.add("request " + req.method() + " " + req.uri());
                    req.handler(data -> upstream.add("data " + data));
                    req.exceptionHandler(e -> upstream.add("broken"));
                    req.endHandler(v -> {
                        upstream.add("end");
                        req.response().end("upstream ok");
                    });
                });
        int upstreamPort = await(upstreamServer.listen()).actualPort();

        RouteConfig route = new RouteConfig("all", new RouteMatchConfig(null, null, "/", null),
                new UpstreamConfig(List.of("http://127.0.0.1:" + upstreamPort), null, null, null, null, null, null,
                        null, null),
                null, null, null, null, null, null, null, null);
        RampartConfig config = new RampartConfig(null, null, LIMITS, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of(route));
        runtime = GatewayRuntime.build(vertx, config, java.nio.file.Path.of("."), 1);
        events = new BoundedEventBus(1024, BoundedEventBus.OverflowPolicy.DROP);

        // The listener as the gateway builds it.
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setHandle100ContinueAutomatically(false).setCompressionSupported(false);
        StrictHttp1.applyLimits(options, LIMITS);
        HttpServer gateway = vertx.createHttpServer(options);
        StrictHttp1.install(gateway, LIMITS, rejections::add);
        gateway.requestHandler(new ProxyHandler(vertx, () -> runtime, new GatewayMetrics(), new AccessLog(false),
                events, "http", false, 0));
        gatewayPort = await(gateway.listen()).actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.retire(0);
        events.close(1_000);
        await(vertx.close());
    }

    @BeforeEach
    void clear() {
        upstream.clear();
        rejections.clear();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 5s; upstream saw %s", upstream).isTrue();
    }

    @Test
    void passesAValidChunkedRequestThroughToTheUpstream() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gatewayPort)) {
            client.send("POST /ok HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
            RawHttpClient.Response response = client.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("upstream ok");
        }
        assertThat(upstream).containsExactly("request POST /ok", "data hello", "end");
    }

    @Test
    void theUpstreamSeesNothingOfASmuggledRequest() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gatewayPort)) {
            client.send("POST /a HTTP/1.1\r\nHost: api\r\nContent-Length: 40\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\nGET /admin HTTP/1.1\r\nHost: api\r\n\r\n");
            assertThat(client.readResponse().status()).isEqualTo(400);
            assertThat(client.closedByPeer()).isTrue();
        }
        Thread.sleep(100);
        assertThat(upstream).isEmpty();
        assertThat(rejections).extracting(StrictHttp1.Rejection::code).containsExactly("smuggling-cl-te");
    }

    /**
     * The proxy streams a body upstream as it arrives, so when a chunk turns out malformed the
     * upstream already has the head and the valid chunks. The validator then answers 400 and closes
     * the client connection; the proxy resets its upstream request, which for HTTP/1.1 closes the
     * upstream connection before the terminating chunk: the upstream sees a broken request, never a
     * complete one it could act on.
     */
    @Test
    void theUpstreamNeverGetsACompleteRequestWhenAChunkBreaksMidBody() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gatewayPort)) {
            client.send("POST /stream HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            waitFor(() -> upstream.contains("data hello"));
            client.send("3\r\nabc\r\nzz\r\n0\r\n\r\n");
            RawHttpClient.Response response = client.readResponse();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("\"code\":\"invalid-chunk\"");
            assertThat(client.closedByPeer()).isTrue();
        }
        waitFor(() -> upstream.contains("broken"));
        assertThat(upstream).startsWith("request POST /stream", "data hello").doesNotContain("end");
    }

    @Test
    void theUpstreamNeverGetsACompleteRequestWhenABodyStalls() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gatewayPort)) {
            client.send("PUT /slow HTTP/1.1\r\nHost: api\r\nContent-Length: 10\r\n\r\nabc");
            RawHttpClient.Response response = client.readResponse();
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.body()).contains("\"code\":\"body-timeout\"");
            assertThat(client.closedByPeer()).isTrue();
        }
        waitFor(() -> upstream.contains("broken"));
        assertThat(upstream).doesNotContain("end");
    }
}

package dev.rampart.gateway.it;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP upstream for integration tests. It records every request it receives (method, URI,
 * headers, body size) and behaves by path:
 * {@code /slow/...} answers after 3 s, {@code /drop/...} closes the connection,
 * {@code /big/N} streams N bytes back, {@code /trickle/N} sends the first half of N bytes (length
 * declared) and the rest only once {@link #trickleRest} is completed, {@code /status/N} answers with
 * status N, {@code /sink} counts the body without keeping it ({@link #sinkBytesArrived} as it
 * arrives); anything else echoes.
 */
final class TestUpstream implements AutoCloseable {

    /** What the upstream saw. */
    record Seen(String method, String uri, MultiMap headers, long bodyBytes) {
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final AtomicLong sinkBytes = new AtomicLong();
    final AtomicLong sinkBytesArrived = new AtomicLong();
    final CompletableFuture<Void> trickleRest = new CompletableFuture<>();
    private final Vertx vertx;
    private final HttpServer server;
    private final String name;

    TestUpstream(String name) throws Exception {
        this.name = name;
        this.vertx = Vertx.vertx();
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    private void handle(HttpServerRequest req) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
        String path = req.path();
        if (path.contains("/sink")) {
            long[] n = {0};
            req.handler(b -> {
                n[0] += b.length();
                sinkBytesArrived.addAndGet(b.length());
            });
            req.endHandler(v -> {
                sinkBytes.addAndGet(n[0]);
                seen.add(new Seen(req.method().name(), req.uri(), headers, n[0]));
                req.response().putHeader("Content-Type", "text/plain").end("received " + n[0]);
            });
            return;
        }
        req.body().onSuccess(body -> {
            seen.add(new Seen(req.method().name(), req.uri(), headers, body.length()));
            if (path.contains("/slow")) {
                vertx.setTimer(3000, t -> req.response().end("slow"));
            } else if (path.contains("/drop")) {
                req.connection().close();
            } else if (path.contains("/status/")) {
                req.response().setStatusCode(Integer.parseInt(path.substring(path.indexOf("/status/") + 8))).end();
            } else if (path.contains("/trickle/")) {
                int size = Integer.parseInt(path.substring(path.indexOf("/trickle/") + 9));
                var resp = req.response().putHeader("Content-Length", Integer.toString(size));
                resp.write(Buffer.buffer(new byte[size / 2]));
                Context context = vertx.getOrCreateContext();
                trickleRest.thenRun(() -> context.runOnContext(v -> resp.end(Buffer.buffer(new byte[size - size / 2]))));
            } else if (path.contains("/big/")) {
                long size = Long.parseLong(path.substring(path.indexOf("/big/") + 5));
                req.response().putHeader("Content-Length", Long.toString(size));
                writeBig(req, size);
            } else {
                req.response()
                        .putHeader("Content-Type", "text/plain")
                        .putHeader("Server", "test-upstream")
                        .putHeader("X-Powered-By", "tests")
                        .putHeader("X-Upstream", name)
                        .end(name + " " + req.method().name() + " " + req.uri() + " " + body.length());
            }
        });
    }

    private void writeBig(HttpServerRequest req, long remaining) {
        var resp = req.response();
        while (remaining > 0 && !resp.writeQueueFull()) {
            int n = (int) Math.min(64 * 1024, remaining);
            resp.write(Buffer.buffer(new byte[n]));
            remaining -= n;
        }
        if (remaining == 0) {
            resp.end();
        } else {
            long left = remaining;
            resp.drainHandler(v -> writeBig(req, left));
        }
    }

    Seen last() {
        return seen.isEmpty() ? null : seen.get(seen.size() - 1);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

package dev.rampart.gateway.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * The sample upstream of {@code rampart demo}: a small JSON API that shows what reached it (path,
 * method, the forwarding headers Rampart set), so a user can see the proxy at work.
 */
final class DemoUpstream {

    private DemoUpstream() {
    }

    static Future<HttpServer> start(Vertx vertx, String host, int port) {
        return vertx.createHttpServer().requestHandler(DemoUpstream::handle).listen(port, host);
    }

    private static void handle(HttpServerRequest req) {
        req.body().onComplete(ar -> {
            JsonObject seen = new JsonObject()
                    .put("x-forwarded-for", req.getHeader("X-Forwarded-For"))
                    .put("x-forwarded-proto", req.getHeader("X-Forwarded-Proto"))
                    .put("forwarded", req.getHeader("Forwarded"))
                    .put("x-request-id", req.getHeader("X-Request-Id"))
                    .put("traceparent", req.getHeader("traceparent"));
            JsonObject body = new JsonObject()
                    .put("upstream", "rampart-demo")
                    .put("method", req.method().name())
                    .put("path", req.path())
                    .put("body_bytes", ar.succeeded() ? ar.result().length() : 0)
                    .put("headers_seen", seen);
            if (req.path().startsWith("/api/orders/")) {
                body.put("order", new JsonObject().put("id", req.path().substring("/api/orders/".length()))
                        .put("status", "shipped").put("total", 42.5));
            } else if (req.path().startsWith("/api/hello")) {
                body.put("message", "Hello through Rampart");
            }
            req.response().putHeader("Content-Type", "application/json")
                    .putHeader("Server", "demo-upstream/1.0")
                    .putHeader("X-Powered-By", "demo")
                    .end(body.encodePrettily());
        });
    }
}

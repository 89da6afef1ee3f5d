package dev.rampart.gateway.proxy;

import dev.rampart.core.EventBus;
import dev.rampart.gateway.log.AccessLog;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.server.GatewayRuntime;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;

/**
 * The request handler of a client-facing listener: takes the current {@link GatewayRuntime} for
 * each new request and runs a {@link ProxyCall} on it.
 */
public final class ProxyHandler implements Handler<HttpServerRequest> {

    private final Vertx vertx;
    private final Supplier<GatewayRuntime> runtime;
    private final GatewayMetrics metrics;
    private final AccessLog accessLog;
    private final EventBus events;
    private final String listenerScheme;
    private final boolean redirectToHttps;
    private final int httpsPort;

    /**
     * @param listenerScheme {@code http} or {@code https}: what this listener speaks
     * @param redirectToHttps answer plain-HTTP requests with a 308 to {@code https://host:httpsPort}
     */
    public ProxyHandler(Vertx vertx, Supplier<GatewayRuntime> runtime, GatewayMetrics metrics, AccessLog accessLog,
            EventBus events, String listenerScheme, boolean redirectToHttps, int httpsPort) {
        this.vertx = vertx;
        this.runtime = runtime;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.events = events;
        this.listenerScheme = listenerScheme;
        this.redirectToHttps = redirectToHttps;
        this.httpsPort = httpsPort;
    }

    @Override
    public void handle(HttpServerRequest request) {
        new ProxyCall(this, runtime.get(), request, vertx.getOrCreateContext()).start();
    }

    Vertx vertx() {
        return vertx;
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    AccessLog accessLog() {
        return accessLog;
    }

    EventBus events() {
        return events;
    }

    String listenerScheme() {
        return listenerScheme;
    }

    boolean redirectToHttps() {
        return redirectToHttps;
    }

    int httpsPort() {
        return httpsPort;
    }
}

package dev.rampart.gateway.proxy;

import dev.rampart.core.Headers;
import io.vertx.core.MultiMap;

/**
 * Hands benchmarks the {@link Headers} view that the proxy gives guards of a Vert.x header map,
 * so that they measure the adapter the gateway really uses. It lives in the proxy's package
 * because that adapter is package-private.
 */
public final class ProxyHeaderViews {

    private ProxyHeaderViews() {
    }

    /** What response guards see of a Vert.x response's headers. */
    public static Headers of(MultiMap headers) {
        return new VertxHeaders(headers);
    }
}

package dev.rampart.gateway.proxy;

import dev.rampart.core.RequestHead;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.net.InetAddress;

/** {@link RequestHead} over a Vert.x request, with the client address already resolved. */
final class GatewayRequestHead implements RequestHead {

    private final HttpServerRequest request;
    private final VertxHeaders headers;
    private final String scheme;
    private final String host;
    private final String path;
    private final InetAddress client;
    private final InetAddress peer;

    GatewayRequestHead(HttpServerRequest request, String scheme, String host, String normalizedPath,
            InetAddress client, InetAddress peer) {
        this.request = request;
        this.headers = new VertxHeaders(request.headers());
        this.scheme = scheme;
        this.host = host;
        this.path = normalizedPath;
        this.client = client;
        this.peer = peer;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String rawQuery() {
        return request.query();
    }

    @Override
    public String uri() {
        return request.uri();
    }

    @Override
    public String protocol() {
        HttpVersion v = request.version();
        return switch (v) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            default -> "HTTP/2";
        };
    }

    @Override
    public VertxHeaders headers() {
        return headers;
    }

    @Override
    public InetAddress clientAddress() {
        return client;
    }

    @Override
    public InetAddress peerAddress() {
        return peer;
    }

    @Override
    public long contentLength() {
        String cl = request.getHeader("Content-Length");
        if (cl == null) {
            return -1;
        }
        try {
            return Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package dev.rampart.gateway.proxy;

import dev.rampart.core.RequestHead;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.net.InetAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

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
    public List<X509Certificate> clientCertificates() {
        if (!request.isSSL()) {
            return List.of();
        }
        SSLSession session = request.sslSession();
        if (session == null) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return List.copyOf(chain);
        } catch (SSLPeerUnverifiedException e) {
            return List.of();   // the client sent no certificate (client-auth: request)
        }
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

package dev.rampart.gateway.upstream;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream server with its passive health: after {@code failureThreshold} consecutive failures
 * (connect errors, timeouts, resets) it is taken out of rotation for the cooldown, then tried again.
 */
public final class UpstreamServer {

    private final String url;
    private final boolean ssl;
    private final String host;
    private final int port;
    private final String basePath;
    private final String hostHeader;
    private final int failureThreshold;
    private final long cooldownNanos;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile long unhealthyUntilNanos;

    UpstreamServer(String url, int failureThreshold, long cooldownNanos) {
        URI uri = parseUrl(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        this.url = url;
        this.ssl = scheme.equals("https");
        this.host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        boolean defaultPort = uri.getPort() < 0 || (ssl ? port == 443 : port == 80);
        this.hostHeader = defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
        this.failureThreshold = Math.max(1, failureThreshold);
        this.cooldownNanos = cooldownNanos;
    }

    /**
     * Checks an upstream base URL: absolute http(s) with a host, without query or fragment (the
     * request's path and query are appended to it) and without credentials (they would show in
     * logs and are not sent).
     *
     * @throws IllegalArgumentException saying what is wrong with {@code url}
     */
    public static URI parseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL (" + e.getReason() + ")", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + url + "' must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + url + "' has a query or fragment; the request's own query is "
                    + "appended, so give the base URL only");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + url + "' carries credentials (user@); Rampart does not send them "
                    + "upstream, and they would show in logs");
        }
        return uri;
    }

    public String url() {
        return url;
    }

    public boolean ssl() {
        return ssl;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The URL's path without trailing slash; the request path is appended to it. */
    public String basePath() {
        return basePath;
    }

    /** The Host header to send when the client's is not preserved. */
    public String hostHeader() {
        return hostHeader;
    }

    /** Whether the server is in rotation at {@code nowNanos}. */
    public boolean isAvailable(long nowNanos) {
        long until = unhealthyUntilNanos;
        return until == 0 || nowNanos - until >= 0;
    }

    /** Records a success: the failure streak ends. */
    public void recordSuccess() {
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
        unhealthyUntilNanos = 0;
    }

    /** Records a failure; the server leaves rotation when the streak reaches the threshold. */
    public void recordFailure(long nowNanos) {
        if (consecutiveFailures.incrementAndGet() >= failureThreshold) {
            long until = nowNanos + cooldownNanos;
            unhealthyUntilNanos = until == 0 ? 1 : until;
            consecutiveFailures.set(0);
        }
    }

    @Override
    public String toString() {
        return url;
    }
}

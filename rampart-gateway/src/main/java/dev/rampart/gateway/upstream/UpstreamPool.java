package dev.rampart.gateway.upstream;

import dev.rampart.core.config.UpstreamConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The servers of one route's upstream, chosen round-robin among those in rotation, and the pooled
 * HTTP client that talks to them.
 */
public final class UpstreamPool {

    private final List<UpstreamServer> servers;
    private final AtomicInteger next = new AtomicInteger();
    private final Vertx vertx;
    private final HttpClientOptions clientOptions;
    private final PoolOptions poolOptions;
    // One client per event loop: a pooled connection is bound to the event loop that opened it, and a
    // connection shared between loops costs a cross-thread hand-off (a wake-up syscall) per request.
    private final ConcurrentHashMap<Thread, HttpClientAgent> clients = new ConcurrentHashMap<>();
    private final UpstreamConfig config;
    private volatile boolean shutDown;

    private UpstreamPool(List<UpstreamServer> servers, Vertx vertx, HttpClientOptions clientOptions,
            PoolOptions poolOptions, UpstreamConfig config) {
        this.servers = servers;
        this.vertx = vertx;
        this.clientOptions = clientOptions;
        this.poolOptions = poolOptions;
        this.config = config;
    }

    /**
     * Builds the pool and its client; the client is closed by {@link #shutdown}.
     *
     * @param baseDir the config file's directory, against which a relative {@code trusted-ca} resolves
     */
    public static UpstreamPool create(Vertx vertx, UpstreamConfig config, Path baseDir) {
        List<UpstreamServer> servers = new ArrayList<>();
        long cooldown = config.failureCooldown().toNanos();
        for (String url : config.urls()) {
            servers.add(new UpstreamServer(url, config.failureThreshold(), cooldown));
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("an upstream needs at least one URL");
        }
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .setDecompressionSupported(false)
                .setVerifyHost(true)
                // Upstream response heads can be larger than what we accept from clients.
                .setMaxHeaderSize(64 * 1024)
                .setMaxInitialLineLength(16 * 1024);
        if (config.trustedCa() != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(baseDir.resolve(config.trustedCa()).toString()));
        }
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize(config.maxConnections())
                .setMaxWaitQueueSize(Math.max(256, config.maxConnections() * 16));
        return new UpstreamPool(List.copyOf(servers), vertx, options, pool, config);
    }

    /**
     * The next server in rotation after {@code exclude} (a server that just failed for this
     * request), or null when every server is out of rotation.
     */
    public UpstreamServer choose(UpstreamServer exclude) {
        long now = System.nanoTime();
        int n = servers.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            UpstreamServer s = servers.get((start + i) % n);
            if (s != exclude && s.isAvailable(now)) {
                return s;
            }
        }
        return null;
    }

    public List<UpstreamServer> servers() {
        return servers;
    }

    /** The client of the calling event loop (made on its first request there). */
    public HttpClientAgent client() {
        HttpClientAgent client = clients.get(Thread.currentThread());
        if (client == null) {
            client = clients.computeIfAbsent(Thread.currentThread(),
                    t -> vertx.httpClientBuilder().with(clientOptions).with(poolOptions).build());
            if (shutDown) {
                // A request that raced a reload: let it finish, then close what it opened.
                client.shutdown(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return client;
    }

    public UpstreamConfig config() {
        return config;
    }

    /** Closes the client once in-flight requests are done, waiting at most {@code graceMillis}. */
    public void shutdown(long graceMillis) {
        shutDown = true;
        clients.values().forEach(c -> c.shutdown(graceMillis, TimeUnit.MILLISECONDS));
    }
}

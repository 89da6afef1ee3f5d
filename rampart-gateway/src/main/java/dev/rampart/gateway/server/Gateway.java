package dev.rampart.gateway.server;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.HttpListenerConfig;
import dev.rampart.core.config.HttpsListenerConfig;
import dev.rampart.core.config.AuditConfig;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.event.BoundedEventBus;
import dev.rampart.gateway.admin.AdminApi;
import dev.rampart.gateway.admin.AdminTokens;
import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.ConfigWatcher;
import dev.rampart.gateway.config.LoadedConfig;
import dev.rampart.crypto.Crypto;
import dev.rampart.gateway.crypto.CryptoAuthorizer;
import dev.rampart.gateway.crypto.CredentialSecret;
import dev.rampart.gateway.crypto.GatewayCrypto;
import dev.rampart.gateway.http1.StrictHttp1;
import dev.rampart.gateway.log.AccessLog;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.proxy.ProxyHandler;
import dev.rampart.gateway.audit.GatewayAudit;
import dev.rampart.store.Store;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import dev.rampart.auth.apikey.ApiKeys;
import dev.rampart.auth.oauth2.AuthorizationServer;
import dev.rampart.auth.oauth2.AuthorizationServerSettings;
import dev.rampart.auth.oauth2.OAuth2Clients;
import dev.rampart.auth.oauth2.KeyProtection;
import dev.rampart.auth.oauth2.SigningKeyRing;
import dev.rampart.gateway.crypto.SealedSigningKeys;
import dev.rampart.auth.signature.InMemoryReplayGuard;
import dev.rampart.core.config.OAuth2ServerConfig;
import dev.rampart.gateway.oauth2.OAuth2Endpoints;
import java.time.Clock;
import java.net.InetAddress;
import dev.rampart.core.net.IpAddresses;
import java.io.IOException;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Rampart gateway: client listeners (HTTP, optional TLS), the admin listener, the event
 * bus, the store, and the current {@link GatewayRuntime}, swapped atomically on reload.
 *
 * <p>What a reload changes: routes, guards, upstreams, trusted hosts/proxies, headers, CORS, IP
 * lists, body limits. What needs a restart (reported as a warning on reload): listeners, admin,
 * store, events, and the HTTP parsing limits, which are bound to the sockets.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final Vertx vertx;
    private final Store store;
    private final BoundedEventBus events;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final List<HttpServer> servers = new ArrayList<>();
    private final long startedAtMillis = System.currentTimeMillis();
    private volatile LoadedConfig loaded;
    private volatile GatewayRuntime runtime;
    private long generation;
    private final int eventLoops;
    private int randomPortListeners;
    private List<HttpServer> httpServers = List.of();
    private List<HttpServer> httpsServers = List.of();
    private HttpServer adminServer;
    private ConfigWatcher watcher;
    private long tlsReloadTimer = -1;
    private long lastUsedFlushTimer = -1;
    private volatile ApiKeys apiKeys;
    private volatile Identity identity = Identity.NONE;
    private volatile TrafficControl traffic;
    private volatile GatewayAudit audit;
    private volatile dev.rampart.gateway.detect.GatewayDetection detection;
    private long auditRetentionTimer = -1;
    private long keyRefreshTimer = -1;
    private GatewayCrypto crypto;
    private long cryptoRotationTimer = -1;
    private volatile dev.rampart.gateway.console.ConsoleLogin consoleLogin;
    private long consoleHousekeepingTimer = -1;
    private static final long CONSOLE_HOUSEKEEPING_MILLIS = 60_000;
    private static final long SIGNING_KEY_REFRESH_MILLIS = 60_000;

    /** The store setting that holds the API keys' server secret (base64). */
    static final String API_KEY_SECRET_SETTING = "api-keys.server-secret";
    private static final long LAST_USED_FLUSH_MILLIS = 10_000;
    private TlsFiles tlsFiles;
    private String tlsStamp;

    private Gateway(Vertx vertx, Store store, LoadedConfig loaded, int eventLoops) {
        this.vertx = vertx;
        this.eventLoops = eventLoops;
        this.store = store;
        this.loaded = loaded;
        RampartConfig cfg = loaded.config();
        this.events = new BoundedEventBus(cfg.events().queueCapacity(),
                cfg.events().whenFull() == dev.rampart.core.config.EventsConfig.WhenFull.backpressure
                        ? BoundedEventBus.OverflowPolicy.BACKPRESSURE : BoundedEventBus.OverflowPolicy.DROP);
        metrics.bindEventBus(events);
        events.subscribe(new dev.rampart.gateway.metrics.ValidationMetrics(metrics.registry()));
        events.subscribe(new SecurityEventLog());
        events.subscribe(new dev.rampart.gateway.waf.WafBlockMetrics(metrics));
        events.subscribe(new dev.rampart.gateway.metrics.PiiMetrics(metrics.registry()));
    }

    /**
     * Starts a gateway from a loaded config and waits until every listener is bound.
     *
     * @param adminTokenAnnouncer receives the admin token when this start created it (first start);
     *     it is shown once and never stored in clear
     * @param watchConfig reload automatically when the config file changes
     */
    public static Gateway start(LoadedConfig loaded, Consumer<String> adminTokenAnnouncer, boolean watchConfig) {
        Objects.requireNonNull(loaded, "loaded");
        Store store = Store.open(loaded.config().store(), loaded.baseDir());
        int eventLoops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(eventLoops));
        Gateway gateway = new Gateway(vertx, store, loaded, eventLoops);
        try {
            gateway.ensureAdminToken(adminTokenAnnouncer);
            gateway.crypto = GatewayCrypto.open(store, loaded.config().crypto(), loaded.baseDir(), gateway.events,
                    new CryptoAuthorizer(() -> gateway.runtime == null ? null : gateway.runtime.authorizer(),
                            java.time.Clock.systemUTC()));
            gateway.cryptoRotationTimer = vertx.setPeriodic(loaded.config().crypto().autoRotateCheckInterval().toMillis(),
                    t -> gateway.rotateDueTransitKeys());
            gateway.apiKeys = apiKeysOf(store, gateway.crypto.available().orElse(null));
            OAuth2ServerConfig oauth2 = loaded.config().oauth2Server();
            gateway.startConsoleLogin();
            gateway.identity = new Identity(gateway.apiKeys,
                    oauth2 == null ? null : gateway.startAuthorizationServer(oauth2), gateway.consoleLogin.basicLogin());
            gateway.lastUsedFlushTimer = vertx.setPeriodic(LAST_USED_FLUSH_MILLIS, t -> gateway.flushLastUsed());
            gateway.traffic = TrafficControl.open(loaded.config(), store, gateway.events);
            gateway.startAudit();
            gateway.detection = dev.rampart.gateway.detect.GatewayDetection.start(loaded.config().detection(),
                    gateway.events, gateway.traffic.bans(), gateway.apiKeys, gateway::oauth2Clients, gateway.consoleLogin, store,
                    gateway.traffic.clock(), gateway.metrics.registry());
            gateway.runtime = GatewayRuntime.build(vertx, loaded.config(), loaded.baseDir(), ++gateway.generation,
                    gateway.identity, gateway.traffic, gateway.auditGate());
            gateway.bindListeners();
            if (watchConfig && loaded.file() != null) {
                gateway.watcher = ConfigWatcher.start(loaded.file(), java.time.Duration.ofSeconds(2),
                        gateway.crypto::resolveSecretReference, gateway::onConfigFileChanged);
            }
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        loaded.warnings().forEach(w -> log.warn("config warning", kv("warning", w.toString())));
        return gateway;
    }

    /** The audit log, subscribed to the event bus before any request can emit an event; retention on its interval. */
    private void startAudit() {
        RampartConfig cfg = loaded.config();
        if (!cfg.audit().enabled()) {
            return;
        }
        audit = GatewayAudit.start(cfg, loaded.baseDir(), store, events, crypto.available().orElse(null));
        // At start and then at the interval, so a gateway restarted more often than the interval
        // still prunes. The audit section is bound at start (a reload reports its changes as
        // needing a restart), so the retention of the start config applies.
        AuditConfig auditConfig = cfg.audit();
        if (!auditConfig.retention().isEmpty()) {
            auditRetentionTimer = vertx.setPeriodic(1, auditConfig.retentionCheckInterval().toMillis(),
                    t -> applyAuditRetention(auditConfig));
        }
    }

    private void applyAuditRetention(AuditConfig auditConfig) {
        vertx.executeBlocking(() -> audit.applyRetention(auditConfig), false)
                .onSuccess(pruned -> {
                    if (pruned > 0) {
                        log.info("audit retention applied", kv("entries_pruned", pruned));
                    }
                })
                .onFailure(e -> log.warn("audit retention failed", kv("error", e.toString())));
    }

    private dev.rampart.core.Guard auditGate() {
        return audit == null ? null : audit.refusalGuard();
    }

    /** The audit log, or empty when {@code audit.enabled} is false. */
    public Optional<GatewayAudit> audit() {
        return Optional.ofNullable(audit);
    }

    private void ensureAdminToken(Consumer<String> announcer) {
        if (store.settings().get(AdminTokens.SETTING).isEmpty()) {
            String token = AdminTokens.generate();
            if (store.settings().compareAndSet(AdminTokens.SETTING, null, AdminTokens.hash(token))) {
                announcer.accept(token);
            }
        }
    }

    /**
     * The server secret that credential secrets (API keys, OAuth2 client secrets) are hashed under
     * with HMAC-SHA256, in clear: for a store without a master key. Blocks on the store.
     *
     * @throws IllegalStateException when it is encrypted under a master key (use the overload)
     */
    public static byte[] credentialSecret(Store store) {
        return credentialSecret(store, null);
    }

    /**
     * The credential server secret, kept under the master key when {@code crypto} is given (a clear
     * value is migrated); see {@link CredentialSecret}. Blocks on the store.
     */
    public static byte[] credentialSecret(Store store, Crypto crypto) {
        return CredentialSecret.read(store, API_KEY_SECRET_SETTING, crypto);
    }

    /** The API-key service over {@code store}; shared by the gateway and {@code rampart keys}. Blocks. */
    public static ApiKeys apiKeysOf(Store store) {
        return apiKeysOf(store, null);
    }

    /** The same, the server secret under the master key of {@code crypto} (null: none). Blocks. */
    public static ApiKeys apiKeysOf(Store store, Crypto crypto) {
        return new ApiKeys(store, credentialSecret(store, crypto));
    }

    /** The OAuth2 clients over {@code store}; shared by the gateway and {@code rampart clients}. Blocks. */
    public static OAuth2Clients oauth2ClientsOf(Store store) {
        return oauth2ClientsOf(store, null);
    }

    /** The same, the server secret under the master key of {@code crypto} (null: none). Blocks. */
    public static OAuth2Clients oauth2ClientsOf(Store store, Crypto crypto) {
        return new OAuth2Clients(store, credentialSecret(store, crypto));
    }

    /**
     * The authorization server of {@code oauth2-server}, its signing keys loaded (or the first one
     * generated). Blocks on the store.
     */
    private AuthorizationServer startAuthorizationServer(OAuth2ServerConfig config) {
        AuthorizationServerSettings settings = OAuth2Endpoints.settings(config);
        // sealed under the master key when there is one; otherwise kept as written (see KeyProtection)
        KeyProtection protection = crypto.available().<KeyProtection>map(SealedSigningKeys::new).orElse(KeyProtection.NONE);
        SigningKeyRing keys = new SigningKeyRing(store, settings.keyRotation(), settings.tokenLifetime(), Clock.systemUTC(),
                protection);
        keys.refresh();
        keyRefreshTimer = vertx.setPeriodic(SIGNING_KEY_REFRESH_MILLIS, t -> vertx.executeBlocking(() -> {
            keys.refresh();
            return null;
        }, false).onFailure(e -> log.warn("could not refresh the token signing keys; the current ones stay in use",
                kv("error", e.toString()))));
        return new AuthorizationServer(settings, oauth2ClientsOf(store, crypto.available().orElse(null)), keys,
                new InMemoryReplayGuard(Clock.systemUTC()), Clock.systemUTC());
    }

    /** The console's users and sessions; their housekeeping every minute on a worker thread. */
    private void startConsoleLogin() {
        consoleLogin = dev.rampart.gateway.console.ConsoleLogin.open(store, loaded.config(), loaded.baseDir(),
                crypto.available().orElse(null));
        consoleHousekeepingTimer = vertx.setPeriodic(CONSOLE_HOUSEKEEPING_MILLIS, t -> vertx.executeBlocking(() -> {
            consoleLogin.housekeeping();
            return null;
        }, false).onFailure(e -> log.warn("console session and lockout housekeeping failed; the next run tries again",
                kv("error", e.toString()))));
    }

    /** Writes the sessions' last use at close, so that an idle timeout counts from the real last use. */
    private void flushConsoleLastSeen() {
        if (consoleLogin == null) {
            return;
        }
        try {
            consoleLogin.sessions().flushLastSeen();
        } catch (RuntimeException e) {
            log.warn("could not record console sessions' last use at close", kv("error", e.toString()));
        }
    }

    /** The console's users, logins and sessions. */
    public dev.rampart.gateway.console.ConsoleLogin consoleLogin() {
        return consoleLogin;
    }

    /** Rotates the transit keys whose auto-rotate period has passed, on a worker thread. */
    private void rotateDueTransitKeys() {
        vertx.executeBlocking(() -> crypto.rotateDue(), false).onFailure(e ->
                log.warn("could not rotate the transit keys due for rotation; the next check tries again",
                        kv("error", e.toString())));
    }

    /** Writes the API keys' pending last-used times on a worker thread, never on the event loop. */
    private void flushLastUsed() {
        vertx.executeBlocking(() -> apiKeys.flushLastUsed(), false).onFailure(e ->
                log.warn("could not record API keys' last use", kv("error", e.toString())));
    }

    private void bindListeners() {
        RampartConfig cfg = loaded.config();
        HttpListenerConfig http = cfg.listeners().http();
        HttpsListenerConfig https = cfg.listeners().https();
        dev.rampart.gateway.audit.RecordedTextMasking masking = dev.rampart.gateway.audit.RecordedTextMasking.of(cfg.audit());
        AccessLog accessLog = new AccessLog(cfg.accessLog().enabled(), masking::text);
        // the events requests cause carry request text (paths, WAF messages): masked before anyone records them
        dev.rampart.core.EventBus requestEvents = masking.maskingPublisher(events);
        if (https != null) {
            HttpServerOptions options = baseOptions(cfg).setHost(https.host()).setPort(https.port());
            TlsSettings.apply(options, https, loaded.baseDir());
            ProxyHandler handler = new ProxyHandler(vertx, () -> runtime, metrics, accessLog, requestEvents, "https", false, 0);
            httpsServers = listenOnEveryEventLoop(options, handler, "the HTTPS listener on " + https.host() + ":" + https.port());
            tlsFiles = new TlsFiles(TlsSettings.resolve(loaded.baseDir(), https.certificate()),
                    TlsSettings.resolve(loaded.baseDir(), https.privateKey()));
            tlsStamp = tlsFiles.stamp();
            tlsReloadTimer = vertx.setPeriodic(https.reloadCheckInterval().toMillis(), t -> checkTlsFiles(https));
        }
        if (http.enabled()) {
            HttpServerOptions options = baseOptions(cfg).setHost(http.host()).setPort(http.port());
            boolean redirect = http.redirectToHttps() && !httpsServers.isEmpty();
            ProxyHandler handler = new ProxyHandler(vertx, () -> runtime, metrics, accessLog, requestEvents, "http", redirect,
                    httpsPort());
            httpServers = listenOnEveryEventLoop(options, handler, "the HTTP listener on " + http.host() + ":" + http.port());
        }
        if (cfg.admin().enabled()) {
            adminServer = vertx.createHttpServer(new HttpServerOptions()
                    .setHost(cfg.admin().host()).setPort(cfg.admin().port())
                    .setIdleTimeout((int) cfg.limits().idleTimeout().toSeconds()));
            adminServer.requestHandler(new AdminApi(this).router());
            await(adminServer.listen(), "the admin listener on " + cfg.admin().host() + ":" + cfg.admin().port());
            servers.add(adminServer);
        }
        log.info("rampart started", kv("http_port", httpPort()), kv("https_port", httpsPort()),
                kv("admin_port", adminServer == null ? null : adminServer.actualPort()),
                kv("routes", runtime.routes().routes().size()));
    }

    private HttpServerOptions baseOptions(RampartConfig cfg) {
        HttpServerOptions options = new HttpServerOptions()
                .setIdleTimeout((int) Math.max(1, cfg.limits().idleTimeout().toSeconds()))
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setHandle100ContinueAutomatically(false)
                .setCompressionSupported(false)
                .setHttp2ClearTextEnabled(false)
                // Upgrades are refused (501), so the WebSocket extension handshaker Vert.x otherwise puts
                // in every connection's pipeline would only inspect each request and response head.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // ProxyCall touches a response only on its connection's event loop (asynchronous guard
                // results are brought back with runOnContext), so writes may skip Vert.x's cross-thread
                // outbound queue; a write from another thread fails loudly instead of racing.
                .setStrictThreadMode(true)
                .setTcpNoDelay(true);
        StrictHttp1.applyLimits(options, cfg.limits());
        return options;
    }

    /**
     * Binds one server per event loop on the same address. A Vert.x server serves all its
     * connections on the event loop it was bound from; servers bound to one host and port in one
     * Vert.x instance share the socket, and new connections are spread over them, so this is what
     * puts every core to work.
     */
    private List<HttpServer> listenOnEveryEventLoop(HttpServerOptions options, ProxyHandler handler, String what) {
        List<HttpServer> bound = new ArrayList<>(eventLoops);
        // Port 0 (any free port): a negative port is Vert.x's way to share one random port between
        // servers; each listener takes its own negative number so that they do not share one another's.
        HttpServerOptions shared = new HttpServerOptions(options);
        if (shared.getPort() == 0) {
            shared.setPort(-(++randomPortListeners));
        }
        for (int i = 0; i < eventLoops; i++) {
            HttpServer server = vertx.createHttpServer(shared);
            StrictHttp1.install(server, loaded.config().limits(), rejection -> {
                metrics.recordHttpRejection(rejection.status(), rejection.code());
                events.publish(SecurityEvent.system("http.rejected", SecurityEvent.Severity.LOW, "http-parser",
                        rejection.code(), Map.of("status", Integer.toString(rejection.status()),
                                "client_ip", rejection.remoteAddress())));
            }, connection -> {
                // banned and denied peers are dropped before a byte of their request is read
                InetAddress peer = IpAddresses.parse(connection.remoteAddress().hostAddress());
                if (runtime.admitsConnection(peer)) {
                    return true;
                }
                metrics.recordRefusedConnection();
                return false;
            });
            server.requestHandler(handler);
            servers.add(server);
            // A server serves on the context it listens from; each deployment gets a context on the
            // next event loop (listening from this thread would reuse one sticky context).
            await(vertx.deployVerticle((Deployable) context -> server.listen()), what);
            bound.add(server);
        }
        return List.copyOf(bound);
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new GatewayStartException("could not start " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new GatewayStartException("could not start " + what + " within 30s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayStartException("interrupted while starting " + what, e);
        }
    }

    // ---- reload ------------------------------------------------------------------------------

    /** The outcome of a reload: applied, or refused with the errors (the old config keeps serving). */
    public record ReloadResult(boolean applied, long generation, List<String> errors, List<String> warnings) {
    }

    /** Reloads the config file. Safe to call from any thread; never throws for a bad config. */
    public synchronized ReloadResult reload() {
        LoadedConfig next;
        try {
            next = ConfigLoader.load(loaded.file(), crypto::resolveSecretReference);
        } catch (ConfigException e) {
            return refuse(e.errors().stream().map(Object::toString).toList());
        }
        return apply(next);
    }

    private void onConfigFileChanged(LoadedConfig next, ConfigException error) {
        ReloadResult r;
        synchronized (this) {
            r = error != null ? refuse(error.errors().stream().map(Object::toString).toList()) : apply(next);
        }
        if (r.applied()) {
            log.info("config reloaded after file change", kv("generation", r.generation()));
        }
    }

    private ReloadResult refuse(List<String> errors) {
        metrics.recordReload(false);
        log.error("config reload refused; the previous config keeps serving", kv("errors", errors));
        events.publish(SecurityEvent.system("config.reload.refused", SecurityEvent.Severity.MEDIUM, "config",
                "invalid-config", Map.of("errors", Integer.toString(errors.size()))));
        return new ReloadResult(false, runtime.generation(), errors, List.of());
    }

    private ReloadResult apply(LoadedConfig next) {
        GatewayRuntime fresh;
        try {
            fresh = GatewayRuntime.build(vertx, next.config(), next.baseDir(), generation + 1, identity, traffic, auditGate());
        } catch (RuntimeException e) {
            return refuse(List.of(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        List<String> warnings = new ArrayList<>();
        next.warnings().forEach(w -> warnings.add(w.toString()));
        warnings.addAll(RestartRequired.between(loaded.config(), next.config()));
        GatewayRuntime old = runtime;
        generation++;
        runtime = fresh;
        loaded = next;
        // Requests that started on the old runtime finish on it; its clients close when they are done.
        old.retire(maxResponseTimeoutMillis(old) + 5_000);
        metrics.recordReload(true);
        warnings.forEach(w -> log.warn("config reload warning", kv("warning", w)));
        events.publish(SecurityEvent.system("config.reloaded", SecurityEvent.Severity.INFO, "config", null,
                Map.of("generation", Long.toString(generation))));
        return new ReloadResult(true, generation, List.of(), warnings);
    }

    private static long maxResponseTimeoutMillis(GatewayRuntime rt) {
        return rt.routes().routes().stream()
                .mapToLong(r -> r.upstream().config().responseTimeout().toMillis() + r.upstream().config().connectTimeout().toMillis())
                .max().orElse(0);
    }

    // ---- TLS certificate reload --------------------------------------------------------------

    private record TlsFiles(Path cert, Path key) {
        String stamp() {
            try {
                return Files.getLastModifiedTime(cert).toMillis() + ":" + Files.size(cert) + ":"
                        + Files.getLastModifiedTime(key).toMillis() + ":" + Files.size(key);
            } catch (IOException e) {
                return "unreadable";
            }
        }
    }

    private void checkTlsFiles(HttpsListenerConfig https) {
        String stamp = tlsFiles.stamp();
        if (stamp.equals(tlsStamp) || stamp.equals("unreadable")) {
            return;
        }
        tlsStamp = stamp;
        ServerSSLOptions ssl = TlsSettings.serverSslOptions(https, loaded.baseDir());
        List<Future<Boolean>> updates = new ArrayList<>(httpsServers.size());
        for (HttpServer server : httpsServers) {
            updates.add(server.updateSSLOptions(ssl, true));
        }
        Future.all(updates).onComplete(ar -> {
            if (ar.succeeded()) {
                log.info("TLS certificate reloaded", kv("certificate", tlsFiles.cert().toString()));
                events.publish(SecurityEvent.system("tls.certificate.reloaded", SecurityEvent.Severity.INFO, "tls", null,
                        Map.of("certificate", tlsFiles.cert().toString())));
            } else {
                log.error("TLS certificate reload failed; the previous certificate keeps serving",
                        kv("certificate", tlsFiles.cert().toString()), kv("error", ar.cause().getMessage()));
            }
        });
    }

    /** Forces a TLS certificate check now (tests, admin). */
    public void checkTlsNow() {
        HttpsListenerConfig https = loaded.config().listeners().https();
        if (https != null && tlsFiles != null) {
            vertx.runOnContext(v -> checkTlsFiles(https));
        }
    }

    // ---- accessors ---------------------------------------------------------------------------

    public GatewayRuntime runtime() {
        return runtime;
    }

    public LoadedConfig loadedConfig() {
        return loaded;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public BoundedEventBus events() {
        return events;
    }

    /** The gateway's API keys (blocking: call from a worker thread). */
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** The OAuth2 clients, when {@code oauth2-server} is configured (blocking: call from a worker thread). */
    public Optional<OAuth2Clients> oauth2Clients() {
        return Optional.ofNullable(identity.authorizationServer()).map(AuthorizationServer::clients);
    }

    /** The crypto service (transit keys, secrets); its {@code available()} is empty without a master key. */
    public GatewayCrypto crypto() {
        return crypto;
    }

    /** Intrusion detection and its incidents. */
    public dev.rampart.gateway.detect.GatewayDetection detection() {
        return detection;
    }

    /** Rate-limit state, bans and run-time IP lists. */
    public TrafficControl traffic() {
        return traffic;
    }

    public Store store() {
        return store;
    }

    public Vertx vertx() {
        return vertx;
    }

    public long startedAtMillis() {
        return startedAtMillis;
    }

    /** The bound port of the plain-HTTP listener, or -1. */
    public int httpPort() {
        return httpServers.isEmpty() ? -1 : httpServers.get(0).actualPort();
    }

    /** The bound port of the TLS listener, or -1. */
    public int httpsPort() {
        return httpsServers.isEmpty() ? -1 : httpsServers.get(0).actualPort();
    }

    /** The bound port of the admin listener, or -1. */
    public int adminPort() {
        return adminServer == null ? -1 : adminServer.actualPort();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (tlsReloadTimer >= 0) {
            vertx.cancelTimer(tlsReloadTimer);
        }
        if (lastUsedFlushTimer >= 0) {
            vertx.cancelTimer(lastUsedFlushTimer);
        }
        if (keyRefreshTimer >= 0) {
            vertx.cancelTimer(keyRefreshTimer);
        }
        if (cryptoRotationTimer >= 0) {
            vertx.cancelTimer(cryptoRotationTimer);
        }
        if (consoleHousekeepingTimer >= 0) {
            vertx.cancelTimer(consoleHousekeepingTimer);
        }
        flushConsoleLastSeen();
        if (auditRetentionTimer >= 0) {
            vertx.cancelTimer(auditRetentionTimer);
        }
        for (HttpServer s : servers) {
            try {
                s.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("listener did not close cleanly", kv("error", e.toString()));
            }
        }
        if (runtime != null) {
            runtime.retire(0);
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Vert.x did not close cleanly", kv("error", e.toString()));
        }
        events.close(2_000);
        if (detection != null) {
            detection.close();   // after the bus, before the ban list and store its actions use
        }
        if (audit != null) {
            audit.close();   // after the bus: the last events are written and a final checkpoint is signed
        }
        if (traffic != null) {
            try {
                traffic.close();   // quota counts, bans and IP-list changes not yet written
            } catch (RuntimeException e) {
                log.warn("could not write the last rate-limit and ban changes", kv("error", e.toString()));
            }
        }
        if (apiKeys != null) {
            try {
                apiKeys.flushLastUsed();   // the last 10 s of use; requests have stopped
            } catch (RuntimeException e) {
                log.warn("could not record API keys' last use", kv("error", e.toString()));
            }
        }
        store.close();
    }

    /** Logs every security event as a structured line on logger {@code rampart.security}. */
    private static final class SecurityEventLog implements dev.rampart.core.EventBus.Listener {
        private static final Logger securityLog = LoggerFactory.getLogger("rampart.security");

        @Override
        public void onEvent(SecurityEvent e) {
            if (securityLog.isInfoEnabled()) {
                securityLog.info(e.type(), kv("event", e.type()), kv("severity", e.severity()), kv("source", e.source()),
                        kv("code", e.code()), kv("request_id", e.requestId()), kv("route", e.routeId()),
                        kv("client_ip", e.clientIp()), kv("principal", e.principalId()), kv("details", e.details()));
            }
        }
    }
}

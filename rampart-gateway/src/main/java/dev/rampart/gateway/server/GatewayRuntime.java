package dev.rampart.gateway.server;

import dev.rampart.auth.apikey.ApiKeys;
import dev.rampart.auth.introspection.TokenIntrospector;
import dev.rampart.auth.jwt.JwtVerifier;
import dev.rampart.auth.jwt.TrustedIssuer;
import dev.rampart.auth.oauth2.AuthorizationServer;
import dev.rampart.auth.user.BasicLogin;
import dev.rampart.core.Guard;
import dev.rampart.core.config.AuthenticationConfig;
import dev.rampart.core.config.UsersAuthConfig;
import dev.rampart.core.config.HttpLimitsConfig;
import dev.rampart.core.config.OAuth2ServerConfig;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.config.RouteConfig;
import dev.rampart.core.config.SecurityHeadersConfig;
import dev.rampart.core.net.CidrSet;
import dev.rampart.core.path.PathTemplate;
import dev.rampart.gateway.guard.AuthenticationGuard;
import dev.rampart.gateway.guard.ClientBlockGuard;
import dev.rampart.gateway.guard.CelKeyExpressions;
import dev.rampart.gateway.guard.RateLimitGuard;
import dev.rampart.gateway.guard.PiiGuard;
import dev.rampart.gateway.guard.PolicyGuard;
import dev.rampart.gateway.guard.ClientCertificateGuard;
import dev.rampart.gateway.guard.CorsGuard;
import dev.rampart.gateway.guard.IntrospectionEndpoints;
import dev.rampart.gateway.guard.IpFilterGuard;
import dev.rampart.gateway.guard.JwtIssuers;
import dev.rampart.gateway.plugin.GuardPlugins;
import dev.rampart.gateway.guard.SecurityHeadersGuard;
import dev.rampart.gateway.guard.SignedRequestGuard;
import dev.rampart.gateway.guard.TrustedHostGuard;
import dev.rampart.gateway.guard.ValidateGuard;
import dev.rampart.gateway.waf.WafGuards;
import dev.rampart.gateway.oauth2.OAuth2Endpoints;
import dev.rampart.gateway.proxy.LocalEndpoint;
import dev.rampart.gateway.route.CompiledRoute;
import dev.rampart.gateway.route.HostMatcher;
import dev.rampart.gateway.route.RouteTable;
import dev.rampart.gateway.upstream.UpstreamPool;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import dev.rampart.ratelimit.RateLimiter;
import dev.rampart.policy.Authorizer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a request needs from one config, built once per (re)load and immutable. A request
 * keeps the runtime it started with, so a reload never changes the rules under an in-flight
 * request; the previous runtime's upstream clients close once their requests are done.
 *
 * <p>Guard order (DESIGN.md's request walk): global trusted-hosts and ip-filter, then per route
 * ip-filter, CORS (so preflights are answered before any authentication), authentication, and later
 * issues' authorization, rate limits, WAF; security headers run on every response.
 *
 * <p>JWT verifiers are built here, one per distinct set of issuers that routes accept, so routes
 * sharing issuers share the JWKS and verification caches. JWKS fetches run on a small worker pool
 * shared by all runtimes ({@value #KEY_FETCH_POOL}); each runtime that uses it holds a reference and
 * releases it when retired. API-key verifications, which may read the store, run on the same pool.
 * The {@link ApiKeys} and the OAuth2 authorization server are the gateway's ({@link Identity}),
 * built once and shared by every runtime (their caches and keys survive reloads); the token
 * endpoint runs on the same worker pool.
 */
public final class GatewayRuntime {

    private final RampartConfig config;
    private final RouteTable routes;
    private final Map<String, LocalEndpoint> localEndpoints;
    private final List<Guard> globalGuards;
    private final List<Guard> unroutedResponseGuards;
    private final CidrSet trustedProxies;
    private final long generation;
    private final WorkerExecutor keyFetches;
    private final IpFilterGuard ipFilter;
    private final TrafficControl traffic;
    /** Set once by {@link #build}, before the runtime is handed out. */
    private Authorizer authorizer;
    private JwtVerifier applicationTokens;
    private final WafGuards waf;

    /** The worker pool where authentication waits for I/O: JWKS fetches and API-key lookups. */
    static final String KEY_FETCH_POOL = "rampart-authentication";
    private static final int KEY_FETCH_THREADS = 4;

    private GatewayRuntime(RampartConfig config, RouteTable routes, Map<String, LocalEndpoint> localEndpoints,
            List<Guard> globalGuards,
            List<Guard> unroutedResponseGuards, CidrSet trustedProxies, long generation, WorkerExecutor keyFetches,
            IpFilterGuard ipFilter, TrafficControl traffic, WafGuards waf) {
        this.config = config;
        this.routes = routes;
        this.localEndpoints = localEndpoints;
        this.globalGuards = globalGuards;
        this.unroutedResponseGuards = unroutedResponseGuards;
        this.trustedProxies = trustedProxies;
        this.generation = generation;
        this.keyFetches = keyFetches;
        this.ipFilter = ipFilter;
        this.traffic = traffic;
        this.waf = waf;
    }

    /**
     * Builds a runtime; on failure nothing is left open.
     *
     * @param baseDir the config file's directory (relative file names in the config resolve against it)
     */
    public static GatewayRuntime build(Vertx vertx, RampartConfig config, Path baseDir, long generation) {
        return build(vertx, config, baseDir, generation, Identity.NONE, null);
    }

    /**
     * Builds a runtime; on failure nothing is left open.
     *
     * @param baseDir the config file's directory (relative file names in the config resolve against it)
     * @param identity the gateway's API keys (required when a route accepts them) and OAuth2
     *     authorization server (required when {@code oauth2-server} is configured)
     * @param traffic rate-limit state, bans and run-time IP lists; required when a route has
     *     {@code rate-limit}, null for runtimes built without a gateway (tests, tools)
     */
    public static GatewayRuntime build(Vertx vertx, RampartConfig config, Path baseDir, long generation,
            Identity identity, TrafficControl traffic) {
        return build(vertx, config, baseDir, generation, identity, traffic, null);
    }

    /**
     * @param auditGate refuses requests while the audit log cannot be written (on-write-failure: refuse); null: none
     */
    public static GatewayRuntime build(Vertx vertx, RampartConfig config, Path baseDir, long generation,
            Identity identity, TrafficControl traffic, Guard auditGate) {
        List<Guard> global = new ArrayList<>();
        if (auditGate != null) {
            global.add(auditGate);
        }
        TrustedHostGuard.from(config.trustedHosts()).ifPresent(global::add);
        Optional<IpFilterGuard> ipFilter = IpFilterGuard.from(config.ipFilter(), "ip-filter");
        ipFilter.ifPresent(global::add);
        if (traffic != null) {
            global.add(new ClientBlockGuard(traffic.bans(), traffic.ipLists()));
        }
        RateLimiter rateLimiter = traffic == null ? null
                : RateLimiter.create(config.rateLimits(), traffic.limiterState(), traffic.quotas(), traffic.clock(),
                        new CelKeyExpressions(traffic.clock()));
        // Compiled once per (re)load; a policy that does not compile fails the build, so a reload keeps the old one.
        Authorizer authorizer = config.policy() == null ? null : Authorizer.compile(config.policy(), "policy");
        List<UpstreamPool> opened = new ArrayList<>();
        AuthorizationServer authorizationServer = config.oauth2Server() == null ? null : identity.authorizationServer();
        if (config.oauth2Server() != null && authorizationServer == null) {
            throw new IllegalStateException("oauth2-server: the authorization server starts with the gateway; "
                    + "restart the gateway to enable it");
        }
        boolean authenticates = authorizationServer != null
                || config.routes().stream().anyMatch(r -> r.authentication() != null);
        WorkerExecutor keyFetches = authenticates ? vertx.createSharedWorkerExecutor(KEY_FETCH_POOL, KEY_FETCH_THREADS) : null;
        WafGuards waf = WafGuards.open(vertx, config, baseDir);
        GuardPlugins plugins = null;
        try {
            plugins = GuardPlugins.load(config.plugins(), baseDir);
            Authenticators authenticators = new Authenticators(config, baseDir, keyFetches, identity.apiKeys(),
                    authorizationServer, identity.basicLogin());
            List<CompiledRoute> compiled = new ArrayList<>();
            for (int i = 0; i < config.routes().size(); i++) {
                compiled.add(compile(vertx, config.routes().get(i), "routes[" + i + "]", config, baseDir, opened,
                        authenticators, rateLimiter, authorizer, waf, plugins));
            }
            SecurityHeadersGuard unroutedHeaders =
                    SecurityHeadersGuard.from(config.securityHeaders(), SecurityHeadersConfig.inherit(), "security-headers");
            Map<String, LocalEndpoint> local = authorizationServer == null ? Map.of()
                    : OAuth2Endpoints.of(authorizationServer, keyFetches);
            GatewayRuntime runtime = new GatewayRuntime(config, new RouteTable(compiled), local, List.copyOf(global),
                    List.of(unroutedHeaders), CidrSet.parse(config.trustedProxies()), generation, keyFetches,
                    ipFilter.orElse(null), traffic, waf);
            runtime.authorizer = authorizer;
            runtime.applicationTokens = authenticators.allIssuers();
            return runtime;
        } catch (RuntimeException e) {
            opened.forEach(p -> p.shutdown(0));
            waf.close();
            if (plugins != null) {
                plugins.close();
            }
            if (keyFetches != null) {
                keyFetches.close();
            }
            throw e;
        }
    }

    private static CompiledRoute compile(Vertx vertx, RouteConfig rc, String path, RampartConfig config, Path baseDir,
            List<UpstreamPool> opened, Authenticators authenticators, RateLimiter rateLimiter, Authorizer authorizer,
            WafGuards waf, GuardPlugins plugins) {
        List<Guard> guards = new ArrayList<>();
        // First in the chain, so that its onResponse (run in reverse order) has the last word.
        guards.add(SecurityHeadersGuard.from(config.securityHeaders(), rc.securityHeaders(), path + ".security-headers"));
        IpFilterGuard.from(rc.ipFilter(), path + ".ip-filter").ifPresent(guards::add);
        if (rc.waf() != null) {
            // DESIGN.md's request walk: WAF phase 1 right after route match, before authentication.
            guards.add(waf.guardFor(rc, path, config.limits()));
        }
        if (rc.cors() != null) {
            guards.add(CorsGuard.from(rc.cors(), path + ".cors"));
        }
        AuthenticationConfig authentication = rc.authentication();
        if (authentication != null && authentication.clientCertificate() != null) {
            guards.add(ClientCertificateGuard.from(authentication.clientCertificate()));
        }
        if (authentication != null && (!authentication.jwt().isEmpty() || authentication.apiKey() != null
                || authentication.introspection() != null || authentication.users() != null)) {
            guards.add(authenticators.guard(authentication));
        }
        if (authorizer != null && (authentication != null || !rc.permissions().isEmpty())) {
            guards.add(PolicyGuard.of(authorizer, rc.permissions(), authentication, config.policy().reportAllowed(),
                    Clock.systemUTC(), path));
        }
        if (rc.rateLimit() != null) {
            if (rateLimiter == null) {
                throw new IllegalStateException(path + ".rate-limit: rate limits need the gateway's traffic state");
            }
            guards.add(new RateLimitGuard(rateLimiter.forRoute(rc.id(), rc.rateLimit(), path + ".rate-limit")));
        }
        long maxBody = (rc.maxBodySize() != null ? rc.maxBodySize() : config.limits().maxBodySize()).bytes();
        if (rc.signature() != null) {
            guards.add(SignedRequestGuard.from(rc.signature(), maxBody, path + ".signature"));
        }
        if (rc.validate() != null) {
            guards.add(ValidateGuard.from(rc.validate(), baseDir, path + ".validate"));
        }
        // Plugins last: they see only requests every built-in guard let through, and their response
        // hooks run before the built-in ones (reverse order), so security headers have the last word.
        for (int i = 0; i < rc.plugins().size(); i++) {
            guards.add(plugins.guard(rc.plugins().get(i), path + ".plugins[" + i + "]"));
        }
        if (rc.pii() != null) {
            // After every other guard: they see the response body the upstream sent, and it goes out as this
            // guard leaves it (masked or refused).
            guards.add(PiiGuard.from(rc.pii(), path + ".pii"));
        }
        PathTemplate pattern = rc.match().path() != null ? PathTemplate.parse(rc.match().path())
                : PathTemplate.prefix(rc.match().pathPrefix());
        Set<String> methods = new LinkedHashSet<>(rc.match().methods());
        long inspect = 0;
        for (Guard g : guards) {
            inspect = Math.max(inspect, g.requestBodyInspectionLimit());
        }
        UpstreamPool pool = UpstreamPool.create(vertx, rc.upstream(), baseDir);
        opened.add(pool);
        return new CompiledRoute(rc.id(), HostMatcher.of(rc.match().hosts()), pattern, methods, pool, guards, maxBody,
                Math.min(inspect, maxBody));
    }

    public RampartConfig config() {
        return config;
    }

    /**
     * A verifier of tokens from every configured issuer ({@code jwt-issuers}, and the gateway's own
     * {@code oauth2-server}), for applications calling the transit and secrets endpoints with a
     * bearer token; null when the config trusts no issuer. May fetch keys: call it off the event loop.
     */
    public JwtVerifier applicationTokens() {
        return applicationTokens;
    }

    /** The compiled {@code policy}, for {@code POST /admin/policy/explain}; null when the config has none. */
    public Authorizer authorizer() {
        return authorizer;
    }

    public RouteTable routes() {
        return routes;
    }

    /** Endpoints the gateway answers itself (OAuth2 token, JWKS, metadata), by exact path. */
    public Map<String, LocalEndpoint> localEndpoints() {
        return localEndpoints;
    }

    /** Guards that run on every request before routing. */
    public List<Guard> globalGuards() {
        return globalGuards;
    }

    /** Response guards for requests no route took (404, global denials). */
    public List<Guard> unroutedResponseGuards() {
        return unroutedResponseGuards;
    }

    public CidrSet trustedProxies() {
        return trustedProxies;
    }

    /**
     * Whether a new connection from {@code peer} may be served: a trusted proxy always (its
     * clients are checked per request), anyone else only when not banned and admitted by the IP
     * lists (the config's and those added at run time). In memory; called on every accept.
     */
    public boolean admitsConnection(InetAddress peer) {
        if (trustedProxies.contains(peer)) {
            return true;
        }
        return (ipFilter == null || ipFilter.admits(peer)) && (traffic == null || traffic.admits(peer));
    }

    public HttpLimitsConfig limits() {
        return config.limits();
    }

    /** Increases with every successful (re)load; shows in /admin/health. */
    public long generation() {
        return generation;
    }

    /** Closes the upstream clients once their in-flight requests finish (at most {@code graceMillis}). */
    public void retire(long graceMillis) {
        for (CompiledRoute r : routes.routes()) {
            r.upstream().shutdown(graceMillis);
        }
        if (keyFetches != null) {
            // Shared by name: the pool stops when the last runtime using it lets go. Verifications
            // already queued on it still run; their requests time out in the pipeline at worst.
            keyFetches.close();
        }
        waf.close();
        // plugins' class loaders are left to the garbage collector, not closed: a request still in
        // flight on this runtime may run a plugin guard that loads a class late
    }

    /** The authentication guards of one config: each issuer built once, one verifier per issuer set. */
    private static final class Authenticators {
        private final WorkerExecutor keyFetches;
        private final ApiKeys apiKeys;
        private final BasicLogin basicLogin;
        private final Map<String, TrustedIssuer> issuers = new LinkedHashMap<>();
        private final Map<String, Duration> clockSkews = new HashMap<>();
        private final Map<String, TokenIntrospector> introspectors = new HashMap<>();
        private final Map<Set<String>, JwtVerifier> verifiers = new HashMap<>();

        Authenticators(RampartConfig config, Path baseDir, WorkerExecutor keyFetches, ApiKeys apiKeys,
                AuthorizationServer authorizationServer, BasicLogin basicLogin) {
            this.keyFetches = keyFetches;
            this.apiKeys = apiKeys;
            this.basicLogin = basicLogin;
            config.jwtIssuers().forEach((name, issuer) -> {
                issuers.put(name, JwtIssuers.trustedIssuer(issuer, baseDir, "jwt-issuers." + name));
                clockSkews.put(name, issuer.clockSkew());
            });
            config.introspectionEndpoints().forEach((name, endpoint) -> introspectors.put(name, new TokenIntrospector(
                    IntrospectionEndpoints.endpoint(endpoint, "introspection-endpoints." + name), Clock.systemUTC())));
            if (authorizationServer != null) {
                issuers.put(OAuth2ServerConfig.ISSUER_NAME, authorizationServer.trustedIssuer());
                clockSkews.put(OAuth2ServerConfig.ISSUER_NAME, authorizationServer.settings().clockSkew());
            }
        }

        /** The verifier of every trusted issuer; null when there is none. */
        JwtVerifier allIssuers() {
            return issuers.isEmpty() ? null : verifiers.computeIfAbsent(new TreeSet<>(issuers.keySet()),
                    n -> JwtIssuers.verifier(List.copyOf(n), issuers, clockSkews));
        }

        AuthenticationGuard guard(AuthenticationConfig authentication) {
            Set<String> names = new TreeSet<>(authentication.jwt());
            JwtVerifier verifier = names.isEmpty() ? null : verifiers.computeIfAbsent(names,
                    n -> JwtIssuers.verifier(List.copyOf(n), issuers, clockSkews));
            TokenIntrospector introspector = authentication.introspection() == null ? null
                    : introspectors.get(authentication.introspection());
            if (authentication.introspection() != null && introspector == null) {
                throw new IllegalArgumentException("'" + authentication.introspection()
                        + "' is not one of introspection-endpoints");
            }
            if (authentication.apiKey() != null && apiKeys == null) {
                throw new IllegalStateException("a route accepts API keys but the gateway has none (no store)");
            }
            UsersAuthConfig users = authentication.users();
            if (users != null && basicLogin == null) {
                throw new IllegalStateException("a route accepts users but the gateway has none (no store)");
            }
            return AuthenticationGuard.of(verifier, introspector, authentication.apiKey() == null ? null : apiKeys,
                    authentication.apiKey() == null ? null : authentication.apiKey().header(),
                    users == null ? null : new AuthenticationGuard.UserBasic(basicLogin, users.realm(), users.allowInsecure()),
                    authentication.optional(), keyFetches);
        }
    }
}

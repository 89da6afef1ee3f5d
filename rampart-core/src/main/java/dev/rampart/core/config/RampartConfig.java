package dev.rampart.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole gateway configuration: the root of {@code rampart.yaml}. */
@Doc("Rampart gateway configuration")
public record RampartConfig(
        @Doc("Where the proxy listens for clients: plain HTTP and optionally TLS.") ListenersConfig listeners,
        @Doc("The admin listener (REST API, console, /metrics). Loopback by default; every call needs the admin token.")
        AdminConfig admin,
        @Doc("HTTP parsing limits and timeouts applied to every request before routing.") HttpLimitsConfig limits,
        @Doc("Host names clients may ask for (Host header). Exact names or '*.example.com'. Empty: any host.")
        List<String> trustedHosts,
        @Doc("Addresses or CIDR blocks of reverse proxies / load balancers in front of Rampart. Only their "
                + "X-Forwarded-For / X-Forwarded-Proto are believed. Empty: none is trusted.")
        List<String> trustedProxies,
        @Doc("IP allow/deny lists applied to every route (a route may add its own).") IpFilterConfig ipFilter,
        @Doc("Security response headers added to every response; routes override single headers.")
        SecurityHeadersConfig securityHeaders,
        @Doc("The security event bus between guards and their consumers.") EventsConfig events,
        @Doc("Durable storage: embedded SQLite by default.") StoreConfig store,
        @Doc("The access log: one JSON line per request.") AccessLogConfig accessLog,
        @Doc("JWT issuers by name, for routes to accept with authentication.jwt: [name].")
        Map<String, JwtIssuerConfig> jwtIssuers,
        @Doc("External authorization servers' token introspection endpoints (RFC 7662) by name, for routes to "
                + "accept opaque tokens with authentication.introspection: name.")
        Map<String, IntrospectionEndpointConfig> introspectionEndpoints,
        @Doc("Rampart as an OAuth2 authorization server for machine clients (client-credentials grant); "
                + "routes accept its tokens with authentication.jwt: [rampart].") OAuth2ServerConfig oauth2Server,
        @Doc("Rate-limit plans and the limits' shared settings; routes apply them with rate-limit.")
        RateLimitConfig rateLimits,
        @Doc("Escalating bans of client addresses: ban times, and rules that ban clients with too many denials.")
        BansConfig bans,
        @Doc("The crypto service (transit keys, secrets store): where the master key comes from, key auto-rotation.")
        CryptoConfig crypto,
        @Doc("Authorization: roles, permissions, bindings and allow/deny rules with CEL conditions. Routes with "
                + "authentication are authorized against it (their permissions, else policy.routes). Absent: "
                + "no authorization; routes may then not list permissions.") PolicyConfig policy,
        @Doc("The tamper-evident audit log of every security event, its checkpoints, sinks and retention.")
        AuditConfig audit,
        @Doc("Accounts of the console and admin API: their TOTP key and login lockout. Manage them with "
                + "'rampart users' or /admin/users.") UsersConfig users,
        @Doc("Login sessions of the console and admin API (cookie on the admin listener): timeouts, CSRF key.")
        SessionsConfig sessions,
        @Doc("Intrusion detection over the security events: rules, incidents with SLA timers, playbooks and "
                + "signed webhook alerts. On by default with the built-in rules.") DetectionConfig detection,
        @Doc("Guard plugins: signed directories of jars that routes use with plugins: [{name, config}]. "
                + "A plugin whose signature does not verify stops the gateway from starting.") PluginsConfig plugins,
        @Doc("Routes, matched in order: the first route whose host, path and method match takes the request.")
        List<RouteConfig> routes) {

    public RampartConfig {
        listeners = listeners == null ? ListenersConfig.defaults() : listeners;
        admin = admin == null ? AdminConfig.defaults() : admin;
        limits = limits == null ? HttpLimitsConfig.defaults() : limits;
        trustedHosts = trustedHosts == null ? List.of() : List.copyOf(trustedHosts);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        ipFilter = ipFilter == null ? IpFilterConfig.none() : ipFilter;
        securityHeaders = securityHeaders == null ? SecurityHeadersConfig.inherit() : securityHeaders;
        events = events == null ? EventsConfig.defaults() : events;
        store = store == null ? StoreConfig.defaults() : store;
        accessLog = accessLog == null ? AccessLogConfig.defaults() : accessLog;
        // Insertion order kept: the effective config and error messages list issuers as written.
        jwtIssuers = jwtIssuers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(jwtIssuers));
        introspectionEndpoints = introspectionEndpoints == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(introspectionEndpoints));
        rateLimits = rateLimits == null ? RateLimitConfig.defaults() : rateLimits;
        bans = bans == null ? BansConfig.defaults() : bans;
        crypto = crypto == null ? CryptoConfig.defaults() : crypto;
        audit = audit == null ? AuditConfig.defaults() : audit;
        users = users == null ? UsersConfig.defaults() : users;
        sessions = sessions == null ? SessionsConfig.defaults() : sessions;
        detection = detection == null ? DetectionConfig.defaults() : detection;
        plugins = plugins == null ? PluginsConfig.none() : plugins;
        routes = routes == null ? List.of() : List.copyOf(routes);
    }
}

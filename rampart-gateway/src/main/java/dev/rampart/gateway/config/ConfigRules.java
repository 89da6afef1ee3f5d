package dev.rampart.gateway.config;

import dev.rampart.gateway.waf.WafRuleSets;
import dev.rampart.core.config.AdminConfig;
import dev.rampart.core.config.AuthenticationConfig;
import dev.rampart.core.config.UsersAuthConfig;
import dev.rampart.core.config.HttpLimitsConfig;
import dev.rampart.core.config.HttpListenerConfig;
import dev.rampart.core.config.HttpsListenerConfig;
import dev.rampart.core.config.IpFilterConfig;
import dev.rampart.core.config.ClientCertificateAuthConfig;
import dev.rampart.core.config.JwtIssuerConfig;
import dev.rampart.core.config.OAuth2ServerConfig;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.config.RouteConfig;
import dev.rampart.core.config.RouteMatchConfig;
import dev.rampart.core.config.SecurityHeadersConfig;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.UpstreamConfig;
import dev.rampart.core.net.CidrSet;
import dev.rampart.core.net.IpAddresses;
import dev.rampart.core.path.PathTemplate;
import dev.rampart.gateway.guard.CelKeyExpressions;
import dev.rampart.gateway.guard.CorsGuard;
import dev.rampart.gateway.guard.PiiGuard;
import dev.rampart.gateway.guard.IpFilterGuard;
import dev.rampart.gateway.guard.IntrospectionEndpoints;
import dev.rampart.ratelimit.BanRules;
import dev.rampart.ratelimit.EscalatingBanList;
import dev.rampart.ratelimit.InMemoryLimiterState;
import dev.rampart.ratelimit.RateLimiter;
import java.time.Clock;
import dev.rampart.gateway.guard.JwtIssuers;
import dev.rampart.gateway.guard.SignedRequestGuard;
import dev.rampart.gateway.guard.ValidateGuard;
import dev.rampart.gateway.oauth2.OAuth2Endpoints;
import dev.rampart.gateway.guard.SecurityHeadersGuard;
import dev.rampart.gateway.guard.TrustedHostGuard;
import dev.rampart.gateway.upstream.UpstreamServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks a schema cannot express, on the bound config, each reported at the key it concerns;
 * and the warnings. Where a guard or matcher already validates its settings (path templates, CIDR
 * blocks, host names, CORS, security headers), it is called here rather than its rules copied,
 * so a config that loads is one the gateway can build.
 */
final class ConfigRules {

    private static final Pattern ROUTE_ID = Pattern.compile("[A-Za-z0-9._-]+");
    /**
     * Methods as clients send them: upper case (every registered method is). Methods are
     * case-sensitive (RFC 9110 §9.1) and routes compare them exactly, so a lower-case entry would
     * silently never match; it is refused rather than upper-cased behind the user's back.
     */
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z0-9_-]*");
    private static final Set<String> TLS_VERSIONS = Set.of("TLSv1.2", "TLSv1.3");
    private static final Set<String> CLIENT_AUTH = Set.of("none", "request", "required");

    private final RampartConfig config;
    private final Path baseDir;
    private final Findings findings;

    private ConfigRules(RampartConfig config, Path baseDir, Findings findings) {
        this.config = config;
        this.baseDir = baseDir;
        this.findings = findings;
    }

    static void check(RampartConfig config, Path baseDir, Findings findings) {
        new ConfigRules(config, baseDir, findings).checkAll();
    }

    private void checkAll() {
        listeners();
        admin();
        limits(config.limits());
        trustedHosts(config.trustedHosts(), "trusted-hosts");
        trustedProxies();
        ipFilter(config.ipFilter(), "ip-filter");
        securityHeaders(config.securityHeaders(), "security-headers");
        atLeast(config.events().queueCapacity(), 1, "events.queue-capacity");
        store(config.store());
        jwtIssuers();
        introspectionEndpoints();
        oauth2Server();
        bans();
        AuditRules.check(config.audit(), findings);
        ConsoleLoginRules.check(config.users(), config.sessions(), findings);
        if (config.users().password().blocklistFile() != null) {
            readableFile(config.users().password().blocklistFile(), "users.password.blocklist-file",
                    "the passwords to refuse, one per line (UTF-8)");
        }
        DetectionRules.check(config.detection(), findings);
        routes();
        rateLimits();
        PolicyRules.check(config, findings);
        PluginRules.check(config, baseDir, findings);
        waf();
    }

    // ---- listeners and admin ------------------------------------------------------------------

    private void listeners() {
        HttpListenerConfig http = config.listeners().http();
        HttpsListenerConfig https = config.listeners().https();
        port(http.port(), "listeners.http.port");
        if (https != null) {
            port(https.port(), "listeners.https.port");
            if (!TLS_VERSIONS.contains(https.minVersion())) {
                findings.error("listeners.https.min-version", "'" + https.minVersion()
                        + "' is not a TLS version Rampart accepts; allowed: TLSv1.2, TLSv1.3");
            }
            readableFile(https.certificate(), "listeners.https.certificate", "the certificate chain (PEM)");
            readableFile(https.privateKey(), "listeners.https.private-key", "the private key (PEM)");
            positive(https.reloadCheckInterval(), "listeners.https.reload-check-interval");
            if (!CLIENT_AUTH.contains(https.clientAuth())) {
                findings.error("listeners.https.client-auth", "'" + https.clientAuth() + "' is not allowed; use none, "
                        + "request or required");
            } else if (!"none".equals(https.clientAuth())) {
                if (https.clientCa() == null) {
                    findings.errorAtKey("listeners.https", "client-auth " + https.clientAuth() + " needs client-ca: the "
                            + "PEM file of the CAs that client certificates must chain to");
                } else {
                    readableFile(https.clientCa(), "listeners.https.client-ca", "the client CA certificates (PEM)");
                }
            }
            if (http.enabled() && samePort(http.port(), https.port())) {
                findings.error("listeners.https.port", https.port() + " is also the port of listeners.http; "
                        + "give each listener its own port");
            }
        } else if (http.redirectToHttps()) {
            findings.warning("listeners.http.redirect-to-https", "there is no listeners.https to redirect to, so "
                    + "plain HTTP is served as is; add listeners.https or remove this key");
        }
        if (!http.enabled() && https == null) {
            findings.warning("listeners.http.enabled", "no client listener: plain HTTP is disabled and there is no "
                    + "listeners.https, so only the admin listener serves");
        }
    }

    private void admin() {
        AdminConfig admin = config.admin();
        port(admin.port(), "admin.port");
        if (!admin.enabled()) {
            return;
        }
        HttpListenerConfig http = config.listeners().http();
        HttpsListenerConfig https = config.listeners().https();
        if ((http.enabled() && samePort(http.port(), admin.port())) || (https != null && samePort(https.port(), admin.port()))) {
            findings.error("admin.port", admin.port() + " is also the port of a client listener; the admin API "
                    + "needs its own port");
        }
        if (!isLoopback(admin.host())) {
            findings.warning("admin.host", "the admin API listens on " + admin.host() + ", reachable from other "
                    + "machines; keep it on 127.0.0.1 unless a firewall or private network guards that address");
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IpAddresses.isLiteral(host)) {
            return false;
        }
        InetAddress address = IpAddresses.parse(host);
        return address.isLoopbackAddress();
    }

    private static boolean samePort(int a, int b) {
        return a != 0 && a == b;
    }

    private void port(int port, String path) {
        if (port < 0 || port > 65535) {
            findings.error(path, port + " is not a port; allowed: 1..65535, or 0 for any free port");
        }
    }

    // ---- limits, store ----------------------------------------------------------------------

    private void limits(HttpLimitsConfig limits) {
        atLeast(limits.maxHeaderSize().bytes(), 1, "limits.max-header-size");
        atLeast(limits.maxHeaderCount(), 1, "limits.max-header-count");
        atLeast(limits.maxUriLength().bytes(), 1, "limits.max-uri-length");
        positive(limits.headerReadTimeout(), "limits.header-read-timeout");
        positive(limits.bodyReadTimeout(), "limits.body-read-timeout");
        positive(limits.idleTimeout(), "limits.idle-timeout");
    }

    private void store(StoreConfig store) {
        atLeast(store.poolSize(), 1, "store.pool-size");
        if (store.type() == StoreConfig.Kind.postgresql && (store.url() == null || store.url().isBlank())) {
            findings.errorAtKey("store.url", "required key is missing: type postgresql needs the JDBC URL, e.g. "
                    + "jdbc:postgresql://db:5432/rampart");
        } else if (store.url() != null && !store.url().startsWith("jdbc:postgresql:")) {
            findings.error("store.url", "'" + store.url() + "' is not a PostgreSQL JDBC URL; write e.g. "
                    + "jdbc:postgresql://db:5432/rampart");
        }
        if (store.password() != null && !findings.source().isReferenced("store.password")) {
            findings.warning("store.password", "the password is written in the config file; reference it instead "
                    + "with ${ENV_VAR} or ${file:/run/secrets/...} so the file holds no secret");
        }
    }

    // ---- addresses and hosts ------------------------------------------------------------------

    private void trustedHosts(List<String> hosts, String path) {
        for (int i = 0; i < hosts.size(); i++) {
            String where = SourceMap.element(path, i);
            try {
                TrustedHostGuard.from(List.of(hosts.get(i)));
            } catch (IllegalArgumentException e) {
                // The guard names the entry as trusted-hosts[0] of the one-entry list it was given.
                findings.error(where, e.getMessage().replaceFirst("^trusted-hosts\\[0]:\\s*", ""));
            }
        }
    }

    private void trustedProxies() {
        List<String> proxies = config.trustedProxies();
        for (int i = 0; i < proxies.size(); i++) {
            String where = SourceMap.element("trusted-proxies", i);
            CidrSet block;
            try {
                block = CidrSet.parse(List.of(proxies.get(i)));
            } catch (IllegalArgumentException e) {
                findings.error(where, e.getMessage() + " (expected the address or CIDR block of a proxy or load "
                        + "balancer, e.g. 10.0.0.0/8)");
                continue;
            }
            if (block.contains(IpAddresses.parse("0.0.0.0")) && block.contains(IpAddresses.parse("255.255.255.255"))
                    || block.contains(IpAddresses.parse("::")) && block.contains(IpAddresses.parse("ffff::"))) {
                findings.warning(where, "'" + proxies.get(i) + "' trusts every address as a proxy, so any client "
                        + "can choose its own address with X-Forwarded-For; list only your proxies");
            }
        }
    }

    private void ipFilter(IpFilterConfig filter, String path) {
        ipList(filter.allow(), path, "allow");
        ipList(filter.deny(), path, "deny");
    }

    private void ipList(List<String> entries, String sectionPath, String list) {
        for (int i = 0; i < entries.size(); i++) {
            List<String> one = List.of(entries.get(i));
            IpFilterConfig single = list.equals("allow") ? new IpFilterConfig(one, null) : new IpFilterConfig(null, one);
            try {
                IpFilterGuard.from(single, sectionPath);
            } catch (IllegalArgumentException e) {
                String listPath = SourceMap.child(sectionPath, list);
                String message = e.getMessage().startsWith(listPath)
                        ? e.getMessage().substring(listPath.length()).replaceFirst("^:\\s*", "") : e.getMessage();
                findings.error(SourceMap.element(listPath, i), message);
            }
        }
    }

    private void securityHeaders(SecurityHeadersConfig section, String path) {
        try {
            if (path.equals("security-headers")) {
                SecurityHeadersGuard.from(section, SecurityHeadersConfig.inherit(), path);
            } else {
                SecurityHeadersGuard.from(SecurityHeadersConfig.inherit(), section, path);
            }
        } catch (IllegalArgumentException e) {
            findings.errorNamingItsPath(e.getMessage(), path);
        }
    }

    // ---- authentication -----------------------------------------------------------------------

    private void jwtIssuers() {
        config.jwtIssuers().forEach((name, issuer) -> {
            String path = SourceMap.child("jwt-issuers", name);
            try {
                JwtIssuers.trustedIssuer(issuer, baseDir, path);
            } catch (IllegalArgumentException e) {
                findings.errorNamingItsPath(e.getMessage(), path);
            }
            if (issuer.hmacSecret() != null) {
                warnIfWrittenInFile(SourceMap.child(path, "hmac-secret"));
            }
        });
    }

    private void clientCertificate(ClientCertificateAuthConfig certificate, String path) {
        if (!ClientCertificateAuthConfig.IDENTITY_SOURCES.contains(certificate.principal())) {
            findings.error(SourceMap.child(path, "principal"), "'" + certificate.principal() + "' is not an identity "
                    + "source; allowed: " + String.join(", ", ClientCertificateAuthConfig.IDENTITY_SOURCES));
        }
        HttpsListenerConfig https = config.listeners().https();
        if (https == null || "none".equals(https.clientAuth())) {
            findings.errorAtKey(path, "no client certificate can arrive: set listeners.https.client-auth to request "
                    + "or required, with client-ca, so the TLS listener asks for and verifies one");
        }
    }

    /** RFC 9110 §11.2 quoted-string, kept to visible ASCII without quote and backslash: no escaping needed. */
    private static final java.util.regex.Pattern REALM = java.util.regex.Pattern.compile("[ !#-\\[\\]-~]{1,128}");

    private void users(UsersAuthConfig users, String path) {
        if (!users.basic()) {
            findings.errorAtKey(path, "accepts no user credentials: set basic: true to accept Authorization: Basic "
                    + "with a user's name and password, or remove users");
        }
        if (!REALM.matcher(users.realm()).matches()) {
            findings.error(SourceMap.child(path, "realm"), "'" + users.realm().replaceAll("\\p{Cntrl}", "?")
                    + "' is not allowed: use 1–128 visible ASCII characters or spaces, without '\"' and '\\'");
        }
        // Basic over cleartext hands the password to anyone on the path. Refused at run time anyway;
        // a listener that would let it arrive is a config error, so the mistake shows before traffic does.
        boolean cleartext = config.listeners().http().enabled() && !config.listeners().http().redirectToHttps();
        if (users.basic() && cleartext && !users.allowInsecure() && config.trustedProxies().isEmpty()) {
            findings.errorAtKey(SourceMap.child(path, "basic"), "Basic credentials would be accepted over plain HTTP "
                    + "(listeners.http is enabled), which sends the password in clear: serve the route over "
                    + "listeners.https with listeners.http.enabled: false or redirect-to-https: true, put it behind "
                    + "a TLS proxy listed in trusted-proxies, or set allow-insecure: true on "
                    + path + " to accept the risk");
        }
    }

    private void introspectionEndpoints() {
        config.introspectionEndpoints().forEach((name, endpoint) -> {
            String path = SourceMap.child("introspection-endpoints", name);
            try {
                IntrospectionEndpoints.endpoint(endpoint, path);
            } catch (IllegalArgumentException e) {
                findings.errorNamingItsPath(e.getMessage(), path);
            }
            warnIfWrittenInFile(SourceMap.child(path, "client-secret"));
        });
    }

    private void bans() {
        try {
            EscalatingBanList.check(config.bans());
            BanRules.check(config.bans());
        } catch (IllegalArgumentException e) {
            findings.errorNamingItsPath(e.getMessage(), "bans");
        }
    }

    /** Compiles plans and route limits as the gateway will, against throw-away state. */
    private void rateLimits() {
        Clock clock = Clock.systemUTC();
        RateLimiter limiter;
        try {
            limiter = RateLimiter.create(config.rateLimits(), new InMemoryLimiterState(1, clock), null, clock,
                    new CelKeyExpressions(clock));
        } catch (IllegalArgumentException e) {
            if (!needsQuotaStore(e)) {
                findings.errorNamingItsPath(e.getMessage(), "rate-limits");
            }
            return;
        }
        for (int i = 0; i < config.routes().size(); i++) {
            RouteConfig route = config.routes().get(i);
            if (route.rateLimit() == null) {
                continue;
            }
            String path = SourceMap.child(SourceMap.element("routes", i), "rate-limit");
            try {
                limiter.forRoute(route.id(), route.rateLimit(), path);
            } catch (IllegalArgumentException e) {
                if (!needsQuotaStore(e)) {
                    findings.errorNamingItsPath(e.getMessage(), path);
                }
            }
        }
    }

    /** Loads each route's WAF rules as the gateway will: a rule file that does not parse names its file:line. */
    private void waf() {
        WafRuleSets ruleSets = new WafRuleSets(baseDir);
        for (int i = 0; i < config.routes().size(); i++) {
            RouteConfig route = config.routes().get(i);
            if (route.waf() == null) {
                continue;
            }
            String path = SourceMap.child(SourceMap.element("routes", i), "waf");
            try {
                ruleSets.rulesFor(route.waf(), path);
            } catch (IllegalArgumentException e) {
                findings.errorNamingItsPath(e.getMessage(), path);
            }
        }
    }

    /** Quotas are counted in the store, which config checks do not open: that refusal is not a config error. */
    private static boolean needsQuotaStore(IllegalArgumentException e) {
        return e.getMessage() != null && e.getMessage().endsWith("quotas need the store");
    }

    private void oauth2Server() {
        OAuth2ServerConfig server = config.oauth2Server();
        if (server == null) {
            return;
        }
        try {
            OAuth2Endpoints.settings(server);
        } catch (IllegalArgumentException e) {
            findings.errorNamingItsPath(e.getMessage(), "oauth2-server");
        }
        if (config.jwtIssuers().containsKey(OAuth2ServerConfig.ISSUER_NAME)) {
            findings.error(SourceMap.child("jwt-issuers", OAuth2ServerConfig.ISSUER_NAME), "'"
                    + OAuth2ServerConfig.ISSUER_NAME + "' names the tokens of oauth2-server; give this issuer another name");
        }
    }

    /** RFC 9110 §5.6.2 token: what a header name may be. */
    private static final java.util.regex.Pattern HEADER_NAME = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private void authentication(AuthenticationConfig authentication, String path) {
        String jwt = SourceMap.child(path, "jwt");
        if (authentication.apiKey() != null && !HEADER_NAME.matcher(authentication.apiKey().header()).matches()) {
            findings.error(SourceMap.child(SourceMap.child(path, "api-key"), "header"), "'"
                    + authentication.apiKey().header() + "' is not a header name (RFC 9110 token), e.g. X-API-Key");
        }
        if (authentication.clientCertificate() != null) {
            clientCertificate(authentication.clientCertificate(), SourceMap.child(path, "client-certificate"));
        }
        if (authentication.users() != null) {
            users(authentication.users(), SourceMap.child(path, "users"));
        }
        String introspection = authentication.introspection();
        if (introspection != null && !config.introspectionEndpoints().containsKey(introspection)) {
            findings.error(SourceMap.child(path, "introspection"), "'" + introspection + "' is not one of "
                    + "introspection-endpoints; " + (config.introspectionEndpoints().isEmpty()
                            ? "define it there first (url, client-id, client-secret)"
                            : "defined: " + String.join(", ", config.introspectionEndpoints().keySet())));
        }
        if (authentication.jwt().isEmpty()) {
            if (authentication.apiKey() == null && authentication.clientCertificate() == null && introspection == null
                    && authentication.users() == null) {
                findings.errorAtKey(path, "no credentials accepted: name the issuers whose tokens the route takes, "
                        + "e.g. jwt: [corp], from jwt-issuers, accept API keys with api-key: {}, client "
                        + "certificates with client-certificate: {}, or users with users: { basic: true }");
            }
            return;
        }
        Map<String, String> byIssuer = new HashMap<>();
        for (int i = 0; i < authentication.jwt().size(); i++) {
            String name = authentication.jwt().get(i);
            String where = SourceMap.element(jwt, i);
            if (name.equals(OAuth2ServerConfig.ISSUER_NAME) && config.oauth2Server() != null) {
                continue;   // Rampart's own authorization server
            }
            JwtIssuerConfig issuer = config.jwtIssuers().get(name);
            if (issuer == null) {
                findings.error(where, name.equals(OAuth2ServerConfig.ISSUER_NAME)
                        ? "'" + name + "' stands for the tokens of Rampart's own authorization server; configure "
                                + "oauth2-server (issuer, audiences) to issue them"
                        : "'" + name + "' is not one of jwt-issuers; " + (config.jwtIssuers().isEmpty()
                                ? "define it there first (issuer, jwks-url, algorithms, audiences)"
                                : "defined: " + String.join(", ", config.jwtIssuers().keySet())));
                continue;
            }
            String other = byIssuer.putIfAbsent(issuer.issuer(), name);
            if (other != null && !other.equals(name)) {
                findings.error(where, "'" + name + "' and '" + other + "' are both the issuer " + issuer.issuer()
                        + "; a route can trust each issuer once, so merge them into one entry");
            }
        }
    }

    // ---- routes ---------------------------------------------------------------------------------

    private void routes() {
        if (config.routes().isEmpty()) {
            findings.warning("routes", "no routes: every request is answered 404");
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < config.routes().size(); i++) {
            RouteConfig route = config.routes().get(i);
            String path = SourceMap.element("routes", i);
            routeId(route.id(), path, i, ids);
            match(route.match(), SourceMap.child(path, "match"));
            upstream(route.upstream(), SourceMap.child(path, "upstream"));
            ipFilter(route.ipFilter(), SourceMap.child(path, "ip-filter"));
            securityHeaders(route.securityHeaders(), SourceMap.child(path, "security-headers"));
            if (route.authentication() != null) {
                authentication(route.authentication(), SourceMap.child(path, "authentication"));
            }
            if (route.cors() != null) {
                try {
                    CorsGuard.from(route.cors(), SourceMap.child(path, "cors"));
                } catch (IllegalArgumentException e) {
                    findings.errorNamingItsPath(e.getMessage(), SourceMap.child(path, "cors"));
                }
            }
            if (route.signature() != null) {
                signature(route, SourceMap.child(path, "signature"));
            }
            if (route.validate() != null) {
                validate(route, SourceMap.child(path, "validate"));
            }
            if (route.pii() != null) {
                try {
                    PiiGuard.from(route.pii(), SourceMap.child(path, "pii"));
                } catch (IllegalArgumentException e) {
                    findings.errorNamingItsPath(e.getMessage(), SourceMap.child(path, "pii"));
                }
            }
        }
    }

    /** Builds the route's validator as the gateway will, so a broken document or rule fails the load. */
    private void validate(RouteConfig route, String path) {
        try {
            ValidateGuard.from(route.validate(), baseDir, path);
        } catch (IllegalArgumentException e) {
            findings.errorNamingItsPath(e.getMessage(), path);
        }
    }

    private void signature(RouteConfig route, String path) {
        try {
            SignedRequestGuard.from(route.signature(), Long.MAX_VALUE, path);
        } catch (IllegalArgumentException e) {
            findings.errorNamingItsPath(e.getMessage(), path);
        }
        for (int i = 0; i < route.signature().secrets().size(); i++) {
            warnIfWrittenInFile(SourceMap.element(SourceMap.child(path, "secrets"), i));
        }
    }

    /** A secret's value should come from ${ENV} or ${file:…}, not sit in the config file. */
    private void warnIfWrittenInFile(String secretPath) {
        if (!findings.source().isReferenced(secretPath)) {
            findings.warning(secretPath, "the secret is written in the config file; reference it instead with "
                    + "${ENV_VAR} or ${file:/run/secrets/...} so the file holds no secret");
        }
    }

    private void routeId(String id, String path, int index, Map<String, Integer> ids) {
        String where = SourceMap.child(path, "id");
        if (!ROUTE_ID.matcher(id).matches()) {
            findings.error(where, "'" + id + "' is not a route id; use letters, digits, '.', '_' and '-'");
            return;
        }
        Integer first = ids.putIfAbsent(id, index);
        if (first != null) {
            findings.error(where, "'" + id + "' is already the id of routes[" + first + "]; route ids must be unique");
        }
    }

    private void match(RouteMatchConfig match, String path) {
        if (match.path() != null && match.pathPrefix() != null) {
            findings.errorAtKey(SourceMap.child(path, "path-prefix"), "give either path or path-prefix, not both");
        } else if (match.path() == null && match.pathPrefix() == null) {
            findings.errorAtKey(path, "give path (exact, or a template like /orders/{id}) or path-prefix");
        } else if (match.path() != null) {
            pathTemplate(match.path(), SourceMap.child(path, "path"));
        } else {
            absoluteRoutePath(match.pathPrefix(), SourceMap.child(path, "path-prefix"));
        }
        for (int i = 0; i < match.methods().size(); i++) {
            String method = match.methods().get(i);
            String where = SourceMap.element(SourceMap.child(path, "methods"), i);
            if (METHOD.matcher(method).matches()) {
                continue;
            }
            String upper = method.toUpperCase(Locale.ROOT);
            findings.error(where, METHOD.matcher(upper).matches()
                    ? "'" + method + "': methods are case-sensitive and clients send them in upper case; write '"
                            + upper + "'"
                    : "'" + method + "' is not an HTTP method; write e.g. GET, POST or PUT");
        }
        trustedHosts(match.hosts(), SourceMap.child(path, "hosts"));
    }

    private void pathTemplate(String template, String where) {
        if (!absoluteRoutePath(template, where)) {
            return;
        }
        try {
            PathTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            findings.error(where, e.getMessage());
        }
    }

    private boolean absoluteRoutePath(String value, String where) {
        if (value.startsWith("/")) {
            return true;
        }
        findings.error(where, "route path '" + value + "' must start with '/'");
        return false;
    }

    private void upstream(UpstreamConfig upstream, String path) {
        String urls = SourceMap.child(path, "urls");
        if (upstream.urls().isEmpty()) {
            findings.error(urls, "the list is empty; give at least one upstream URL, e.g. http://10.0.0.5:8080");
        }
        for (int i = 0; i < upstream.urls().size(); i++) {
            upstreamUrl(upstream.urls().get(i), SourceMap.element(urls, i));
        }
        positive(upstream.connectTimeout(), SourceMap.child(path, "connect-timeout"));
        positive(upstream.responseTimeout(), SourceMap.child(path, "response-timeout"));
        atLeast(upstream.failureThreshold(), 1, SourceMap.child(path, "failure-threshold"));
        atLeast(upstream.maxConnections(), 1, SourceMap.child(path, "max-connections"));
        if (upstream.stripPrefix() != null && !upstream.stripPrefix().startsWith("/")) {
            findings.error(SourceMap.child(path, "strip-prefix"), "'" + upstream.stripPrefix()
                    + "' must start with '/', like the request paths it is removed from");
        }
        if (upstream.trustedCa() != null) {
            readableFile(upstream.trustedCa(), SourceMap.child(path, "trusted-ca"), "the CA certificates (PEM)");
        }
    }

    private void upstreamUrl(String url, String where) {
        try {
            UpstreamServer.parseUrl(url);
        } catch (IllegalArgumentException e) {
            findings.error(where, e.getMessage() + "; write e.g. http://10.0.0.5:8080 or https://orders.internal/v1");
        }
    }

    // ---- shared checks --------------------------------------------------------------------------

    private void readableFile(String file, String where, String what) {
        Path resolved;
        try {
            resolved = baseDir.resolve(file).normalize();
        } catch (InvalidPathException e) {
            findings.error(where, "'" + file + "' is not a valid path");
            return;
        }
        if (!Files.isRegularFile(resolved)) {
            findings.error(where, resolved + " does not exist or is not a file; give the file with " + what
                    + " (relative paths are relative to the config file)");
        } else if (!Files.isReadable(resolved)) {
            findings.error(where, resolved + " is not readable by this process; give it read permission for the "
                    + "user Rampart runs as");
        }
    }

    private void positive(Duration d, String where) {
        if (d.isZero() || d.isNegative()) {
            findings.error(where, "must be longer than 0; write e.g. 250ms, 10s, 5m, 2h or 90d");
        }
    }

    private void atLeast(long value, long min, String where) {
        if (value < min) {
            findings.error(where, value + " is too small; the least allowed is " + min);
        }
    }
}

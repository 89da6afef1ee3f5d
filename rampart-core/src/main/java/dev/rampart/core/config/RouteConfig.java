package dev.rampart.core.config;

import java.util.List;

/** One route: which requests it takes, where it sends them, and which guards run on the way. */
public record RouteConfig(
        @Required @Doc("Unique route id, used in logs, metrics and events. Letters, digits, '-', '_', '.'.") String id,
        @Required @Doc("Which requests this route takes.") RouteMatchConfig match,
        @Required @Doc("Where the route sends requests.") UpstreamConfig upstream,
        @Doc("Largest request body on this route. Larger: 413. Default: limits.max-body-size.") DataSize maxBodySize,
        @Doc("IP allow/deny lists for this route, checked after the global ones.") IpFilterConfig ipFilter,
        @Doc("Security header overrides for this route.") SecurityHeadersConfig securityHeaders,
        @Doc("CORS for this route; absent: no CORS headers, cross-origin browser reads are refused by browsers.")
        CorsConfig cors,
        @Doc("Authentication for this route: which credentials it accepts. Absent: none is checked "
                + "(an Authorization header is passed on as is).")
        AuthenticationConfig authentication,
        @Doc("Signed requests (webhooks): the signature over the body is checked before the request goes upstream.")
        SignatureConfig signature,
        @Doc("Rate limits, quotas and concurrency limits of this route, and whether the caller's plan applies. "
                + "Absent: none.") RouteRateLimitConfig rateLimit,
        @Doc("Input validation of this route's requests (and optionally responses) against an OpenAPI document "
                + "or rules written here; body limits against JSON/XML bombs. Absent: none.")
        ValidationConfig validate,
        @Doc("Permissions a request on this route needs, all of them, written 'resource:action' (no wildcard), "
                + "e.g. [\"messages:write\"]; decided by policy after authentication. Empty: policy.routes map the "
                + "method and path.") List<String> permissions,
        @Doc("The web application firewall on this route: SecLang rules (OWASP CRS or the built-in Rampart pack), "
                + "paranoia level, anomaly thresholds, exclusions. Absent: no WAF.") WafRouteConfig waf,
        @Doc("Guards from signed plugins (see plugins), in this order, after the built-in request guards "
                + "(authentication, authorization, rate limits, signature, validation).") List<PluginGuardConfig> plugins,
        @Doc("Sensitive data in upstream responses (card numbers, IBANs, SSNs, e-mail, phone, IP, secrets, JWTs): "
                + "alert, mask or block. Absent: responses are not scanned.") PiiConfig pii) {

    public RouteConfig {
        ipFilter = ipFilter == null ? IpFilterConfig.none() : ipFilter;
        securityHeaders = securityHeaders == null ? SecurityHeadersConfig.inherit() : securityHeaders;
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }
}

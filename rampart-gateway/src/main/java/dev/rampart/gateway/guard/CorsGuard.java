package dev.rampart.gateway.guard;

import dev.rampart.core.Decision;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.core.Headers;
import dev.rampart.core.RequestHead;
import dev.rampart.core.config.CorsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * Cross-origin resource sharing for a route ({@code cors}), following the CORS protocol of the
 * Fetch standard (fetch.spec.whatwg.org, §3.2).
 *
 * <p>Browsers keep a page from reading responses of another origin unless the server opts in. A
 * gateway that opts in carelessly hands the caller's data to any site: reflecting every
 * {@code Origin}, matching {@code *.example.com} as a plain suffix (so {@code evilexample.com}
 * passes) or as a prefix (so {@code example.com.evil.com} passes), or trusting the {@code null}
 * origin that sandboxed iframes and local files send. This guard does none of that:
 * <ul>
 *   <li>origins match exactly (scheme and host case-insensitive, default ports normalised), by
 *       subdomain wildcard {@code https://*.example.com} (same scheme and port, any subdomain on a
 *       label boundary, never the apex), or by {@code *}; any other origin, a malformed one or
 *       {@code null} gets no CORS headers, so the browser blocks the read;</li>
 *   <li>a preflight ({@code OPTIONS} with {@code Origin} and
 *       {@code Access-Control-Request-Method}) is answered here, {@code 204} when the origin, the
 *       method (compared exactly: methods are case-sensitive, RFC 9110 §9.1) and every requested
 *       header (case-insensitive; the CORS-safelisted names need not be listed) are allowed, else
 *       403 {@code cors-preflight-denied}. The gateway places this guard before authentication:
 *       browsers send preflights without credentials;</li>
 *   <li>{@code *} is refused together with credentials at construction, as browsers refuse it
 *       anyway and the usual "fix" is reflecting every origin;</li>
 *   <li>every response carries {@code Vary: Origin} (preflight answers also vary on the request
 *       method and headers), so a shared cache never serves one origin's CORS answer to another;</li>
 *   <li>Private Network Access preflights ({@code Access-Control-Request-Private-Network}) are
 *       answered only when configured.</li>
 * </ul>
 */
public final class CorsGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "cors";

    static final String ORIGIN = "Origin";
    static final String REQUEST_METHOD = "Access-Control-Request-Method";
    static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    static final String REQUEST_PRIVATE_NETWORK = "Access-Control-Request-Private-Network";
    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    static final String ALLOW_PRIVATE_NETWORK = "Access-Control-Allow-Private-Network";
    static final String MAX_AGE = "Access-Control-Max-Age";
    static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    static final String VARY = "Vary";
    static final String VARY_ACTUAL = "Origin";
    static final String VARY_PREFLIGHT = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    /**
     * Request header names a browser may send cross-origin without the server listing them (Fetch,
     * "CORS-safelisted request-header"). A browser names one in a preflight only when its value is
     * outside the safelist (e.g. {@code Content-Type: application/json}); the origin is already
     * trusted by then, so they are allowed by name and always listed in the answer.
     */
    private static final List<String> SAFELISTED_REQUEST_HEADERS =
            List.of("Accept", "Accept-Language", "Content-Language", "Content-Type");

    private static final String DENIED = "cors-preflight-denied";
    private static final Decision ORIGIN_DENIED = Decision.deny(403, DENIED,
            "The CORS preflight came from an origin that may not call this API from a browser.");
    private static final Decision PRIVATE_NETWORK_DENIED = Decision.deny(403, DENIED,
            "The CORS preflight asked for private network access, which this API does not allow.");

    /** One allowed origin, or a subdomain wildcard; hosts lower case, ports with defaults filled in. */
    private record AllowedOrigin(String scheme, String host, int port, boolean subdomains) {
    }

    private final boolean anyOrigin;
    private final AllowedOrigin[] origins;
    private final String[] allowedMethods;
    private final String[] allowedHeaders;
    private final boolean allowCredentials;
    private final boolean allowPrivateNetwork;
    private final String allowMethodsValue;
    private final String allowHeadersValue;
    private final String maxAgeValue;
    private final String exposeHeadersValue;
    private final Decision methodDenied;
    private final Decision headerDenied;
    private final Decision anyOriginPreflight;

    private CorsGuard(boolean anyOrigin, AllowedOrigin[] origins, List<String> methods, List<String> headers,
            CorsConfig config) {
        this.anyOrigin = anyOrigin;
        this.origins = origins;
        this.allowedMethods = methods.toArray(String[]::new);
        this.allowedHeaders = headers.toArray(String[]::new);
        this.allowCredentials = config.allowCredentials();
        this.allowPrivateNetwork = config.allowPrivateNetwork();
        this.allowMethodsValue = String.join(", ", methods);
        this.allowHeadersValue = String.join(", ", headers);
        this.maxAgeValue = Long.toString(config.maxAge().toSeconds());
        this.exposeHeadersValue = config.exposedHeaders().isEmpty() ? null : String.join(", ", config.exposedHeaders());
        this.methodDenied = Decision.deny(403, DENIED, "The CORS preflight asked for a method that may not be used "
                + "from a browser on another origin; allowed: " + allowMethodsValue + ".");
        this.headerDenied = Decision.deny(403, DENIED, "The CORS preflight asked for a request header that may not "
                + "be sent from a browser on another origin; allowed: " + allowHeadersValue + ".");
        this.anyOriginPreflight = anyOrigin ? preflightAnswer("*", false) : null;
    }

    /**
     * Builds the guard from a route's {@code cors} section.
     *
     * @param config the CORS settings
     * @param configPath where the section is in the config file, for error messages, e.g.
     *     {@code "routes[2].cors"}
     * @throws IllegalArgumentException naming the entry at fault: no allowed origins, {@code *}
     *     together with {@code allow-credentials}, {@code *} mixed with other origins, the
     *     {@code null} origin, an origin with a path or a misplaced wildcard, a method or header
     *     that is not a token or is {@code *}, or a negative {@code max-age}
     */
    public static CorsGuard from(CorsConfig config, String configPath) {
        List<String> originEntries = config.allowedOrigins();
        if (originEntries.isEmpty()) {
            throw new IllegalArgumentException(configPath + ".allowed-origins is empty: list the origins whose pages "
                    + "may call this route (e.g. 'https://app.example.com'), or remove the cors section");
        }
        boolean anyOrigin = originEntries.stream().anyMatch(o -> o != null && o.trim().equals("*"));
        if (anyOrigin && config.allowCredentials()) {
            throw new IllegalArgumentException(configPath + ": allowed-origins '*' cannot be combined with "
                    + "allow-credentials: true (browsers refuse it, and it would let every site act with the user's "
                    + "cookies); list the trusted origins explicitly");
        }
        if (anyOrigin && originEntries.size() > 1) {
            throw new IllegalArgumentException(configPath + ".allowed-origins: '*' already allows every origin; "
                    + "remove either '*' or the other entries");
        }
        AllowedOrigin[] origins = new AllowedOrigin[anyOrigin ? 0 : originEntries.size()];
        for (int i = 0; i < origins.length; i++) {
            origins[i] = parseAllowedOrigin(originEntries.get(i), configPath + ".allowed-origins[" + i + "]");
        }

        List<String> methods = new ArrayList<>();
        for (int i = 0; i < config.allowedMethods().size(); i++) {
            String method = checkToken(config.allowedMethods().get(i), configPath + ".allowed-methods[" + i + "]",
                    "a method like GET or PUT");
            if (!methods.contains(method)) {
                methods.add(method);
            }
        }
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < config.allowedHeaders().size(); i++) {
            String header = checkToken(config.allowedHeaders().get(i), configPath + ".allowed-headers[" + i + "]",
                    "a header name like X-Api-Key");
            addIgnoringCase(headers, header);
        }
        SAFELISTED_REQUEST_HEADERS.forEach(name -> addIgnoringCase(headers, name));
        for (int i = 0; i < config.exposedHeaders().size(); i++) {
            checkToken(config.exposedHeaders().get(i), configPath + ".exposed-headers[" + i + "]",
                    "a header name like X-Request-Id");
        }
        if (config.maxAge().isNegative()) {
            throw new IllegalArgumentException(configPath + ".max-age is negative; use 0 to make browsers send a "
                    + "preflight every time, or a duration like 10m");
        }
        return new CorsGuard(anyOrigin, origins, methods, headers, config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<Decision> onRequest(Exchange exchange) {
        RequestHead request = exchange.request();
        Headers requestHeaders = request.headers();
        Headers responseHeaders = exchange.responseHeaders();
        String origin = requestHeaders.get(ORIGIN);
        String requestedMethod = origin == null ? null : requestHeaders.get(REQUEST_METHOD);
        if (requestedMethod != null && "OPTIONS".equals(request.method())) {
            responseHeaders.add(VARY, VARY_PREFLIGHT);
            return preflight(origin, requestedMethod, requestHeaders).toStage();
        }
        // Also on responses without CORS headers: a cache must not serve them to an allowed origin.
        responseHeaders.add(VARY, VARY_ACTUAL);
        if (origin != null && isAllowedOrigin(origin)) {
            responseHeaders.set(ALLOW_ORIGIN, anyOrigin ? "*" : origin);
            if (allowCredentials) {
                responseHeaders.set(ALLOW_CREDENTIALS, "true");
            }
            if (exposeHeadersValue != null) {
                responseHeaders.set(EXPOSE_HEADERS, exposeHeadersValue);
            }
        }
        return Decision.proceedStage();
    }

    private Decision preflight(String origin, String requestedMethod, Headers requestHeaders) {
        if (!isAllowedOrigin(origin)) {
            return ORIGIN_DENIED;
        }
        if (!isAllowedMethod(requestedMethod)) {
            return methodDenied;
        }
        if (!areAllowedHeaders(requestHeaders.get(REQUEST_HEADERS))) {
            return headerDenied;
        }
        boolean privateNetwork = "true".equalsIgnoreCase(requestHeaders.get(REQUEST_PRIVATE_NETWORK));
        if (privateNetwork && !allowPrivateNetwork) {
            return PRIVATE_NETWORK_DENIED;
        }
        if (anyOrigin && !privateNetwork) {
            return anyOriginPreflight;
        }
        return preflightAnswer(anyOrigin ? "*" : origin, privateNetwork);
    }

    private Decision preflightAnswer(String allowOrigin, boolean privateNetwork) {
        Decision answer = Decision.respond(204)
                .withHeader(ALLOW_ORIGIN, allowOrigin)
                .withHeader(ALLOW_METHODS, allowMethodsValue)
                .withHeader(ALLOW_HEADERS, allowHeadersValue)
                .withHeader(MAX_AGE, maxAgeValue);
        if (allowCredentials) {
            answer = answer.withHeader(ALLOW_CREDENTIALS, "true");
        }
        if (privateNetwork) {
            answer = answer.withHeader(ALLOW_PRIVATE_NETWORK, "true");
        }
        return answer;
    }

    /** Methods are case-sensitive (RFC 9110 §9.1): a browser sends {@code patch} as written, not upper-cased. */
    private boolean isAllowedMethod(String method) {
        for (String allowed : allowedMethods) {
            if (allowed.equals(method)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every name of the comma-separated {@code Access-Control-Request-Headers} is allowed. */
    private boolean areAllowedHeaders(String requested) {
        if (requested == null) {
            return true;
        }
        int length = requested.length();
        int start = 0;
        while (start <= length) {
            int comma = requested.indexOf(',', start);
            int end = comma < 0 ? length : comma;
            int from = start;
            int to = end;
            while (from < to && FieldSyntax.isWhitespace(requested.charAt(from))) {
                from++;
            }
            while (to > from && FieldSyntax.isWhitespace(requested.charAt(to - 1))) {
                to--;
            }
            if (from < to && !isAllowedHeader(requested, from, to)) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    private boolean isAllowedHeader(String s, int from, int to) {
        int length = to - from;
        for (String allowed : allowedHeaders) {
            if (allowed.length() == length && s.regionMatches(true, from, allowed, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the serialised origin {@code origin} ({@code scheme "://" host [ ":" port ]}, RFC 6454
     * §6.2) is allowed. Parsed in place, without allocating; anything malformed is not allowed.
     */
    boolean isAllowedOrigin(String origin) {
        if (anyOrigin) {
            return true;
        }
        int schemeEnd = origin.indexOf("://");
        if (schemeEnd <= 0 || !isScheme(origin, 0, schemeEnd)) {
            return false; // also "null", the opaque origin
        }
        int hostStart = schemeEnd + 3;
        int length = origin.length();
        int hostEnd;
        if (hostStart < length && origin.charAt(hostStart) == '[') {
            int close = origin.indexOf(']', hostStart);
            if (close < 0 || !HostNames.isIpv6Literal(origin, hostStart + 1, close)) {
                return false;
            }
            hostEnd = close + 1;
        } else {
            hostEnd = hostStart;
            while (hostEnd < length && origin.charAt(hostEnd) != ':') {
                hostEnd++;
            }
            if (!HostNames.isHostName(origin, hostStart, hostEnd)) {
                return false;
            }
        }
        int port;
        if (hostEnd == length) {
            port = defaultPort(origin, 0, schemeEnd);
        } else if (origin.charAt(hostEnd) == ':') {
            port = HostNames.parsePort(origin, hostEnd + 1, length);
            if (port < 0) {
                return false;
            }
        } else {
            return false;
        }
        int schemeLength = schemeEnd;
        int hostLength = hostEnd - hostStart;
        for (AllowedOrigin allowed : origins) {
            if (allowed.port != port || allowed.scheme.length() != schemeLength
                    || !origin.regionMatches(true, 0, allowed.scheme, 0, schemeLength)) {
                continue;
            }
            String host = allowed.host;
            if (allowed.subdomains) {
                // host is ".example.com": matching it as a suffix of a longer host puts the match on
                // a label boundary, so "evilexample.com" and the apex "example.com" never match.
                if (hostLength > host.length()
                        && origin.regionMatches(true, hostEnd - host.length(), host, 0, host.length())) {
                    return true;
                }
            } else if (hostLength == host.length() && origin.regionMatches(true, hostStart, host, 0, hostLength)) {
                return true;
            }
        }
        return false;
    }

    private static AllowedOrigin parseAllowedOrigin(String entry, String where) {
        String origin = entry == null ? "" : entry.trim();
        String example = " (expected scheme://host[:port], e.g. 'https://app.example.com' or 'https://*.example.com')";
        if (origin.equalsIgnoreCase("null")) {
            throw new IllegalArgumentException(where + ": the 'null' origin is sent by sandboxed iframes, local files "
                    + "and redirects, so any site can produce it; it cannot be allowed");
        }
        int schemeEnd = origin.indexOf("://");
        if (schemeEnd <= 0 || !isScheme(origin, 0, schemeEnd)) {
            throw new IllegalArgumentException(where + ": '" + origin + "' has no scheme" + example);
        }
        String scheme = origin.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String authority = origin.substring(schemeEnd + 3);
        int slash = authority.indexOf('/');
        if (slash >= 0) {
            throw new IllegalArgumentException(where + ": '" + origin + "' has a path; an origin has none, not even a "
                    + "trailing slash: write '" + origin.substring(0, schemeEnd + 3 + slash) + "'");
        }
        boolean subdomains = authority.startsWith("*.");
        String hostAndPort = subdomains ? authority.substring(2) : authority;
        if (hostAndPort.indexOf('*') >= 0) {
            throw new IllegalArgumentException(where + ": '" + origin + "' has a '*' that is not the leading label of "
                    + "the host" + example);
        }
        int port = -1;
        if (HostNames.hasPort(hostAndPort)) {
            int colon = hostAndPort.lastIndexOf(':');
            port = HostNames.parsePort(hostAndPort, colon + 1, hostAndPort.length());
            if (port < 0) {
                throw new IllegalArgumentException(where + ": '" + origin + "' has an invalid port" + example);
            }
            hostAndPort = hostAndPort.substring(0, colon);
        }
        String host = HostNames.normalise(hostAndPort);
        if (host == null || !host.equals(hostAndPort.toLowerCase(Locale.ROOT)) || (subdomains && host.startsWith("["))) {
            throw new IllegalArgumentException(where + ": '" + origin + "' does not have a valid host" + example);
        }
        if (port < 0) {
            port = defaultPort(scheme, 0, scheme.length());
        }
        return new AllowedOrigin(scheme, subdomains ? "." + host : host, port, subdomains);
    }

    private static String checkToken(String value, String where, String expected) {
        String token = value == null ? "" : value.trim();
        if (token.equals("*")) {
            throw new IllegalArgumentException(where + ": '*' is not supported here; list each one explicitly ("
                    + expected + ")");
        }
        if (!FieldSyntax.isToken(token)) {
            throw new IllegalArgumentException(where + ": '" + token + "' is not " + expected);
        }
        return token;
    }

    private static void addIgnoringCase(List<String> names, String name) {
        for (String existing : names) {
            if (existing.equalsIgnoreCase(name)) {
                return;
            }
        }
        names.add(name);
    }

    /** {@code scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )} (RFC 3986 §3.1). */
    private static boolean isScheme(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!(alpha || (i > from && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
                return false;
            }
        }
        return to > from;
    }

    /** The default port of {@code http} and {@code https} (RFC 9110 §4.2), else 0 ("no port"). */
    private static int defaultPort(String s, int from, int to) {
        int length = to - from;
        if (length == 4 && s.regionMatches(true, from, "http", 0, 4)) {
            return 80;
        }
        if (length == 5 && s.regionMatches(true, from, "https", 0, 5)) {
            return 443;
        }
        return 0;
    }
}

package dev.rampart.gateway.guard;

import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.core.ResponseHead;
import dev.rampart.core.config.SecurityHeadersConfig;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Adds security response headers to every response of a route ({@code security-headers}),
 * proxied, denied or answered by the gateway alike, so an upstream that forgets them, or an error
 * page, is still protected:
 * <ul>
 *   <li>{@code Strict-Transport-Security} (RFC 6797) against SSL stripping, only on responses to
 *       {@code https} requests: RFC 6797 §7.2 forbids it over plain HTTP, where it is removed even
 *       if the upstream sent it;</li>
 *   <li>{@code X-Content-Type-Options: nosniff} against MIME sniffing of API responses into
 *       scripts;</li>
 *   <li>{@code X-Frame-Options} and CSP {@code frame-ancestors} against clickjacking;</li>
 *   <li>{@code Content-Security-Policy} against script injection in anything rendered;</li>
 *   <li>{@code Referrer-Policy} against leaking URLs (tokens in query strings) to third parties;</li>
 *   <li>{@code Permissions-Policy}, {@code Cross-Origin-Opener-Policy},
 *       {@code -Resource-Policy} and {@code -Embedder-Policy} against cross-origin leaks
 *       (Spectre-class side channels, XS-Leaks).</li>
 * </ul>
 * Headers set here override the upstream's values. A header configured {@code off} is not set, so
 * the upstream's own value (e.g. a page-specific CSP) passes through. The {@code hide} headers
 * ({@code Server}, {@code X-Powered-By}, …) are removed because they tell an attacker which
 * versions to look up exploits for; they are removed before the headers are set, so an
 * {@code extra} header that is also hidden replaces the upstream's value.
 *
 * <p>Everything is resolved and validated at construction; a response costs a few header sets.
 */
public final class SecurityHeadersGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "security-headers";

    private static final String HSTS = "Strict-Transport-Security";

    /**
     * Fields that frame the message or belong to the connection; setting or hiding them from config
     * would corrupt responses or smuggle them (RFC 9112 §6, RFC 9110 §7.6.1).
     */
    private static final Set<String> FRAMING_FIELDS = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "proxy-connection", "host");

    /** Each header with its own key, and that key's name in the config file. */
    private static final Map<String, String> CONFIG_KEYS = Map.of(
            HSTS, "strict-transport-security",
            "X-Content-Type-Options", "content-type-options",
            "X-Frame-Options", "frame-options",
            "Referrer-Policy", "referrer-policy",
            "Content-Security-Policy", "content-security-policy",
            "Permissions-Policy", "permissions-policy",
            "Cross-Origin-Opener-Policy", "cross-origin-opener-policy",
            "Cross-Origin-Resource-Policy", "cross-origin-resource-policy",
            "Cross-Origin-Embedder-Policy", "cross-origin-embedder-policy");

    private final String[] httpsNames;
    private final String[] httpsValues;
    private final String[] httpNames;
    private final String[] httpValues;
    private final String[] hidden;

    private SecurityHeadersGuard(Map<String, String> httpsFields, List<String> hidden) {
        this.httpsNames = httpsFields.keySet().toArray(String[]::new);
        this.httpsValues = httpsFields.values().toArray(String[]::new);
        Map<String, String> httpFields = new LinkedHashMap<>(httpsFields);
        httpFields.remove(HSTS);
        this.httpNames = httpFields.keySet().toArray(String[]::new);
        this.httpValues = httpFields.values().toArray(String[]::new);
        this.hidden = hidden.toArray(String[]::new);
    }

    /**
     * Builds the guard of one route: the route's section over the global section over
     * {@link SecurityHeadersConfig#defaults()}.
     *
     * @param global the top-level {@code security-headers} section; null means inherit everything
     * @param route the route's {@code security-headers} section; null means inherit everything
     * @param routeConfigPath where the route's section is, for error messages, e.g.
     *     {@code "routes[2].security-headers"}
     * @throws IllegalArgumentException naming the section and key whose value is not a valid header
     *     value (line breaks, control characters, empty), an {@code extra} or {@code hide} entry
     *     that is not a header name or is a message-framing field, or an {@code extra} header that
     *     has its own key
     */
    public static SecurityHeadersGuard from(SecurityHeadersConfig global, SecurityHeadersConfig route,
            String routeConfigPath) {
        SecurityHeadersConfig globalSection = global == null ? SecurityHeadersConfig.inherit() : global;
        SecurityHeadersConfig routeSection = route == null ? SecurityHeadersConfig.inherit() : route;
        validate(globalSection, "security-headers");
        validate(routeSection, routeConfigPath);
        SecurityHeadersConfig resolved = routeSection.over(globalSection.over(SecurityHeadersConfig.defaults()));

        Map<String, String> fields = new LinkedHashMap<>();
        managedFields(resolved).forEach((name, value) -> {
            if (!isOff(value)) {
                fields.put(name, value);
            }
        });
        // Sorted so the order of extra headers does not depend on map iteration order.
        new TreeMap<>(resolved.extra()).forEach(fields::put);

        return new SecurityHeadersGuard(fields, resolved.hide());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onResponse(Exchange exchange, ResponseHead response) {
        var headers = response.headers();
        for (String name : hidden) {
            headers.remove(name);
        }
        boolean https = "https".equalsIgnoreCase(exchange.request().scheme());
        String[] names = https ? httpsNames : httpNames;
        String[] values = https ? httpsValues : httpValues;
        for (int i = 0; i < names.length; i++) {
            headers.set(names[i], values[i]);
        }
        if (!https) {
            // RFC 6797 §7.2: an HSTS host must not send the header over non-secure transport.
            headers.remove(HSTS);
        }
    }

    /** The headers with their own config key, in the order they are sent. */
    private static Map<String, String> managedFields(SecurityHeadersConfig c) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(HSTS, c.strictTransportSecurity());
        fields.put("X-Content-Type-Options", c.contentTypeOptions());
        fields.put("X-Frame-Options", c.frameOptions());
        fields.put("Referrer-Policy", c.referrerPolicy());
        fields.put("Content-Security-Policy", c.contentSecurityPolicy());
        fields.put("Permissions-Policy", c.permissionsPolicy());
        fields.put("Cross-Origin-Opener-Policy", c.crossOriginOpenerPolicy());
        fields.put("Cross-Origin-Resource-Policy", c.crossOriginResourcePolicy());
        fields.put("Cross-Origin-Embedder-Policy", c.crossOriginEmbedderPolicy());
        return fields;
    }

    private static void validate(SecurityHeadersConfig section, String path) {
        managedFields(section).forEach((header, value) -> {
            if (value != null && !isOff(value) && !FieldSyntax.isFieldValue(value)) {
                throw new IllegalArgumentException(path + "." + CONFIG_KEYS.get(header) + ": " + describeBadValue(value)
                        + "; write the " + header + " value on one line, or 'off' to not send it");
            }
        });
        if (section.extra() != null) {
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, String> e : section.extra().entrySet()) {
                String name = e.getKey();
                String where = path + ".extra." + name;
                checkFieldName(name, where);
                String lower = name.toLowerCase(Locale.ROOT);
                for (String managed : CONFIG_KEYS.keySet()) {
                    if (managed.equalsIgnoreCase(name)) {
                        throw new IllegalArgumentException(where + ": " + managed + " has its own key; set "
                                + path + "." + CONFIG_KEYS.get(managed) + " instead");
                    }
                }
                if (!seen.add(lower)) {
                    throw new IllegalArgumentException(where + ": listed twice (header names are case-insensitive)");
                }
                if (!FieldSyntax.isFieldValue(e.getValue())) {
                    throw new IllegalArgumentException(where + ": " + describeBadValue(e.getValue())
                            + "; write the value on one line");
                }
            }
        }
        if (section.hide() != null) {
            for (int i = 0; i < section.hide().size(); i++) {
                checkFieldName(section.hide().get(i), path + ".hide[" + i + "]");
            }
        }
    }

    private static void checkFieldName(String name, String where) {
        if (!FieldSyntax.isToken(name)) {
            throw new IllegalArgumentException(where + ": '" + name + "' is not a header name "
                    + "(letters, digits and !#$%&'*+-.^_`|~ only)");
        }
        if (FRAMING_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(where + ": " + name + " frames the HTTP message and is managed by "
                    + "the gateway; it cannot be set or hidden from config");
        }
    }

    private static String describeBadValue(String value) {
        if (value == null || value.isEmpty()) {
            return "the value is empty";
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            return "the value contains a line break, which would split the response (header injection)";
        }
        return "the value has leading/trailing whitespace, control or non-ASCII characters";
    }

    private static boolean isOff(String value) {
        return SecurityHeadersConfig.OFF.equalsIgnoreCase(value);
    }
}

package dev.rampart.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the header set sent upstream: hop-by-hop fields removed (RFC 9110 §7.6.1), the
 * {@code X-Forwarded-*} family and RFC 7239 {@code Forwarded} set, request id and trace context.
 * Forwarding headers from a client that is not a trusted proxy are discarded, not extended, so an
 * upstream never sees a forged client address.
 */
final class ForwardingHeaders {

    /** Hop-by-hop fields, and fields the gateway itself sets or must not pass on. */
    private static final FieldNames NOT_FORWARDED = new FieldNames(
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
            "proxy-authorization", "proxy-authenticate", "host", "expect", "http2-settings",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "forwarded", "x-request-id",
            "traceparent", "tracestate");

    /** Hop-by-hop fields of a response (RFC 9110 §7.6.1). */
    private static final FieldNames RESPONSE_HOP_BY_HOP = new FieldNames(
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
            "proxy-authenticate");

    private ForwardingHeaders() {
    }

    /**
     * Copies {@code in} to {@code out} minus the fields above and those {@code Connection} lists, then
     * adds the forwarding fields. {@code out} must be empty: the added fields are all among those not
     * copied, so they are added, not set (no search of the map for a field that cannot be there).
     */
    static MultiMap forRequest(MultiMap in, MultiMap out, String hostHeader, InetAddress peer, boolean peerTrusted,
            String scheme, String requestId) {
        Set<String> listed = connectionListed(in, NOT_FORWARDED);
        in.forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name) && (listed.isEmpty() || !listed.contains(name.toLowerCase(Locale.ROOT)))) {
                out.add(name, value);
            }
        });
        out.add(HttpHeaders.HOST, hostHeader);
        String peerText = peer.getHostAddress();
        String xff = peerTrusted ? String.join(", ", in.getAll("X-Forwarded-For")) : "";
        out.add("X-Forwarded-For", xff.isBlank() ? peerText : xff + ", " + peerText);
        out.add("X-Forwarded-Proto", scheme);
        String host = in.get(HttpHeaders.HOST);
        String forwardedHost = peerTrusted ? in.get("X-Forwarded-Host") : null;
        String clientHost = forwardedHost != null ? forwardedHost : host;
        if (clientHost != null) {
            out.add("X-Forwarded-Host", clientHost);
        }
        String element = forwardedElement(peer, scheme, host);
        String prior = peerTrusted ? String.join(", ", in.getAll("Forwarded")) : "";
        out.add("Forwarded", prior.isBlank() ? element : prior + ", " + element);
        out.add("X-Request-Id", requestId);
        String incoming = in.get("traceparent");
        out.add("traceparent", TraceContext.next(incoming));
        String tracestate = in.get("tracestate");
        if (tracestate != null && TraceContext.isValid(incoming)) {
            out.add("tracestate", tracestate);
        }
        return out;
    }

    /** Copies an upstream response's fields to the client response, minus hop-by-hop ones. */
    static void forResponse(MultiMap upstream, MultiMap client) {
        Set<String> listed = connectionListed(upstream, RESPONSE_HOP_BY_HOP);
        upstream.forEach((name, value) -> {
            if (!RESPONSE_HOP_BY_HOP.contains(name)
                    && (listed.isEmpty() || !listed.contains(name.toLowerCase(Locale.ROOT)))) {
                client.add(name, value);
            }
        });
    }

    /**
     * Field names (lower case) the {@code Connection} header of {@code headers} declares hop-by-hop,
     * leaving out those {@code dropped} anyway: for the usual {@code keep-alive} or {@code close}, none.
     */
    private static Set<String> connectionListed(MultiMap headers, FieldNames dropped) {
        if (headers.get(HttpHeaders.CONNECTION) == null) {
            return Set.of();
        }
        Set<String> names = null;
        for (String value : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : value.split(",")) {
                String t = token.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty() && !dropped.contains(t)) {
                    if (names == null) {
                        names = new HashSet<>();
                    }
                    names.add(t);
                }
            }
        }
        return names == null ? Set.of() : names;
    }

    /**
     * A fixed set of field names, matched case-insensitively (RFC 9110 §5.1) without lower-casing
     * each name looked up: the proxy asks once per field of every request and response.
     */
    private static final class FieldNames {

        /** The names, lower case, by length. */
        private final String[][] byLength;

        FieldNames(String... names) {
            int max = 0;
            for (String n : names) {
                max = Math.max(max, n.length());
            }
            List<List<String>> lists = new ArrayList<>();
            for (int i = 0; i <= max; i++) {
                lists.add(new ArrayList<>());
            }
            for (String n : names) {
                lists.get(n.length()).add(n.toLowerCase(Locale.ROOT));
            }
            byLength = new String[max + 1][];
            for (int i = 0; i <= max; i++) {
                byLength[i] = lists.get(i).toArray(String[]::new);
            }
        }

        boolean contains(String name) {
            int length = name.length();
            if (length >= byLength.length) {
                return false;
            }
            for (String candidate : byLength[length]) {
                if (candidate.equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An RFC 7239 §4 forwarded-element: {@code for="[2001:db8::1]";proto=https;host=api.example.com}. */
    static String forwardedElement(InetAddress peer, String scheme, String host) {
        StringBuilder sb = new StringBuilder(64).append("for=");
        if (peer instanceof Inet6Address) {
            sb.append("\"[").append(peer.getHostAddress()).append("]\"");
        } else {
            sb.append(peer.getHostAddress());
        }
        sb.append(";proto=").append(scheme);
        if (host != null && !host.isEmpty()) {
            sb.append(";host=");
            if (isToken(host)) {
                sb.append(host);
            } else {
                sb.append('"');
                for (int i = 0; i < host.length(); i++) {
                    char c = host.charAt(i);
                    if (c == '\\' || c == '"') {
                        sb.append('\\');     // quoted-pair (RFC 9110 §5.6.4)
                    }
                    sb.append(c);
                }
                sb.append('"');
            }
        }
        return sb.toString();
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

package dev.rampart.gateway.proxy;

import io.vertx.core.MultiMap;
import java.net.Inet6Address;
import java.net.InetAddress;
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
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
            "proxy-authorization", "proxy-authenticate", "host", "expect", "http2-settings",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "forwarded", "x-request-id",
            "traceparent", "tracestate");

    /** Hop-by-hop fields of a response (RFC 9110 §7.6.1). */
    private static final Set<String> RESPONSE_HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
            "proxy-authenticate");

    private ForwardingHeaders() {
    }

    static MultiMap forRequest(MultiMap in, MultiMap out, String hostHeader, InetAddress peer, boolean peerTrusted,
            String scheme, String requestId) {
        Set<String> listed = connectionListed(in.getAll("Connection"));
        in.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower) && !listed.contains(lower)) {
                out.add(name, value);
            }
        });
        out.set("Host", hostHeader);
        String peerText = peer.getHostAddress();
        String xff = peerTrusted ? String.join(", ", in.getAll("X-Forwarded-For")) : "";
        out.set("X-Forwarded-For", xff.isBlank() ? peerText : xff + ", " + peerText);
        out.set("X-Forwarded-Proto", scheme);
        String clientHost = peerTrusted && in.get("X-Forwarded-Host") != null ? in.get("X-Forwarded-Host") : in.get("Host");
        if (clientHost != null) {
            out.set("X-Forwarded-Host", clientHost);
        }
        String element = forwardedElement(peer, scheme, in.get("Host"));
        String prior = peerTrusted ? String.join(", ", in.getAll("Forwarded")) : "";
        out.set("Forwarded", prior.isBlank() ? element : prior + ", " + element);
        out.set("X-Request-Id", requestId);
        String incoming = in.get("traceparent");
        out.set("traceparent", TraceContext.next(incoming));
        String tracestate = in.get("tracestate");
        if (tracestate != null && TraceContext.isValid(incoming)) {
            out.set("tracestate", tracestate);
        }
        return out;
    }

    /** Copies an upstream response's fields to the client response, minus hop-by-hop ones. */
    static void forResponse(MultiMap upstream, MultiMap client) {
        Set<String> listed = connectionListed(upstream.getAll("Connection"));
        upstream.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!RESPONSE_HOP_BY_HOP.contains(lower) && !listed.contains(lower)) {
                client.add(name, value);
            }
        });
    }

    /** Field names a {@code Connection} header declares hop-by-hop. */
    private static Set<String> connectionListed(List<String> connection) {
        if (connection.isEmpty()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String value : connection) {
            for (String token : value.split(",")) {
                String t = token.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    names.add(t);
                }
            }
        }
        return names;
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
                sb.append('"').append(host.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
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

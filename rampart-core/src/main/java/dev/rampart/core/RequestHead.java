package dev.rampart.core;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/** The parsed head of an incoming request, as guards see it. */
public interface RequestHead {

    /** The method, upper case as sent, e.g. {@code GET}. */
    String method();

    /** {@code http} or {@code https}: the scheme the client used (from a trusted proxy when one forwarded it). */
    String scheme();

    /** The host the client asked for, lower case, without port. */
    String host();

    /** The path of the request target, still percent-encoded, without the query. */
    String path();

    /** The query string without {@code ?}, still percent-encoded; null when there is none. */
    String rawQuery();

    /** The request target exactly as received. */
    String uri();

    /** {@code HTTP/1.0}, {@code HTTP/1.1} or {@code HTTP/2}. */
    String protocol();

    /** Request header fields. Guards may modify them; the proxied request carries the changes. */
    Headers headers();

    /**
     * The client's address: the TCP peer, or, when the peer is a configured trusted proxy, the
     * rightmost untrusted address of {@code X-Forwarded-For}.
     */
    InetAddress clientAddress();

    /** The TCP peer that connected to the gateway. */
    InetAddress peerAddress();

    /**
     * The client's TLS certificate chain, leaf first, as verified in the handshake against the
     * listener's {@code client-ca}; empty when the connection is not TLS or the client sent none.
     */
    default List<X509Certificate> clientCertificates() {
        return List.of();
    }

    /** The declared body length, or -1 when unknown (chunked) or absent. */
    long contentLength();
}

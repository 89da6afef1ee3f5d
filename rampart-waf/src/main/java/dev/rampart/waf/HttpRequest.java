package dev.rampart.waf;

import java.util.List;
import java.util.Objects;

/**
 * The request a {@link Transaction} inspects, independent of any HTTP server: the gateway, a test
 * or an application adapts its own request type to this.
 *
 * <p>Strings are taken as the bytes on the wire, one char per byte (ISO-8859-1), which is how
 * Netty/Vert.x and most servers decode HTTP/1.1 request lines and headers; a string holding any
 * char above U+00FF is taken as text and inspected as its UTF-8 bytes. Rules therefore see what
 * the client sent, as in ModSecurity.
 *
 * @param method        request method as sent ({@code GET})
 * @param uri           request target as sent on the request line, query string included
 *                      ({@code /search?q=1}); absolute-form ({@code http://host/x}) is allowed
 * @param protocol      {@code HTTP/1.1}, {@code HTTP/2.0}, …
 * @param headers       headers in arrival order; a name may repeat
 * @param body          the request body bytes the caller chose to inspect (empty when none)
 * @param remoteAddress the client address as the engine should see it ({@code REMOTE_ADDR})
 * @param remotePort    the client port ({@code REMOTE_PORT}), 0 when unknown
 */
public record HttpRequest(
        String method, String uri, String protocol, List<Header> headers, byte[] body, String remoteAddress,
        int remotePort) {

    /** One header line. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
        }
    }

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(protocol, "protocol");
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
    }

    /** A request without body from {@code 127.0.0.1}, for tests and examples. */
    public static HttpRequest of(String method, String uri, List<Header> headers) {
        return new HttpRequest(method, uri, "HTTP/1.1", headers, new byte[0], "127.0.0.1", 0);
    }

    /** This request with {@code body} as its body. */
    public HttpRequest withBody(byte[] newBody) {
        return new HttpRequest(method, uri, protocol, headers, newBody, remoteAddress, remotePort);
    }
}

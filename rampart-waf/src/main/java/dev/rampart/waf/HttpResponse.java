package dev.rampart.waf;

import java.util.List;
import java.util.Objects;

/**
 * The upstream response a {@link Transaction} inspects in phases 3 and 4.
 *
 * @param status   HTTP status code
 * @param protocol {@code HTTP/1.1}, …
 * @param headers  response headers in order; a name may repeat
 * @param body     the response body bytes the caller chose to inspect (empty when none)
 */
public record HttpResponse(int status, String protocol, List<HttpRequest.Header> headers, byte[] body) {

    public HttpResponse {
        Objects.requireNonNull(protocol, "protocol");
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }
}

package dev.rampart.gateway.proxy;

import dev.rampart.core.Exchange;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * An endpoint the gateway answers itself on the client listeners, at an exact path, instead of
 * proxying: e.g. the OAuth2 token endpoint and {@code /.well-known/jwks.json}. It runs after the
 * global guards (trusted hosts, IP filter), before route matching; its answers get the global
 * security headers, a request id, the access log and metrics like any other response.
 */
public interface LocalEndpoint {

    /** Name for logs, metrics and events, e.g. {@code "oauth2-token"}. */
    String name();

    /** The methods it serves; any other is answered 405 with {@code Allow}. */
    Set<String> methods();

    /** The largest request body it reads; a larger one is answered 413. 0: the body is not read. */
    int maxBodyBytes();

    /**
     * Answers one request. Must not block the calling thread (an event loop): blocking work goes to
     * a worker and the stage completes later.
     *
     * @param body the request body as UTF-8 text (empty when there is none or none is read)
     */
    CompletionStage<Answer> answer(Exchange exchange, String body);

    /** A complete response: status, headers besides Content-Type, body. */
    record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {
    }
}

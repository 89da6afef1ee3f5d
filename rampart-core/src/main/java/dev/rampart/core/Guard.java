package dev.rampart.core;

import java.util.concurrent.CompletionStage;

/**
 * One stage of a route's pipeline. A guard sees the {@link Exchange} and answers a {@link Decision}.
 *
 * <p>Guards are built from config once per (re)load and shared by all requests of their route, so
 * they must be thread-safe and keep no per-request state in fields (use exchange attributes).
 * Guards never call each other: they communicate through the exchange and by emitting
 * {@link SecurityEvent}s. A guard must not block the calling thread (an event loop): work that
 * waits on I/O returns an incomplete {@link CompletionStage}.
 *
 * <p>Phases, in the order the gateway calls them:
 * <ol>
 *   <li>{@link #onRequest} after the request head is parsed and the route matched;</li>
 *   <li>{@link #onRequestBodyChunk} on each piece of the body as it arrives, then
 *       {@link #onRequestBody} once the body is buffered (empty for a request without one), only
 *       for guards that ask for it with {@link #requestBodyInspectionLimit()};</li>
 *   <li>{@link #onResponseBody} on a proxied response held before any of it is sent, only for
 *       routes where a guard asks for it with {@link #responseBodyInspectionLimit()};</li>
 *   <li>{@link #onResponse} on every response the client gets, proxied or generated (denials
 *       included), in reverse pipeline order;</li>
 *   <li>{@link #onComplete} once the exchange is over (response sent, or the connection gone),
 *       for every guard of the route, to release what a request held (a concurrency slot).</li>
 * </ol>
 */
public interface Guard {

    /** Stable name used in config, metrics, events and problem bodies, e.g. {@code "ip-filter"}. */
    String name();

    /** Decides on the request head. The default lets the request through. */
    default CompletionStage<Decision> onRequest(Exchange exchange) {
        return Decision.proceedStage();
    }

    /**
     * How many bytes of the request body this guard needs to see, or 0 for none. When any guard of
     * a route asks, the gateway buffers the body up to the largest limit before proxying.
     */
    default long requestBodyInspectionLimit() {
        return 0;
    }

    /**
     * Looks at the next {@code length} bytes of the request body as they arrive, before the body is
     * buffered whole, so that a body can be refused at its first byte that breaks a limit (a JSON
     * bomb, a DTD) instead of once it is complete; called only for guards that ask for the body with
     * {@link #requestBodyInspectionLimit()}, in pipeline order, with the bytes in arrival order.
     * The bytes are valid only during the call. Must answer at once (no I/O): return
     * {@link Decision#proceed()} to go on reading, or a deny, which answers the request without
     * reading the rest of its body. The default goes on.
     */
    default Decision onRequestBodyChunk(Exchange exchange, byte[] chunk, int offset, int length) {
        return Decision.proceed();
    }

    /**
     * Decides on the buffered request body (at most {@link #requestBodyInspectionLimit()} bytes;
     * {@code truncated} says whether the body was longer).
     */
    default CompletionStage<Decision> onRequestBody(Exchange exchange, byte[] body, boolean truncated) {
        return Decision.proceedStage();
    }

    /**
     * How many bytes of an upstream response body this guard needs to see before the response goes
     * out, or 0 for none. When any guard of a route asks, the gateway holds each proxied response
     * (head and body up to the largest limit) until {@link #onResponseBody} decided; otherwise
     * responses stream through unheld.
     */
    default long responseBodyInspectionLimit() {
        return 0;
    }

    /**
     * Decides on a held upstream response before any of it is sent: its head and at most
     * {@link #responseBodyInspectionLimit()} bytes of its body ({@code truncated} says it was longer).
     * A deny replaces the response with a problem+json answer (e.g. 502 for a response that breaks a
     * contract); proceed sends it as received, {@link Decision#proceedWithBody} with another body (only
     * when {@code truncated} is false). Called in pipeline order, for proxied responses only; a guard
     * sees the body as the guards before it left it.
     */
    default CompletionStage<Decision> onResponseBody(Exchange exchange, ResponseHead response, byte[] body,
            boolean truncated) {
        return Decision.proceedStage();
    }

    /** Adjusts the response head (status known, headers mutable) before it is sent. */
    default void onResponse(Exchange exchange, ResponseHead response) {
    }

    /** The exchange is over: the response was sent or the connection closed. Must not throw or block. */
    default void onComplete(Exchange exchange) {
    }
}

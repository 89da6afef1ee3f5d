package dev.rampart.core;

import java.util.Map;
import java.util.Optional;

/**
 * One request/response exchange as it passes through a route's guards. Created by the gateway per
 * request; confined to the request's event-loop thread, so guards need no locking.
 */
public interface Exchange {

    /** The request id, also sent to the upstream and the client as {@code X-Request-Id}. */
    String requestId();

    RequestHead request();

    /** The id of the matched route, or null before routing (connection-level guards). */
    String routeId();

    /** Values of {@code {param}} segments of the matched path template; empty for other routes. */
    Map<String, String> pathParams();

    /** The authenticated caller, once an authenticator has set one. */
    Optional<Principal> principal();

    void setPrincipal(Principal principal);

    /** A per-request attribute, or null. */
    <T> T attribute(AttributeKey<T> key);

    <T> void setAttribute(AttributeKey<T> key, T value);

    /**
     * Headers added to the response the client gets, whatever it is (proxied, denied or answered
     * directly), e.g. {@code Vary: Origin} or rate-limit headers.
     */
    Headers responseHeaders();

    /**
     * Emits a security event, filled in with this exchange's request id, route, client address and
     * principal. Never put a secret (key, token, password) into {@code details}: hash or mask it.
     *
     * @param guard the emitting guard's name
     * @param type the event type, dot-separated, e.g. {@code "request.denied"}
     * @param severity how serious the event is
     * @param code a stable reason code, e.g. {@code "ip-denied"}
     * @param details further facts, free of secrets
     */
    void emit(String guard, String type, SecurityEvent.Severity severity, String code, Map<String, String> details);
}

package dev.rampart.gateway.proxy;

import dev.rampart.core.AttributeKey;
import dev.rampart.core.EventBus;
import dev.rampart.core.Exchange;
import dev.rampart.core.HeaderMap;
import dev.rampart.core.Headers;
import dev.rampart.core.Principal;
import dev.rampart.core.RequestHead;
import dev.rampart.core.SecurityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The gateway's {@link Exchange}: confined to the request's event loop. */
final class GatewayExchange implements Exchange {

    private final String requestId;
    private final GatewayRequestHead request;
    private final EventBus events;
    private final HeaderMap responseHeaders = new HeaderMap();
    private String routeId;
    private Map<String, String> pathParams = Map.of();
    private Principal principal;
    private Map<AttributeKey<?>, Object> attributes;
    private List<CompletableFuture<Void>> pendingEvents;

    GatewayExchange(String requestId, GatewayRequestHead request, EventBus events) {
        this.requestId = requestId;
        this.request = request;
        this.events = events;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public GatewayRequestHead request() {
        return request;
    }

    @Override
    public String routeId() {
        return routeId;
    }

    void route(String id, Map<String, String> params) {
        this.routeId = id;
        this.pathParams = params;
    }

    @Override
    public Map<String, String> pathParams() {
        return pathParams;
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    @Override
    public void setPrincipal(Principal principal) {
        this.principal = principal;
    }

    @Override
    public <T> T attribute(AttributeKey<T> key) {
        return attributes == null ? null : key.cast(attributes.get(key));
    }

    @Override
    public <T> void setAttribute(AttributeKey<T> key, T value) {
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        attributes.put(key, value);
    }

    @Override
    public Headers responseHeaders() {
        return responseHeaders;
    }

    @Override
    public void emit(String guard, String type, SecurityEvent.Severity severity, String code, Map<String, String> details) {
        SecurityEvent event = new SecurityEvent(Instant.now(), type, severity, guard, code, requestId, routeId,
                request.clientAddress().getHostAddress(), principal == null ? null : principal.id(), details);
        CompletionStage<Void> stage = events.publish(event);
        if (stage instanceof CompletableFuture<Void> f && f.isDone()) {
            return;
        }
        if (pendingEvents == null) {
            pendingEvents = new ArrayList<>(2);
        }
        pendingEvents.add(stage.toCompletableFuture());
    }

    /**
     * Events not yet queued (back-pressure policy with a full queue): the request waits on this
     * before it goes on; null when nothing is pending.
     */
    CompletableFuture<Void> takePendingEvents() {
        if (pendingEvents == null || pendingEvents.isEmpty()) {
            return null;
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(pendingEvents.toArray(CompletableFuture[]::new));
        pendingEvents = null;
        return all;
    }

    Principal principalOrNull() {
        return principal;
    }
}

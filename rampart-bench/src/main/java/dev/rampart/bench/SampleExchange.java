package dev.rampart.bench;

import dev.rampart.core.AttributeKey;
import dev.rampart.core.Exchange;
import dev.rampart.core.HeaderMap;
import dev.rampart.core.Headers;
import dev.rampart.core.Principal;
import dev.rampart.core.RequestHead;
import dev.rampart.core.ResponseHead;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.net.IpAddresses;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A routed {@code GET} as guards see it, built without a server, for benchmarks of guards that
 * read only the request head. Emitted events are dropped: a benchmark that needs them should
 * count them itself.
 */
final class SampleExchange implements Exchange {

    private final Request request;
    private final Headers responseHeaders = new HeaderMap();
    private final Map<AttributeKey<?>, Object> attributes = new HashMap<>();
    private Principal principal;

    SampleExchange(String scheme, String host, String path) {
        this.request = new Request(scheme, host, path, IpAddresses.parse("192.0.2.10"), new HeaderMap());
    }

    /** A response proxied from the upstream, over the given header fields. */
    record ProxiedResponse(int status, Headers headers) implements ResponseHead {
        @Override
        public boolean generated() {
            return false;
        }
    }

    @Override
    public String requestId() {
        return "01JBENCHREQUEST000000000000";
    }

    @Override
    public RequestHead request() {
        return request;
    }

    @Override
    public String routeId() {
        return "bench-route";
    }

    @Override
    public Map<String, String> pathParams() {
        return Map.of();
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
    @SuppressWarnings("unchecked")
    public <T> T attribute(AttributeKey<T> key) {
        return (T) attributes.get(key);
    }

    @Override
    public <T> void setAttribute(AttributeKey<T> key, T value) {
        attributes.put(key, value);
    }

    @Override
    public Headers responseHeaders() {
        return responseHeaders;
    }

    @Override
    public void emit(String guard, String type, SecurityEvent.Severity severity, String code,
            Map<String, String> details) {
        // Dropped.
    }

    private record Request(String scheme, String host, String path, InetAddress clientAddress, Headers headers)
            implements RequestHead {

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String rawQuery() {
            return null;
        }

        @Override
        public String uri() {
            return path;
        }

        @Override
        public String protocol() {
            return "HTTP/1.1";
        }

        @Override
        public InetAddress peerAddress() {
            return clientAddress;
        }

        @Override
        public long contentLength() {
            return -1;
        }
    }
}

package dev.rampart.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.AttributeKey;
import dev.rampart.core.Exchange;
import dev.rampart.core.HeaderMap;
import dev.rampart.core.Headers;
import dev.rampart.core.Principal;
import dev.rampart.core.RequestHead;
import dev.rampart.core.SecurityEvent;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessRequestTest {

    @Test
    void fromExchangeTakesMethodPathParamsQueryHeadersAndClientAddress() throws Exception {
        HeaderMap headers = new HeaderMap();
        headers.add("X-Team", "finance");
        headers.add("Accept", "text/csv");
        headers.add("accept", "application/json");
        Exchange ex = exchange("GET", "/orgs/acme/reports", "format=csv&q=a%20b&format=json&flag", headers,
                Map.of("org", "acme"), InetAddress.getByName("10.0.0.7"));

        AccessRequest r = AccessRequest.from(ex, List.of(Permission.parseRequired("reports:read")), Policies.NOON);

        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/orgs/acme/reports");
        assertThat(r.params()).containsEntry("org", "acme");
        assertThat(r.query()).containsExactlyInAnyOrderEntriesOf(Map.of("format", "csv", "q", "a b", "flag", ""));
        assertThat(r.headers()).containsEntry("x-team", "finance").containsEntry("accept", "text/csv, application/json");
        assertThat(r.clientIp()).isEqualTo("10.0.0.7");
        assertThat(r.permissions()).containsExactly(Permission.parse("reports:read"));
    }

    @Test
    void credentialHeadersNeverReachConditions() throws Exception {
        HeaderMap headers = new HeaderMap();
        headers.add("Authorization", "Bearer eyJ...");
        headers.add("Cookie", "session=1");
        headers.add("X-API-Key", "rmp_secret");
        headers.add("Proxy-Authorization", "Basic Zm9v");

        AccessRequest r = AccessRequest.from(exchange("GET", "/", null, headers, Map.of(),
                InetAddress.getByName("::1")), List.of(), Policies.NOON);

        assertThat(r.headers()).isEmpty();
        assertThat(r.query()).isEmpty();
    }

    @Test
    void malformedPercentEscapeInQueryIsKeptAsSent() {
        assertThat(AccessRequest.parseQuery("a=%zz")).containsEntry("a", "%zz");
    }

    private static Exchange exchange(String method, String path, String query, Headers headers,
            Map<String, String> params, InetAddress client) {
        RequestHead head = new RequestHead() {
            public String method() {
                return method;
            }

            public String scheme() {
                return "https";
            }

            public String host() {
                return "api.example.com";
            }

            public String path() {
                return path;
            }

            public String rawQuery() {
                return query;
            }

            public String uri() {
                return query == null ? path : path + "?" + query;
            }

            public String protocol() {
                return "HTTP/1.1";
            }

            public Headers headers() {
                return headers;
            }

            public InetAddress clientAddress() {
                return client;
            }

            public InetAddress peerAddress() {
                return client;
            }

            public long contentLength() {
                return -1;
            }
        };
        return new Exchange() {
            public String requestId() {
                return "01TEST";
            }

            public RequestHead request() {
                return head;
            }

            public String routeId() {
                return "r";
            }

            public Map<String, String> pathParams() {
                return params;
            }

            public Optional<Principal> principal() {
                return Optional.empty();
            }

            public void setPrincipal(Principal principal) {
                throw new UnsupportedOperationException("not used by AccessRequest");
            }

            public <T> T attribute(AttributeKey<T> key) {
                return null;
            }

            public <T> void setAttribute(AttributeKey<T> key, T value) {
                throw new UnsupportedOperationException("not used by AccessRequest");
            }

            public Headers responseHeaders() {
                return new HeaderMap();
            }

            public void emit(String guard, String type, SecurityEvent.Severity severity, String code,
                    Map<String, String> details) {
                throw new UnsupportedOperationException("not used by AccessRequest");
            }
        };
    }
}

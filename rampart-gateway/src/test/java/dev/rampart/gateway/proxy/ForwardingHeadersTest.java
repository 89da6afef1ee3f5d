package dev.rampart.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.net.IpAddresses;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ForwardingHeadersTest {

    private static final InetAddress PEER = IpAddresses.parse("192.0.2.7");

    private static MultiMap forRequest(MultiMap in, boolean peerTrusted) {
        return ForwardingHeaders.forRequest(in, HttpHeaders.headers(), "upstream.internal:8080", PEER, peerTrusted,
                "https", "req-1");
    }

    @Test
    void dropsHopByHopFieldsWhateverTheirCase() {
        MultiMap in = HttpHeaders.headers()
                .add("Host", "api.example.com")
                .add("CONNECTION", "keep-alive")
                .add("Keep-Alive", "timeout=5")
                .add("tE", "trailers")
                .add("Transfer-Encoding", "chunked")
                .add("Proxy-Authorization", "Basic c2VjcmV0")
                .add("Upgrade", "h2c")
                .add("Accept", "application/json")
                .add("accept", "text/plain");

        MultiMap out = forRequest(in, false);

        assertThat(out.names()).containsExactlyInAnyOrder("Accept", "Host", "X-Forwarded-For", "X-Forwarded-Proto",
                "X-Forwarded-Host", "Forwarded", "X-Request-Id", "traceparent");
        assertThat(out.getAll("Accept")).containsExactly("application/json", "text/plain");
        assertThat(out.get("Host")).isEqualTo("upstream.internal:8080");
    }

    @Test
    void dropsTheFieldsConnectionNamesInAnyCase() {
        MultiMap in = HttpHeaders.headers()
                .add("Host", "api.example.com")
                .add("Connection", "X-Internal-Hop, keep-alive")
                .add("connection", " x-other ")
                .add("x-internal-HOP", "1")
                .add("X-Other", "2")
                .add("X-Kept", "3");

        MultiMap out = forRequest(in, false);

        assertThat(out.contains("X-Internal-Hop")).isFalse();
        assertThat(out.contains("X-Other")).isFalse();
        assertThat(out.get("X-Kept")).isEqualTo("3");
    }

    @Test
    void replacesForwardingFieldsOfAnUntrustedPeerAndExtendsThoseOfATrustedOne() {
        MultiMap in = HttpHeaders.headers()
                .add("Host", "api.example.com")
                .add("X-Forwarded-For", "6.6.6.6")
                .add("x-forwarded-host", "evil.example")
                .add("Forwarded", "for=6.6.6.6")
                .add("X-Request-Id", "forged")
                .add("X-Forwarded-Proto", "http");

        MultiMap untrusted = forRequest(in, false);
        assertThat(untrusted.getAll("X-Forwarded-For")).containsExactly("192.0.2.7");
        assertThat(untrusted.getAll("X-Forwarded-Host")).containsExactly("api.example.com");
        assertThat(untrusted.getAll("Forwarded")).containsExactly("for=192.0.2.7;proto=https;host=api.example.com");
        assertThat(untrusted.getAll("X-Request-Id")).containsExactly("req-1");
        assertThat(untrusted.getAll("X-Forwarded-Proto")).containsExactly("https");

        MultiMap trusted = forRequest(in, true);
        assertThat(trusted.getAll("X-Forwarded-For")).containsExactly("6.6.6.6, 192.0.2.7");
        assertThat(trusted.getAll("X-Forwarded-Host")).containsExactly("evil.example");
        assertThat(trusted.getAll("Forwarded"))
                .containsExactly("for=6.6.6.6, for=192.0.2.7;proto=https;host=api.example.com");
    }

    @Test
    void quotesAHostThatIsNotATokenInForwarded() {
        assertThat(ForwardingHeaders.forwardedElement(PEER, "http", "api.example.com:8443"))
                .isEqualTo("for=192.0.2.7;proto=http;host=\"api.example.com:8443\"");
        assertThat(ForwardingHeaders.forwardedElement(PEER, "http", "a\"b\\c"))
                .isEqualTo("for=192.0.2.7;proto=http;host=\"a\\\"b\\\\c\"");
        assertThat(ForwardingHeaders.forwardedElement(IpAddresses.parse("2001:db8::1"), "https", null))
                .isEqualTo("for=\"[2001:db8:0:0:0:0:0:1]\";proto=https");
    }

    @Test
    void dropsHopByHopFieldsOfAResponse() {
        MultiMap upstream = HttpHeaders.headers()
                .add("Content-Type", "application/json")
                .add("Content-Length", "31")
                .add("Connection", "keep-alive, X-Upstream-Hop")
                .add("keep-alive", "timeout=60")
                .add("x-upstream-hop", "1")
                .add("Proxy-Authenticate", "Basic")
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2");
        MultiMap client = HttpHeaders.headers();

        ForwardingHeaders.forResponse(upstream, client);

        assertThat(client.names()).containsExactlyInAnyOrder("Content-Type", "Content-Length", "Set-Cookie");
        assertThat(client.getAll("Set-Cookie")).containsExactly("a=1", "b=2");
    }
}

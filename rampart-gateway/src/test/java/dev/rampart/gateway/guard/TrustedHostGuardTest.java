package dev.rampart.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedHostGuardTest {

    private static final TrustedHostGuard GUARD =
            TrustedHostGuard.from(List.of("api.example.com", "*.tenants.example.org", "[2001:db8::1]")).orElseThrow();

    private static Decision decide(String host) {
        return TestExchange.forHost(host).runRequest(GUARD);
    }

    private static void assertServed(String host) {
        assertThat(decide(host).isProceed()).as("host %s", host).isTrue();
    }

    private static void assertMisdirected(String host) {
        Decision decision = decide(host);
        assertThat(decision.kind()).as("host %s", host).isEqualTo(Decision.Kind.DENY);
        assertThat(decision.status()).isEqualTo(421);
        assertThat(decision.code()).isEqualTo("host-not-allowed");
    }

    @Test
    void buildsNoGuardForAnEmptyList() {
        assertThat(TrustedHostGuard.from(List.of())).isEmpty();
        assertThat(TrustedHostGuard.from(null)).isEmpty();
    }

    @Test
    void servesAnExactHostCaseInsensitively() {
        assertServed("api.example.com");
        assertServed("API.Example.COM");
    }

    @Test
    void ignoresTheTrailingDotOfAFullyQualifiedHost() {
        assertServed("api.example.com.");
    }

    @Test
    void ignoresThePortInTheHost() {
        assertServed("api.example.com:8443");
        assertServed("api.example.com.:443");
        assertServed("[2001:db8::1]:8443");
        assertMisdirected("evil.example:443");
    }

    @Test
    void answersMisdirectedRequestForAForgedHost() {
        assertMisdirected("attacker.example");
        assertMisdirected("example.com");
        assertMisdirected("api.example.com.attacker.example");
        assertMisdirected("xapi.example.com");
    }

    @Test
    void wildcardMatchesSubdomainsAtAnyDepthButNotTheApex() {
        assertServed("acme.tenants.example.org");
        assertServed("eu.acme.tenants.example.org");
        assertMisdirected("tenants.example.org");
        assertMisdirected("eviltenants.example.org");
        assertMisdirected("acme.tenants.example.org.evil.com");
    }

    @Test
    void refusesMalformedHostsThatCouldSmuggleAnAllowedSuffix() {
        assertMisdirected("evil.com#.tenants.example.org");
        assertMisdirected("evil.com/.tenants.example.org");
        assertMisdirected("evil.com@acme.tenants.example.org:");
        assertMisdirected(".tenants.example.org");
        assertMisdirected("acme..tenants.example.org");
        assertMisdirected("api.example.com:99999");
        assertMisdirected("api.example.com:");
    }

    @Test
    void refusesARequestWithoutHost() {
        assertMisdirected(null);
        assertMisdirected("");
    }

    @Test
    void matchesIpv6LiteralsWithOrWithoutBrackets() {
        assertServed("[2001:DB8::1]");
        assertServed("2001:db8::1");
        assertMisdirected("[2001:db8::2]");
    }

    @Test
    void rejectsEntriesWithPortsOrMisplacedWildcardsNamingTheEntry() {
        assertThatThrownBy(() -> TrustedHostGuard.from(List.of("ok.example.com", "api.example.com:8443")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trusted-hosts[1]")
                .hasMessageContaining("port");
        assertThatThrownBy(() -> TrustedHostGuard.from(List.of("api.*.example.com")))
                .hasMessageContaining("trusted-hosts[0]")
                .hasMessageContaining("'*.example.com'");
        assertThatThrownBy(() -> TrustedHostGuard.from(List.of("*")))
                .hasMessageContaining("trusted-hosts[0]");
        assertThatThrownBy(() -> TrustedHostGuard.from(List.of("https://api.example.com:8443/")))
                .hasMessageContaining("trusted-hosts[0]")
                .hasMessageContaining("is a URL")
                .hasMessageContaining("'api.example.com'");
    }

    @Test
    void acceptsConfigEntriesInAnyCaseAndWithTrailingDot() {
        TrustedHostGuard guard = TrustedHostGuard.from(List.of("API.Example.com.", "*.Example.NET")).orElseThrow();

        assertThat(TestExchange.forHost("api.example.com").runRequest(guard).isProceed()).isTrue();
        assertThat(TestExchange.forHost("www.example.net").runRequest(guard).isProceed()).isTrue();
    }

    @Test
    void isNamedTrustedHosts() {
        assertThat(GUARD.name()).isEqualTo("trusted-hosts");
    }
}

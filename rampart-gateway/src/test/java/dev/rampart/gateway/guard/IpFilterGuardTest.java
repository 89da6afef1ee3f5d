package dev.rampart.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.Decision;
import dev.rampart.core.config.IpFilterConfig;
import dev.rampart.core.net.IpAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpFilterGuardTest {

    private static IpFilterGuard guard(List<String> allow, List<String> deny) {
        return IpFilterGuard.from(new IpFilterConfig(allow, deny), "routes[0].ip-filter").orElseThrow();
    }

    private static Decision decide(IpFilterGuard guard, String client) {
        return TestExchange.from(IpAddresses.parse(client)).runRequest(guard);
    }

    /** An IPv4 client as a dual-stack socket reports it: a 16-byte IPv4-mapped IPv6 address. */
    private static InetAddress ipv4Mapped(String ipv4) throws UnknownHostException {
        byte[] v4 = IpAddresses.parse(ipv4).getAddress();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, mapped, 12, 4);
        return Inet6Address.getByAddress(null, mapped, null);
    }

    @Test
    void buildsNoGuardWhenBothListsAreEmpty() {
        assertThat(IpFilterGuard.from(IpFilterConfig.none(), "ip-filter")).isEmpty();
        assertThat(IpFilterGuard.from(null, "ip-filter")).isEmpty();
    }

    @Test
    void deniesIpv4ClientInDenyList() {
        IpFilterGuard guard = guard(null, List.of("203.0.113.0/24"));

        Decision decision = decide(guard, "203.0.113.77");

        assertThat(decision.kind()).isEqualTo(Decision.Kind.DENY);
        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.code()).isEqualTo("ip-denied");
        assertThat(decision.detail()).doesNotContain("203.0.113");
    }

    @Test
    void letsClientOutsideDenyListThroughWhenNoAllowList() {
        IpFilterGuard guard = guard(null, List.of("203.0.113.0/24"));

        assertThat(decide(guard, "203.0.114.1").isProceed()).isTrue();
        assertThat(decide(guard, "2001:db8::1").isProceed()).isTrue();
    }

    @Test
    void refusesClientOutsideNonEmptyAllowList() {
        IpFilterGuard guard = guard(List.of("10.0.0.0/8"), null);

        Decision decision = decide(guard, "192.0.2.1");

        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.code()).isEqualTo("ip-not-allowed");
        assertThat(decide(guard, "10.20.30.40").isProceed()).isTrue();
    }

    @Test
    void denyWinsOverAllowForAHoleCutIntoAnAllowedRange() {
        IpFilterGuard guard = guard(List.of("10.0.0.0/8"), List.of("10.66.0.0/16"));

        assertThat(decide(guard, "10.66.1.2").code()).isEqualTo("ip-denied");
        assertThat(decide(guard, "10.67.1.2").isProceed()).isTrue();
        assertThat(decide(guard, "11.0.0.1").code()).isEqualTo("ip-not-allowed");
    }

    @Test
    void denyWinsWhenTheSameAddressIsInBothLists() {
        IpFilterGuard guard = guard(List.of("192.0.2.7"), List.of("192.0.2.7"));

        assertThat(decide(guard, "192.0.2.7").code()).isEqualTo("ip-denied");
    }

    @Test
    void matchesIpv6ClientsAgainstIpv6Blocks() {
        IpFilterGuard guard = guard(List.of("2001:db8::/32"), List.of("2001:db8:bad::/48"));

        assertThat(decide(guard, "2001:db8:1::5").isProceed()).isTrue();
        assertThat(decide(guard, "2001:db8:bad::5").code()).isEqualTo("ip-denied");
        assertThat(decide(guard, "2001:db9::1").code()).isEqualTo("ip-not-allowed");
        assertThat(decide(guard, "10.0.0.1").code()).isEqualTo("ip-not-allowed");
    }

    @Test
    void matchesIpv4MappedClientsAgainstIpv4Blocks() throws UnknownHostException {
        IpFilterGuard denying = guard(null, List.of("203.0.113.0/24"));
        IpFilterGuard allowing = guard(List.of("10.0.0.0/8"), null);

        InetAddress mappedDenied = ipv4Mapped("203.0.113.9");
        assertThat(mappedDenied).isInstanceOf(Inet6Address.class);
        assertThat(TestExchange.from(mappedDenied).runRequest(denying).code()).isEqualTo("ip-denied");
        assertThat(TestExchange.from(ipv4Mapped("10.1.2.3")).runRequest(allowing).isProceed()).isTrue();
        assertThat(TestExchange.from(ipv4Mapped("192.0.2.1")).runRequest(allowing).code())
                .isEqualTo("ip-not-allowed");
    }

    @Test
    void refusesRequestWithoutClientAddressWhenAnAllowListExists() {
        IpFilterGuard guard = guard(List.of("10.0.0.0/8"), null);

        assertThat(TestExchange.from(null).runRequest(guard).code()).isEqualTo("ip-not-allowed");
    }

    @Test
    void emitsNoEventOfItsOwnOnAPlainDenial() {
        IpFilterGuard guard = guard(null, List.of("203.0.113.0/24"));
        TestExchange exchange = TestExchange.from(IpAddresses.parse("203.0.113.1"));

        exchange.runRequest(guard);

        assertThat(exchange.events()).isEmpty();
    }

    @Test
    void rejectsInvalidBlockNamingTheConfigPathAndEntry() {
        assertThatThrownBy(() -> guard(List.of("10.0.0.0/8"), List.of("10.0.0.1/8")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routes[0].ip-filter.deny")
                .hasMessageContaining("10.0.0.1/8")
                .hasMessageContaining("host bits");
        assertThatThrownBy(() -> guard(List.of("example.com"), null))
                .hasMessageContaining("routes[0].ip-filter.allow")
                .hasMessageContaining("'example.com'");
    }

    @Test
    void isNamedIpFilter() {
        assertThat(guard(null, List.of("192.0.2.1")).name()).isEqualTo("ip-filter");
    }
}

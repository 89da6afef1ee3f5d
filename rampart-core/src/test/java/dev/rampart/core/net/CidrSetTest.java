package dev.rampart.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrSetTest {

    private static boolean in(CidrSet set, String address) {
        return set.contains(IpAddresses.parse(address));
    }

    @Test
    void matchesIpv4BlocksAtTheirEdges() {
        CidrSet set = CidrSet.parse(List.of("10.0.0.0/8", "192.0.2.7"));
        assertThat(in(set, "10.0.0.0")).isTrue();
        assertThat(in(set, "10.255.255.255")).isTrue();
        assertThat(in(set, "11.0.0.0")).isFalse();
        assertThat(in(set, "9.255.255.255")).isFalse();
        assertThat(in(set, "192.0.2.7")).isTrue();
        assertThat(in(set, "192.0.2.8")).isFalse();
    }

    @Test
    void matchesIpv6BlocksAndIpv4MappedClients() {
        CidrSet set = CidrSet.parse(List.of("2001:db8::/32", "203.0.113.0/24"));
        assertThat(in(set, "2001:db8:ffff::1")).isTrue();
        assertThat(in(set, "2001:db9::1")).isFalse();
        // A dual-stack socket shows an IPv4 client as ::ffff:a.b.c.d; it must match the IPv4 block.
        assertThat(in(set, "::ffff:203.0.113.9")).isTrue();
    }

    @Test
    void mergesOverlappingBlocks() {
        CidrSet set = CidrSet.parse(List.of("10.1.0.0/16", "10.0.0.0/8", "10.2.3.0/24"));
        assertThat(in(set, "10.2.3.4")).isTrue();
        assertThat(in(set, "10.200.0.1")).isTrue();
    }

    @Test
    void emptySetContainsNothing() {
        assertThat(CidrSet.parse(List.of()).contains(IpAddresses.parse("127.0.0.1"))).isFalse();
        assertThat(CidrSet.empty().isEmpty()).isTrue();
    }

    @Test
    void rejectsHostBitsAndGarbageNamingTheEntry() {
        assertThatThrownBy(() -> CidrSet.parse(List.of("10.0.0.1/8"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.1/8");
        assertThatThrownBy(() -> CidrSet.parse(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CidrSet.parse(List.of("example.com"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example.com");
    }
}

package dev.rampart.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.net.IpAddresses;
import dev.rampart.ratelimit.internal.Block;
import org.junit.jupiter.api.Test;

class ClientKeysTest {

    private static String key(String address) {
        return ClientKeys.of(IpAddresses.parse(address));
    }

    @Test
    void groupsIpv6AddressesByTheirSlash64() {
        assertThat(key("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(key("2001:db8:1:2:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:1:2::/64");
        assertThat(key("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(key("2001:db8::1")).isEqualTo("2001:db8::/64");
    }

    @Test
    void keepsIpv4AddressesWhole() {
        assertThat(key("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(key("::ffff:192.0.2.7")).as("IPv4-mapped, as a dual-stack socket reports it").isEqualTo("192.0.2.7");
    }

    @Test
    void spellsBlocksInTheCanonicalFormOfRfc5952() {
        assertThat(Block.parse("2001:DB8:0:0:1:0:0:1/128").text()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Block.parse("2001:db8:0:0::/64").text()).isEqualTo("2001:db8::/64");
        assertThat(Block.parse("::/0").text()).isEqualTo("::/0");
        assertThat(Block.parse("192.0.2.0/24").text()).isEqualTo("192.0.2.0/24");
        assertThat(Block.parse("192.0.2.7/32").text()).isEqualTo("192.0.2.7");
    }
}

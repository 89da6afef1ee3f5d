package dev.rampart.ratelimit;

import dev.rampart.ratelimit.internal.Block;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The key a client address is counted and banned by: an IPv4 address as itself, an IPv6 address
 * by its /64. An IPv6 subscriber usually gets a whole /64 (RFC 6177) and can pick a fresh address
 * in it for every request, so counting per IPv6 address would let one client multiply its allowance
 * by 2^64.
 */
public final class ClientKeys {

    private ClientKeys() {
    }

    /** {@code 192.0.2.7} for IPv4, {@code 2001:db8:0:1::/64} for IPv6: a valid block for a {@code BanList} too. */
    public static String of(InetAddress address) {
        return appendTo(new StringBuilder(24), address).toString();
    }

    /** Appends the key of {@code address} to {@code out}: the per-request path builds its state key in one string. */
    public static StringBuilder appendTo(StringBuilder out, InetAddress address) {
        if (address instanceof Inet4Address) {
            byte[] a = address.getAddress();
            return out.append(a[0] & 0xFF).append('.').append(a[1] & 0xFF).append('.').append(a[2] & 0xFF).append('.').append(a[3] & 0xFF);
        }
        return out.append(Block.of(address, Block.IPV6_SUBSCRIBER_PREFIX).text());
    }
}

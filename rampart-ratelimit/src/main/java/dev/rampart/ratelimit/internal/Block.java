package dev.rampart.ratelimit.internal;

import dev.rampart.core.net.CidrSet;
import dev.rampart.core.net.IpAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * A banned address or CIDR block in one canonical spelling, so that {@code 2001:DB8::1/64},
 * {@code 2001:db8:0:0::/64} and a bare {@code 2001:db8::1} all name the same ban.
 *
 * @param text canonical text: an IPv4 address, or address/prefix, IPv6 in RFC 5952 form
 * @param network the block's first address as 128 bits
 * @param prefix the prefix length in the 128-bit space (IPv4 blocks: 96 + their prefix)
 */
public record Block(String text, AddressBits network, int prefix) {

    /** The prefix a bare IPv6 address is widened to: one subscriber's usual allocation (RFC 6177). */
    public static final int IPV6_SUBSCRIBER_PREFIX = 64;

    /**
     * Parses an address or CIDR block; host bits are refused as in {@link CidrSet}, a bare IPv6
     * address is widened to its /64.
     *
     * @throws IllegalArgumentException saying what was wrong with {@code block}
     */
    public static Block parse(String block) {
        if (block == null || block.isBlank()) {
            throw new IllegalArgumentException("an empty block; give an IP address (203.0.113.7) or a CIDR block (203.0.113.0/24)");
        }
        String trimmed = block.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = IpAddresses.parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
        boolean v4 = address instanceof Inet4Address;
        if (slash < 0 && !v4) {
            return of(address, IPV6_SUBSCRIBER_PREFIX);
        }
        CidrSet.parse(List.of(trimmed)); // the same syntax checks and messages as the config's lists
        int prefix = slash < 0 ? 32 : Integer.parseInt(trimmed.substring(slash + 1));
        return of(address, prefix);
    }

    /** The block of {@code prefix} bits (0..32 for IPv4, 0..128 for IPv6) holding {@code address}. */
    public static Block of(InetAddress address, int prefix) {
        boolean v4 = address instanceof Inet4Address;
        int prefix128 = v4 ? 96 + prefix : prefix;
        AddressBits network = AddressBits.of(address).masked(prefix128);
        String text = v4 ? ipv4Text(network.lo()) : ipv6Text(network);
        int full = v4 ? 32 : 128;
        return new Block(prefix == full ? text : text + "/" + prefix, network, prefix128);
    }

    private static String ipv4Text(long lo) {
        return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
    }

    /** RFC 5952 §4: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
    private static String ipv6Text(AddressBits bits) {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) ((bits.hi() >>> (48 - 16 * i)) & 0xFFFF);
            groups[i + 4] = (int) ((bits.lo() >>> (48 - 16 * i)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}

package dev.rampart.ratelimit.internal;

import java.net.InetAddress;

/**
 * An address as 128 bits, IPv4 as IPv4-mapped ({@code ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2), the
 * representation {@code CidrSet} uses too, so that one index serves both families.
 *
 * @param hi the upper 64 bits
 * @param lo the lower 64 bits
 */
public record AddressBits(long hi, long lo) {

    private static final long IPV4_MAPPED = 0xFFFF_0000_0000L;

    public static AddressBits of(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 4) {
            return new AddressBits(0, IPV4_MAPPED | ((raw[0] & 0xFFL) << 24) | ((raw[1] & 0xFFL) << 16)
                    | ((raw[2] & 0xFFL) << 8) | (raw[3] & 0xFFL));
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (raw[i] & 0xFFL);
            lo = (lo << 8) | (raw[i + 8] & 0xFFL);
        }
        return new AddressBits(hi, lo);
    }

    /** These bits with all but the first {@code prefix} (0..128) cleared. */
    public AddressBits masked(int prefix) {
        long maskHi = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
        long maskLo = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        return new AddressBits(hi & maskHi, lo & maskLo);
    }
}

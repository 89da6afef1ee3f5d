package dev.rampart.core.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of IPv4 and IPv6 address blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32},
 * or single addresses), answering membership in O(log n).
 *
 * <p>Every address is held in the 128-bit IPv6 space, IPv4 as IPv4-mapped ({@code ::ffff:a.b.c.d},
 * RFC 4291 §2.5.5.2), so one sorted array of merged ranges serves both families, and an IPv4
 * client seen through a dual-stack socket as {@code ::ffff:a.b.c.d} matches IPv4 blocks.
 */
public final class CidrSet {

    private static final CidrSet EMPTY = new CidrSet(new long[0], List.of());

    // Merged ranges as quadruples: startHi, startLo, endHi, endLo (inclusive), sorted by start.
    private final long[] ranges;
    private final List<String> source;

    private CidrSet(long[] ranges, List<String> source) {
        this.ranges = ranges;
        this.source = source;
    }

    public static CidrSet empty() {
        return EMPTY;
    }

    /**
     * Parses blocks in CIDR notation or single addresses.
     *
     * @throws IllegalArgumentException naming the first entry that is not a valid block, or one
     *     with host bits set ({@code 10.0.0.1/8}), which usually is a typo
     */
    public static CidrSet parse(Collection<String> blocks) {
        if (blocks == null || blocks.isEmpty()) {
            return EMPTY;
        }
        List<long[]> parsed = new ArrayList<>(blocks.size());
        for (String block : blocks) {
            parsed.add(parseBlock(block.trim()));
        }
        parsed.sort(Comparator.<long[]>comparingLong(r -> r[0] ^ Long.MIN_VALUE)
                .thenComparingLong(r -> r[1] ^ Long.MIN_VALUE));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : parsed) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && compare(r[0], r[1], last[2], last[3]) <= 0) {
                if (compare(r[2], r[3], last[2], last[3]) > 0) {
                    last[2] = r[2];
                    last[3] = r[3];
                }
            } else {
                merged.add(r.clone());
            }
        }
        long[] flat = new long[merged.size() * 4];
        for (int i = 0; i < merged.size(); i++) {
            System.arraycopy(merged.get(i), 0, flat, i * 4, 4);
        }
        return new CidrSet(flat, List.copyOf(blocks));
    }

    /** Whether {@code address} lies in one of the blocks. */
    public boolean contains(InetAddress address) {
        if (ranges.length == 0 || address == null) {
            return false;
        }
        long[] a = toBits(address.getAddress());
        int lo = 0;
        int hi = ranges.length / 4 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int base = mid * 4;
            if (compare(a[0], a[1], ranges[base], ranges[base + 1]) < 0) {
                hi = mid - 1;
            } else if (compare(a[0], a[1], ranges[base + 2], ranges[base + 3]) > 0) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return ranges.length == 0;
    }

    /** The blocks as given. */
    public List<String> blocks() {
        return source;
    }

    @Override
    public String toString() {
        return "CidrSet" + source;
    }

    private static long[] parseBlock(String block) {
        int slash = block.indexOf('/');
        String addressText = slash < 0 ? block : block.substring(0, slash);
        InetAddress address;
        try {
            address = IpAddresses.parse(addressText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + block + "' is not an IP address or CIDR block", e);
        }
        boolean v4 = address instanceof Inet4Address;
        int maxBits = v4 ? 32 : 128;
        int prefix = maxBits;
        if (slash >= 0) {
            String p = block.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + block + "' has an invalid prefix length");
            }
            prefix = Integer.parseInt(p);
            if (prefix > maxBits) {
                throw new IllegalArgumentException("'" + block + "': prefix length must be at most " + maxBits);
            }
        }
        long[] bits = toBits(address.getAddress());
        int prefix128 = v4 ? prefix + 96 : prefix;
        long maskHi = prefix128 == 0 ? 0 : prefix128 >= 64 ? -1L : -1L << (64 - prefix128);
        long maskLo = prefix128 <= 64 ? 0 : prefix128 == 128 ? -1L : -1L << (128 - prefix128);
        if ((bits[0] & ~maskHi) != 0 || (bits[1] & ~maskLo) != 0) {
            throw new IllegalArgumentException("'" + block + "' has host bits set; did you mean the network address?");
        }
        return new long[] {bits[0], bits[1], bits[0] | ~maskHi, bits[1] | ~maskLo};
    }

    private static long[] toBits(byte[] raw) {
        long hi = 0;
        long lo = 0;
        if (raw.length == 4) {
            hi = 0;
            lo = 0xFFFF_0000_0000L | ((raw[0] & 0xFFL) << 24) | ((raw[1] & 0xFFL) << 16)
                    | ((raw[2] & 0xFFL) << 8) | (raw[3] & 0xFFL);
        } else {
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (raw[i] & 0xFFL);
                lo = (lo << 8) | (raw[i + 8] & 0xFFL);
            }
        }
        return new long[] {hi, lo};
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }
}

package dev.rampart.bench;

import dev.rampart.core.net.CidrSet;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link CidrSet#contains} on a set of 10,000 blocks, the size of a large deny list or a cloud
 * provider's published ranges: 6,000 IPv4 blocks (/16 to /32) and 4,000 IPv6 blocks (/32 to /64,
 * and single addresses), random but the same on every run. A client address is looked up on every
 * request by the IP filter and the trusted-proxy check; a hit and a miss per family.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CidrSetBenchmark {

    private static final int IPV4_BLOCKS = 6_000;
    private static final int IPV6_BLOCKS = 4_000;

    private CidrSet set;
    private InetAddress ipv4Hit;
    private InetAddress ipv4Miss;
    private InetAddress ipv6Hit;
    private InetAddress ipv6Miss;

    @Setup
    public void setUp() throws UnknownHostException {
        Random random = new Random(20_250_101);
        List<String> blocks = new ArrayList<>(IPV4_BLOCKS + IPV6_BLOCKS);
        List<byte[]> ipv4Networks = new ArrayList<>();
        List<byte[]> ipv6Networks = new ArrayList<>();
        for (int i = 0; i < IPV4_BLOCKS; i++) {
            int prefix = 16 + random.nextInt(17);
            byte[] network = masked(randomBytes(random, 4), prefix);
            ipv4Networks.add(network);
            blocks.add(InetAddress.getByAddress(network).getHostAddress() + "/" + prefix);
        }
        for (int i = 0; i < IPV6_BLOCKS; i++) {
            int prefix = i % 4 == 0 ? 128 : 32 + random.nextInt(33);
            byte[] address = randomBytes(random, 16);
            address[0] = (byte) (0x20 | (address[0] & 0x1f)); // global unicast, 2000::/3
            byte[] network = masked(address, prefix);
            ipv6Networks.add(network);
            blocks.add(InetAddress.getByAddress(network).getHostAddress() + "/" + prefix);
        }
        set = CidrSet.parse(blocks);

        // The network address of one of the blocks (the list is unsorted, so any one will do).
        ipv4Hit = check(InetAddress.getByAddress(ipv4Networks.get(IPV4_BLOCKS / 2)), true);
        ipv6Hit = check(InetAddress.getByAddress(ipv6Networks.get(IPV6_BLOCKS / 2 + 1)), true);
        ipv4Miss = check(firstOutside(random, 4), false);
        ipv6Miss = check(firstOutside(random, 16), false);
    }

    @Benchmark
    public boolean ipv4Hit() {
        return set.contains(ipv4Hit);
    }

    @Benchmark
    public boolean ipv4Miss() {
        return set.contains(ipv4Miss);
    }

    @Benchmark
    public boolean ipv6Hit() {
        return set.contains(ipv6Hit);
    }

    @Benchmark
    public boolean ipv6Miss() {
        return set.contains(ipv6Miss);
    }

    private InetAddress firstOutside(Random random, int length) throws UnknownHostException {
        while (true) {
            byte[] candidate = randomBytes(random, length);
            if (length == 16) {
                candidate[0] = (byte) (0x20 | (candidate[0] & 0x1f));
            }
            InetAddress address = InetAddress.getByAddress(candidate);
            if (!set.contains(address)) {
                return address;
            }
        }
    }

    private InetAddress check(InetAddress address, boolean expected) {
        if (set.contains(address) != expected) {
            throw new IllegalStateException(address + " was meant to be " + (expected ? "in" : "outside") + " the set");
        }
        return address;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] masked(byte[] address, int prefix) {
        for (int bit = prefix; bit < address.length * 8; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return address;
    }
}

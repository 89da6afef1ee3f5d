package dev.rampart.waf.operator;

import dev.rampart.core.net.CidrSet;
import dev.rampart.core.net.IpAddresses;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collection;

/**
 * {@code @ipMatch}: matches when the value is an IPv4 or IPv6 address inside one of the listed
 * addresses or CIDR blocks (comma-separated); a value that is not an address never matches. An
 * IPv4 client seen as {@code ::ffff:a.b.c.d} matches IPv4 blocks.
 * <pre>SecRule REMOTE_ADDR "@ipMatch 127.0.0.1,::1,10.0.0.0/8" "id:1,phase:1,pass,nolog"</pre>
 */
public final class IpMatch implements Operator {

    private final CidrSet blocks;

    /** @throws IllegalArgumentException naming the first entry that is not an address or block */
    public IpMatch(Collection<String> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("expects one or more IP addresses or CIDR blocks, got none");
        }
        this.blocks = CidrSet.parse(blocks);
    }

    /** The operator for the argument of {@code @ipMatch}: addresses and blocks separated by commas. */
    public static IpMatch ofList(String argument) {
        return new IpMatch(Arrays.stream(argument.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList());
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        InetAddress address;
        try {
            address = IpAddresses.parse(value.strip());
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
        return blocks.contains(address);
    }
}

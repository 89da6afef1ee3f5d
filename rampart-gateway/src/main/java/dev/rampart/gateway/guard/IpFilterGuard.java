package dev.rampart.gateway.guard;

import dev.rampart.core.Decision;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.core.config.IpFilterConfig;
import dev.rampart.core.net.CidrSet;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * IP allow and deny lists ({@code ip-filter}): network-level access control for an API that only
 * some networks may call (an internal API, a partner's egress range) or that known-bad networks
 * must not reach.
 *
 * <p>The client address is {@link dev.rampart.core.RequestHead#clientAddress()}: the TCP peer, or
 * the forwarded address only when the peer is a configured trusted proxy, so a client cannot
 * choose its own address with {@code X-Forwarded-For}. IPv4 clients seen through a dual-stack
 * socket as IPv4-mapped IPv6 ({@code ::ffff:192.0.2.1}) match IPv4 blocks.
 *
 * <p>A client in {@code deny} gets 403 {@code ip-denied}; when {@code allow} is not empty, a
 * client outside it gets 403 {@code ip-not-allowed}. Deny wins over allow, so a range can be
 * allowed with holes cut out of it. A request without a known client address is refused when an
 * allow list exists (fail closed).
 */
public final class IpFilterGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "ip-filter";

    private static final CompletionStage<Decision> IP_DENIED = Decision.deny(403, "ip-denied",
            "Requests from your network address are refused.").toStage();
    private static final CompletionStage<Decision> IP_NOT_ALLOWED = Decision.deny(403, "ip-not-allowed",
            "Your network address is not on the list of addresses allowed to call this API.").toStage();

    private final CidrSet allow;
    private final CidrSet deny;

    private IpFilterGuard(CidrSet allow, CidrSet deny) {
        this.allow = allow;
        this.deny = deny;
    }

    /**
     * Builds the guard from an {@code ip-filter} section.
     *
     * @param config the allow and deny lists
     * @param configPath where the section is in the config file, for error messages, e.g.
     *     {@code "ip-filter"} or {@code "routes[2].ip-filter"}
     * @return the guard, or empty when both lists are empty (no guard is needed)
     * @throws IllegalArgumentException naming the list and the entry that is not an address or
     *     CIDR block
     */
    public static Optional<IpFilterGuard> from(IpFilterConfig config, String configPath) {
        if (config == null || config.isEmpty()) {
            return Optional.empty();
        }
        CidrSet allow = parse(config.allow(), configPath + ".allow");
        CidrSet deny = parse(config.deny(), configPath + ".deny");
        return Optional.of(new IpFilterGuard(allow, deny));
    }

    private static CidrSet parse(List<String> blocks, String where) {
        try {
            return CidrSet.parse(blocks);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage()
                    + " (expected an address like 192.0.2.7 or 2001:db8::7, or a block like 10.0.0.0/8)", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<Decision> onRequest(Exchange exchange) {
        InetAddress client = exchange.request().clientAddress();
        if (deny.contains(client)) {
            return IP_DENIED;
        }
        if (!allow.isEmpty() && !allow.contains(client)) {
            return IP_NOT_ALLOWED;
        }
        return Decision.proceedStage();
    }

    /** Whether {@code address} passes both lists (connection accept uses it for direct peers). */
    public boolean admits(InetAddress address) {
        return !deny.contains(address) && (allow.isEmpty() || allow.contains(address));
    }
}

package dev.rampart.gateway.guard;

import dev.rampart.core.BanList;
import dev.rampart.core.Decision;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.ratelimit.IpAccessList;
import java.net.InetAddress;
import java.util.concurrent.CompletionStage;

/**
 * Refuses, before routing, requests from clients that are banned or on a deny list added at run
 * time (admin API, {@code rampart bans}). The connection-accept check covers direct peers; this one
 * covers clients behind trusted proxies, whose address is only known from {@code X-Forwarded-For}.
 * In memory, never blocks.
 */
public final class ClientBlockGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "client-block";

    private final BanList bans;
    private final IpAccessList ipLists;

    public ClientBlockGuard(BanList bans, IpAccessList ipLists) {
        this.bans = bans;
        this.ipLists = ipLists;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<Decision> onRequest(Exchange exchange) {
        InetAddress client = exchange.request().clientAddress();
        if (bans.isBanned(client)) {
            return Decision.deny(403, "client-banned", "Requests from this address are refused for a while.").toStage();
        }
        if (!ipLists.admits(client)) {
            return Decision.deny(403, "ip-denied", "Requests from this address are not allowed.").toStage();
        }
        return Decision.proceedStage();
    }
}

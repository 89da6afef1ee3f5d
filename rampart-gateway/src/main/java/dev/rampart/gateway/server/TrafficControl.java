package dev.rampart.gateway.server;

import dev.rampart.core.EventBus;
import dev.rampart.core.config.IpFilterConfig;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.ratelimit.BanRules;
import dev.rampart.ratelimit.EscalatingBanList;
import dev.rampart.ratelimit.InMemoryLimiterState;
import dev.rampart.ratelimit.IpAccessList;
import dev.rampart.ratelimit.LimiterState;
import dev.rampart.ratelimit.QuotaLedger;
import dev.rampart.store.Store;
import java.net.InetAddress;
import java.time.Clock;

/**
 * The gateway's traffic-control state, opened once at start and shared by every runtime: rate-limit
 * buckets (in memory), quota counts (flushed to the store), escalating bans and run-time IP lists
 * (in memory, persisted, synchronised with other processes on the store), and the ban rules that
 * listen to the event bus.
 */
public final class TrafficControl implements AutoCloseable {

    /** Clients a ban rule tracks at once; beyond it the least recently seen are forgotten. */
    private static final int BAN_RULE_CLIENTS = 100_000;

    private final LimiterState limiterState;
    private final QuotaLedger quotas;
    private final EscalatingBanList bans;
    private final IpAccessList ipLists;
    private final Clock clock;

    private TrafficControl(LimiterState limiterState, QuotaLedger quotas, EscalatingBanList bans, IpAccessList ipLists,
            Clock clock) {
        this.limiterState = limiterState;
        this.quotas = quotas;
        this.bans = bans;
        this.ipLists = ipLists;
        this.clock = clock;
    }

    /** Opens everything on {@code store}; blocks while bans, IP lists and quotas are loaded. */
    static TrafficControl open(RampartConfig config, Store store, EventBus events) {
        Clock clock = Clock.systemUTC();
        QuotaLedger quotas = QuotaLedger.open(store, config.rateLimits(), clock);
        EscalatingBanList bans = EscalatingBanList.open(store, config.bans(), events, clock);
        // run-time entries only: the config's ip-filter is the runtime's, so a reload changes it at once
        IpAccessList ipLists = IpAccessList.open(IpFilterConfig.none(), store, config.bans().syncInterval(), clock);
        events.subscribe(new BanRules(config.bans(), bans, BAN_RULE_CLIENTS, clock));
        return new TrafficControl(new InMemoryLimiterState(config.rateLimits().maxKeys(), clock), quotas, bans, ipLists,
                clock);
    }

    /** Whether {@code address} is neither banned nor on a run-time deny list (nor off a run-time allow list). */
    public boolean admits(InetAddress peer) {
        return !bans.isBanned(peer) && ipLists.admits(peer);
    }

    public LimiterState limiterState() {
        return limiterState;
    }

    public QuotaLedger quotas() {
        return quotas;
    }

    public EscalatingBanList bans() {
        return bans;
    }

    public IpAccessList ipLists() {
        return ipLists;
    }

    public Clock clock() {
        return clock;
    }

    /** Writes pending quota counts, bans and IP-list changes, and stops their workers. */
    @Override
    public void close() {
        quotas.close();
        bans.close();
        ipLists.close();
    }
}

package dev.rampart.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.core.BanList;
import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.BanRuleConfig;
import dev.rampart.core.config.BansConfig;
import dev.rampart.core.net.CidrSet;
import dev.rampart.core.net.IpAddresses;
import dev.rampart.ratelimit.internal.ClockTimeMeter;
import io.github.bucket4j.TimeMeter;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Bans clients automatically: listens to the {@link EventBus} and, when a client causes
 * {@code count} matching events (denials of any kind by default) within a rule's window, bans it
 * through the {@link BanList} — its address for IPv4, its /64 for IPv6, like the rate limits.
 * Events of clients already banned or in {@code bans.ignore} are not counted. Counting is exact (a
 * {@link SlidingWindowLog} per client and rule) and bounded: at most {@code maxClients} clients per
 * rule are tracked, the least recently seen forgotten first.
 *
 * <pre>{@code
 * eventBus.subscribe(new BanRules(config.bans(), banList, 100_000, clock));
 * }</pre>
 */
public final class BanRules implements EventBus.Listener {

    private record Rule(BanRuleConfig config, Set<String> events, Set<String> codes, Cache<String, SlidingWindowLog> clients) {
    }

    private final List<Rule> rules;
    private final BanList bans;
    private final CidrSet ignored;
    private final TimeMeter time;

    /**
     * @param maxClients clients tracked per rule, the least recently seen forgotten beyond it (e.g. 100,000)
     * @throws IllegalArgumentException naming the config path of an invalid rule or ignore entry
     */
    public BanRules(BansConfig config, BanList bans, int maxClients, Clock clock) {
        this.bans = Objects.requireNonNull(bans, "bans");
        if (maxClients < 1) {
            throw new IllegalArgumentException("ban rules must track at least 1 client per rule, got " + maxClients);
        }
        this.time = new ClockTimeMeter(clock);
        check(config);
        this.ignored = CidrSet.parse(config.ignore());
        List<Rule> compiled = new ArrayList<>();
        for (BanRuleConfig rule : config.rules()) {
            Cache<String, SlidingWindowLog> clients = Caffeine.newBuilder()
                    .maximumSize(maxClients)
                    .ticker(time::currentTimeNanos)
                    .expireAfterAccess(rule.window())
                    .build();
            compiled.add(new Rule(rule, Set.copyOf(rule.events()), Set.copyOf(rule.codes()), clients));
        }
        this.rules = List.copyOf(compiled);
    }

    /**
     * Checks {@code bans.ignore} and {@code bans.rules} without building anything (the config
     * loader calls it).
     *
     * @throws IllegalArgumentException naming the config path of an invalid rule or ignore entry
     */
    public static void check(BansConfig config) {
        try {
            CidrSet.parse(config.ignore());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bans.ignore: " + e.getMessage(), e);
        }
        for (int i = 0; i < config.rules().size(); i++) {
            BanRuleConfig rule = config.rules().get(i);
            String at = "bans.rules[" + i + "]";
            if (rule.name() == null || rule.name().isBlank()) {
                throw new IllegalArgumentException(at + ".name is missing; it becomes the reason of the bans the rule makes");
            }
            if (rule.count() == null || rule.count() < 1) {
                throw new IllegalArgumentException(at + ".count is " + rule.count() + "; it must be at least 1");
            }
            if (rule.window() == null || rule.window().isNegative() || rule.window().isZero()) {
                throw new IllegalArgumentException(at + ".window is " + rule.window() + "; it must be positive, e.g. 1m");
            }
        }
    }

    @Override
    public void onEvent(SecurityEvent event) {
        if (event.clientIp() == null || EscalatingBanList.EVENT_SOURCE.equals(event.source())) {
            return;
        }
        InetAddress client = null;
        for (Rule rule : rules) {
            if (!rule.events().contains(event.type()) || (!rule.codes().isEmpty() && !rule.codes().contains(event.code()))) {
                continue;
            }
            if (client == null) {
                try {
                    client = IpAddresses.parse(event.clientIp());
                } catch (IllegalArgumentException e) {
                    return; // not an address (an event built by hand); nothing to ban
                }
                if (ignored.contains(client) || bans.isBanned(client)) {
                    return;
                }
            }
            String key = ClientKeys.of(client);
            long now = time.currentTimeNanos();
            SlidingWindowLog log = rule.clients().get(key,
                    k -> new SlidingWindowLog(rule.config().count(), rule.config().window().toNanos()));
            boolean ban;
            synchronized (log) {
                log.tryAcquire(now);
                ban = log.isFull(now);
                if (ban) {
                    log.clear();
                }
            }
            if (ban) {
                bans.ban(key, rule.config().name(), "rule:" + rule.config().name());
                return;
            }
        }
    }
}

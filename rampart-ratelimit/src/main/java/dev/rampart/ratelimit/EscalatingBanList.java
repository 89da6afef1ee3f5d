package dev.rampart.ratelimit;

import dev.rampart.core.BanList;
import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.BansConfig;
import dev.rampart.ratelimit.internal.BanIndex;
import dev.rampart.ratelimit.internal.BanRepository;
import dev.rampart.ratelimit.internal.Block;
import dev.rampart.ratelimit.internal.StoreWorker;
import dev.rampart.store.Store;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link BanList} whose bans grow for repeat offenders, as fail2ban's {@code bantime.increment}:
 * the n-th ban of a block within {@code bans.repeat-window} lasts {@code base-time × 2^(n-1)}, at
 * most {@code max-time}. Bans are held in a {@link BanIndex} in memory, so {@link #isBanned} is a
 * few hash probes; changes are written to the store's {@code bans} table on a worker thread, and
 * loaded again by {@link #open}, so bans and offence counts survive a restart. Every change is a
 * {@link SecurityEvent} on the bus: {@code ban.added}, {@code ban.removed} (lifted by hand) and
 * {@code ban.expired} (ran out; noticed within a second by a job on the worker).
 */
public final class EscalatingBanList implements BanList, AutoCloseable {

    /** The {@code source} of the events this list emits. */
    public static final String EVENT_SOURCE = "bans";

    private final BansConfig config;
    private final BanRepository repository;
    private final EventBus events;
    private final Clock clock;
    private final StoreWorker worker = new StoreWorker("rampart-bans");
    private final BanIndex active = new BanIndex();
    // the latest ban of every block still remembered for escalation (in force or ended), by block text
    private final Map<String, Ban> history = new ConcurrentHashMap<>();

    private EscalatingBanList(BansConfig config, BanRepository repository, EventBus events, Clock clock) {
        this.config = config;
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Loads the stored bans (blocking: call it at start-up) and starts the expiry job.
     *
     * @throws IllegalArgumentException when the config's times are not positive or base-time exceeds max-time
     */
    public static EscalatingBanList open(Store store, BansConfig config, EventBus events, Clock clock) {
        check(config);
        EscalatingBanList list = new EscalatingBanList(config, new BanRepository(store), events, clock);
        list.adopt(list.repository.loadAll());
        list.worker.every(Duration.ofSeconds(1), "expire bans", list::expireDue);
        list.worker.every(config.syncInterval(), "read bans made elsewhere", list::syncFromStore);
        return list;
    }

    /**
     * Checks the times of {@code bans:} without opening anything (the config loader calls it).
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static void check(BansConfig config) {
        requirePositive("bans.base-time", config.baseTime());
        requirePositive("bans.max-time", config.maxTime());
        requirePositive("bans.repeat-window", config.repeatWindow());
        if (config.baseTime().compareTo(config.maxTime()) > 0) {
            throw new IllegalArgumentException("bans.base-time (" + config.baseTime() + ") is longer than bans.max-time ("
                    + config.maxTime() + "); the first ban cannot be longer than the longest");
        }
        requirePositive("bans.sync-interval", config.syncInterval());
    }

    /**
     * Takes in bans made or lifted by other processes sharing the store (the {@code rampart bans}
     * CLI, other gateways). Runs on the worker, after this list's own queued writes, so the store
     * already holds them; no events are emitted (the process that made a change emitted them).
     * Blocking; runs every {@code bans.sync-interval}.
     */
    public void syncFromStore() {
        adopt(repository.loadAll());
    }

    // a stored row wins over the one in memory when it is a later ban, or the same ban lifted (ended earlier)
    private synchronized void adopt(List<Ban> stored) {
        Instant now = clock.instant();
        for (Ban ban : stored) {
            Ban known = history.get(ban.block());
            boolean newer = known == null || ban.since().isAfter(known.since())
                    || (ban.since().equals(known.since()) && ban.until().isBefore(known.until()));
            if (!newer) {
                continue;
            }
            history.put(ban.block(), ban);
            if (ban.until().isAfter(now)) {
                active.put(Block.parse(ban.block()), ban);
            } else {
                active.remove(ban.block());
            }
        }
    }

    @Override
    public Ban ban(String block, String reason, String source) {
        Block parsed = Block.parse(block);
        Ban ban;
        synchronized (this) {
            Instant now = clock.instant();
            Ban previous = history.get(parsed.text());
            boolean repeat = previous != null && previous.since().plus(config.repeatWindow()).isAfter(now);
            int offence = repeat ? previous.offence() + 1 : 1;
            ban = new Ban(parsed.text(), reason, source, now, now.plus(lengthOf(offence)), offence);
            history.put(ban.block(), ban);
            active.put(parsed, ban);
        }
        Ban saved = ban;
        worker.submit("save the ban of " + ban.block(), () -> repository.save(saved));
        publish("ban.added", SecurityEvent.Severity.MEDIUM, "ip-banned", ban);
        return ban;
    }

    /** How long the {@code offence}-th ban lasts: base-time doubled for each earlier one, at most max-time. */
    Duration lengthOf(int offence) {
        Duration length = config.baseTime();
        for (int i = 1; i < offence && length.compareTo(config.maxTime()) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(config.maxTime()) > 0 ? config.maxTime() : length;
    }

    @Override
    public boolean isBanned(InetAddress address) {
        return active.find(address, clock.millis()) != null;
    }

    @Override
    public Optional<Ban> unban(String block) {
        String text = Block.parse(block).text();
        Ban lifted;
        synchronized (this) {
            Ban ban = active.get(text);
            if (ban == null || !ban.until().isAfter(clock.instant())) {
                return Optional.empty(); // an ended ban is left to expireDue, which reports it as expired
            }
            active.remove(text);
            // ended now, offence count kept: lifting a ban forgives this one, not the history
            lifted = new Ban(ban.block(), ban.reason(), ban.source(), ban.since(), clock.instant(), ban.offence());
            history.put(text, lifted);
        }
        worker.submit("save the lifted ban of " + text, () -> repository.save(lifted));
        publish("ban.removed", SecurityEvent.Severity.INFO, "ip-unbanned", lifted);
        return Optional.of(lifted);
    }

    @Override
    public List<Ban> list() {
        Instant now = clock.instant();
        List<Ban> bans = new ArrayList<>();
        for (Ban ban : active.all()) {
            if (ban.until().isAfter(now)) {
                bans.add(ban);
            }
        }
        bans.sort(Comparator.comparing(Ban::until).thenComparing(Ban::block));
        return bans;
    }

    /**
     * Takes bans that have run out off the index, emitting {@code ban.expired} for each, and forgets
     * ended bans older than the repeat window. Runs every second on the worker.
     */
    public void expireDue() {
        Instant now = clock.instant();
        Instant forgetBefore = now.minus(config.repeatWindow());
        List<Ban> expired = new ArrayList<>();
        boolean forgot;
        synchronized (this) {
            for (Ban ban : active.all()) {
                if (!ban.until().isAfter(now)) {
                    active.remove(ban.block());
                    expired.add(ban);
                }
            }
            forgot = history.values().removeIf(ban -> ban.since().isBefore(forgetBefore) && !ban.until().isAfter(now));
        }
        expired.forEach(ban -> publish("ban.expired", SecurityEvent.Severity.INFO, "ban-expired", ban));
        if (forgot) {
            worker.submit("delete forgotten bans", () -> repository.forgetStartedBefore(forgetBefore, now));
        }
    }

    /** Waits until every change made so far is written to the store. */
    public void awaitWrites() {
        worker.drain();
    }

    /** Writes what is queued and stops the worker. */
    @Override
    public void close() {
        worker.close();
    }

    private void publish(String type, SecurityEvent.Severity severity, String code, Ban ban) {
        events.publish(new SecurityEvent(clock.instant(), type, severity, EVENT_SOURCE, code, null, null, ban.block(), null,
                Map.of("block", ban.block(), "reason", ban.reason(), "source", ban.source(),
                        "until", ban.until().toString(), "offence", Integer.toString(ban.offence()))));
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " is " + value + "; it must be positive, e.g. 10m");
        }
    }
}

package dev.rampart.ratelimit;

import dev.rampart.core.config.IpFilterConfig;
import dev.rampart.core.net.CidrSet;
import dev.rampart.ratelimit.internal.Block;
import dev.rampart.ratelimit.internal.IpListRepository;
import dev.rampart.ratelimit.internal.StoreWorker;
import dev.rampart.store.Store;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allow and deny lists checked at connection accept: the config's {@code ip-filter} plus
 * entries added at run time (admin API), which are kept in the store's {@code ip_list_entries}
 * table and loaded again on start. Deny wins; when the allow list is not empty, only addresses in
 * it are admitted — so adding the first allow entry at run time shuts out every other client.
 *
 * <p>{@link #admits} reads an immutable snapshot (two {@link CidrSet}s, O(log n) each) and never
 * blocks; a change builds a new snapshot, and its store write runs on a worker thread.
 */
public final class IpAccessList implements AutoCloseable {

    /** Which list an entry is in. */
    public enum Kind {
        allow,
        deny
    }

    /**
     * An entry added at run time.
     *
     * @param block canonical address or CIDR block
     * @param reason why it was added (no secrets)
     */
    public record Entry(Kind list, String block, String reason, Instant createdAt) {
        public Entry {
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    private record Snapshot(CidrSet allow, CidrSet deny) {
    }

    private final IpFilterConfig config;
    private final IpListRepository repository;
    private final Clock clock;
    private final StoreWorker worker = new StoreWorker("rampart-ip-lists");
    private final Map<String, Entry> runtime = new ConcurrentHashMap<>();
    // keys changed here whose store write has not finished, with the number of such writes
    private final Map<String, Integer> unwritten = new HashMap<>();
    private volatile Snapshot snapshot;

    private IpAccessList(IpFilterConfig config, IpListRepository repository, Clock clock) {
        this.config = config;
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Loads the run-time entries (blocking: call it at start-up), combines them with the config's
     * lists, and from then on reads entries changed by other processes sharing the store (the CLI,
     * other gateways) every {@code syncInterval} (e.g. {@code bans.sync-interval}).
     *
     * @throws IllegalArgumentException naming {@code ip-filter.allow} or {@code ip-filter.deny} when one has an invalid block
     */
    public static IpAccessList open(IpFilterConfig config, Store store, Duration syncInterval, Clock clock) {
        IpAccessList list = new IpAccessList(config, new IpListRepository(store), clock);
        list.syncFromStore();
        list.worker.every(syncInterval, "read IP list entries changed elsewhere", list::syncFromStore);
        return list;
    }

    /**
     * Takes the store's run-time entries as they are, except those this list changed and has not
     * written yet (its own change is the later one). Blocking.
     */
    public void syncFromStore() {
        List<Entry> stored = repository.loadAll();
        synchronized (this) {
            Map<String, Entry> fresh = new HashMap<>();
            stored.forEach(entry -> fresh.put(key(entry.list(), entry.block()), entry));
            for (String key : unwritten.keySet()) {
                Entry local = runtime.get(key);
                if (local == null) {
                    fresh.remove(key);
                } else {
                    fresh.put(key, local);
                }
            }
            runtime.clear();
            runtime.putAll(fresh);
            rebuild();
        }
    }

    private void written(String key, Runnable write) {
        try {
            write.run();
        } finally {
            synchronized (this) {
                unwritten.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
            }
        }
    }

    /** Whether a connection from {@code address} may proceed: not denied, and allowed when an allow list exists. Never blocks. */
    public boolean admits(InetAddress address) {
        Snapshot s = snapshot;
        return !s.deny().contains(address) && (s.allow().isEmpty() || s.allow().contains(address));
    }

    /**
     * Adds a block to a list now; the store write follows on a worker thread.
     *
     * @throws IllegalArgumentException when {@code block} is not an address or CIDR block (host bits set included)
     */
    public Entry add(Kind list, String block, String reason) {
        Entry entry = new Entry(list, canonical(block), Objects.requireNonNull(reason, "reason"), clock.instant());
        String key = key(list, entry.block());
        synchronized (this) {
            runtime.put(key, entry);
            unwritten.merge(key, 1, Integer::sum);
            rebuild();
        }
        worker.submit("save " + entry.block() + " in the " + list + " list", () -> written(key, () -> repository.save(entry)));
        return entry;
    }

    /** Removes a run-time entry; entries from the config file stay (edit the file for those). */
    public Optional<Entry> remove(Kind list, String block) {
        String text = canonical(block);
        Entry removed;
        String key = key(list, text);
        synchronized (this) {
            removed = runtime.remove(key);
            if (removed == null) {
                return Optional.empty();
            }
            unwritten.merge(key, 1, Integer::sum);
            rebuild();
        }
        worker.submit("delete " + text + " from the " + list + " list", () -> written(key, () -> repository.delete(list, text)));
        return Optional.of(removed);
    }

    /** The run-time entries, oldest first. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>(runtime.values());
        entries.sort(Comparator.comparing(Entry::createdAt).thenComparing(Entry::block));
        return entries;
    }

    /** Waits until every change made so far is written to the store. */
    public void awaitWrites() {
        worker.drain();
    }

    @Override
    public void close() {
        worker.close();
    }

    private void rebuild() {
        snapshot = new Snapshot(combined("ip-filter.allow", config.allow(), Kind.allow),
                combined("ip-filter.deny", config.deny(), Kind.deny));
    }

    private CidrSet combined(String path, List<String> configured, Kind kind) {
        List<String> blocks = new ArrayList<>(configured);
        runtime.values().stream().filter(e -> e.list() == kind).forEach(e -> blocks.add(e.block()));
        try {
            return CidrSet.parse(blocks);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    // a bare IPv6 address stays one address here (an allow/deny entry means what it says), unlike a ban
    private static String canonical(String block) {
        String trimmed = block == null ? "" : block.trim();
        return Block.parse(trimmed.indexOf(':') >= 0 && trimmed.indexOf('/') < 0 ? trimmed + "/128" : trimmed).text();
    }

    private static String key(Kind list, String block) {
        return list + " " + block;
    }
}

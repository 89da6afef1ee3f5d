package dev.rampart.ratelimit.internal;

import dev.rampart.core.BanList.Ban;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bans in force, indexed for the connection-accept check: one hash map per prefix length in use,
 * so a lookup masks the address once per distinct prefix length (a handful: /32 and /64 and a few
 * networks) and does one hash probe each: O(prefix lengths), independent of the number of bans,
 * without locks.
 */
public final class BanIndex {

    private record Entry(Block block, Ban ban) {
    }

    private final ConcurrentHashMap<Integer, ConcurrentHashMap<AddressBits, Entry>> byPrefix = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry> byText = new ConcurrentHashMap<>();
    // the prefix lengths in use; replaced (never modified) under the index's lock
    private volatile int[] prefixes = new int[0];

    /** Adds or replaces the ban of {@code block}. */
    public synchronized void put(Block block, Ban ban) {
        Entry entry = new Entry(block, ban);
        byPrefix.computeIfAbsent(block.prefix(), p -> new ConcurrentHashMap<>()).put(block.network(), entry);
        byText.put(block.text(), entry);
        refreshPrefixes();
    }

    /** Removes the ban of {@code blockText}, returning it when there was one. */
    public synchronized Ban remove(String blockText) {
        Entry entry = byText.remove(blockText);
        if (entry == null) {
            return null;
        }
        ConcurrentHashMap<AddressBits, Entry> map = byPrefix.get(entry.block().prefix());
        map.remove(entry.block().network());
        if (map.isEmpty()) {
            byPrefix.remove(entry.block().prefix());
        }
        refreshPrefixes();
        return entry.ban();
    }

    /** The ban in force at {@code nowMillis} covering {@code address}, or null. Never blocks. */
    public Ban find(InetAddress address, long nowMillis) {
        int[] lengths = prefixes;
        if (lengths.length == 0) {
            return null;
        }
        AddressBits bits = AddressBits.of(address);
        for (int prefix : lengths) {
            ConcurrentHashMap<AddressBits, Entry> map = byPrefix.get(prefix);
            Entry entry = map == null ? null : map.get(bits.masked(prefix));
            if (entry != null && entry.ban().until().toEpochMilli() > nowMillis) {
                return entry.ban();
            }
        }
        return null;
    }

    public Ban get(String blockText) {
        Entry entry = byText.get(blockText);
        return entry == null ? null : entry.ban();
    }

    public Collection<Ban> all() {
        List<Ban> bans = new ArrayList<>(byText.size());
        byText.values().forEach(e -> bans.add(e.ban()));
        return bans;
    }

    private void refreshPrefixes() {
        prefixes = byPrefix.keySet().stream().mapToInt(Integer::intValue).toArray();
    }
}

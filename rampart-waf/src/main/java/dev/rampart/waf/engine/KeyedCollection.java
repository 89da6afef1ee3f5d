package dev.rampart.waf.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The members of one collection of a transaction (ARGS, REQUEST_HEADERS, TX, …): keys keep the
 * spelling they arrived with, are looked up case-insensitively as SecLang selectors are, and may
 * repeat ({@code ?a=1&a=2}).
 */
public final class KeyedCollection {

    /** One member: its key as it arrived and its value. */
    public record Member(String key, String value) {}

    /** The members under one key, and when they last changed. */
    private static final class Entry {
        List<Member> members = new ArrayList<>(1);
        /** The collection's {@link #modifications} after the last change under this key. */
        int stamp;
    }

    private final Map<String, Entry> byLowerKey = new LinkedHashMap<>();
    private int size;
    private int modifications;

    /** Adds a member, keeping members already under {@code key}. */
    public void add(String key, String value) {
        Entry entry = byLowerKey.computeIfAbsent(lower(key), k -> new Entry());
        entry.members.add(new Member(key, value));
        size++;
        entry.stamp = ++modifications;
    }

    /** Replaces every member under {@code key} by one with {@code value}. */
    public void put(String key, String value) {
        String lower = lower(key);
        Entry entry = byLowerKey.get(lower);
        if (entry == null) {
            entry = new Entry();
            byLowerKey.put(lower, entry);
        } else {
            size -= entry.members.size();
            // A new list, not the old one cleared: what get() handed out before stays as it was.
            entry.members = new ArrayList<>(1);
        }
        entry.members.add(new Member(key, value));
        size++;
        entry.stamp = ++modifications;
    }

    /** Removes every member under {@code key}. */
    public void remove(String key) {
        Entry previous = byLowerKey.remove(lower(key));
        if (previous != null) {
            size -= previous.members.size();
            modifications++;
        }
    }

    /** The members under {@code key} (case-insensitive), empty when none. */
    public List<Member> get(String key) {
        Entry entry = byLowerKey.get(lower(key));
        return entry == null ? List.of() : Collections.unmodifiableList(entry.members);
    }

    /** The value of the first member under {@code key}, or null. */
    public String first(String key) {
        Entry entry = byLowerKey.get(lower(key));
        return entry == null || entry.members.isEmpty() ? null : entry.members.get(0).value();
    }

    /** Every member, grouped by key in the order keys first arrived. */
    public List<Member> members() {
        List<Member> all = new ArrayList<>(size);
        for (Entry entry : byLowerKey.values()) {
            all.addAll(entry.members);
        }
        return all;
    }

    /** Calls {@code action} with every member, in the order of {@link #members()}, without copying them. */
    public void forEach(Consumer<Member> action) {
        for (Entry entry : byLowerKey.values()) {
            List<Member> members = entry.members;
            for (int i = 0; i < members.size(); i++) {
                action.accept(members.get(i));
            }
        }
    }

    /**
     * A number that changes whenever the members under {@code key} change (-1 while there are
     * none): a view of one key ({@code TX:blocking_paranoia_level}) stays valid while other keys
     * change, as TX does between most CRS rules.
     */
    public int modificationsOf(String key) {
        Entry entry = byLowerKey.get(lower(key));
        return entry == null ? -1 : entry.stamp;
    }

    /** A number that changes whenever the members change, so views built from them can be reused until then. */
    public int modifications() {
        return modifications;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private static String lower(String key) {
        // Most keys arrive lower-case already (CRS's TX names, selectors lowered at load): a plain
        // ASCII check is cheaper than String.toLowerCase's per-character case lookups.
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 0x80) {
                return key.toLowerCase(Locale.ROOT);
            }
        }
        return key;
    }
}

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

    private final Map<String, List<Member>> byLowerKey = new LinkedHashMap<>();
    private int size;
    private int modifications;

    /** Adds a member, keeping members already under {@code key}. */
    public void add(String key, String value) {
        byLowerKey.computeIfAbsent(lower(key), k -> new ArrayList<>(1)).add(new Member(key, value));
        size++;
        modifications++;
    }

    /** Replaces every member under {@code key} by one with {@code value}. */
    public void put(String key, String value) {
        List<Member> previous = byLowerKey.put(lower(key), new ArrayList<>(List.of(new Member(key, value))));
        size += 1 - (previous == null ? 0 : previous.size());
        modifications++;
    }

    /** Removes every member under {@code key}. */
    public void remove(String key) {
        List<Member> previous = byLowerKey.remove(lower(key));
        if (previous != null) {
            size -= previous.size();
            modifications++;
        }
    }

    /** The members under {@code key} (case-insensitive), empty when none. */
    public List<Member> get(String key) {
        List<Member> members = byLowerKey.get(lower(key));
        return members == null ? List.of() : Collections.unmodifiableList(members);
    }

    /** The value of the first member under {@code key}, or null. */
    public String first(String key) {
        List<Member> members = byLowerKey.get(lower(key));
        return members == null || members.isEmpty() ? null : members.get(0).value();
    }

    /** Every member, grouped by key in the order keys first arrived. */
    public List<Member> members() {
        List<Member> all = new ArrayList<>(size);
        for (List<Member> members : byLowerKey.values()) {
            all.addAll(members);
        }
        return all;
    }

    /** Calls {@code action} with every member, in the order of {@link #members()}, without copying them. */
    public void forEach(Consumer<Member> action) {
        for (List<Member> members : byLowerKey.values()) {
            for (int i = 0; i < members.size(); i++) {
                action.accept(members.get(i));
            }
        }
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
        return key.toLowerCase(Locale.ROOT);
    }
}

package dev.rampart.detect.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-group state that forgets the least recently touched group beyond a cap, so that an attacker
 * rotating source addresses cannot grow the detector's memory without bound.
 */
final class BoundedGroups<V> extends LinkedHashMap<String, V> {

    static final int MAX_GROUPS = 100_000;

    private static final long serialVersionUID = 1L;

    private final int cap;

    BoundedGroups(int cap) {
        super(256, 0.75f, true);
        this.cap = cap;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > cap;
    }
}

package dev.rampart.detect.internal;

import dev.rampart.core.SecurityEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A threshold rule as a leaky bucket per group, in the manner of CrowdSec's buckets: each matching
 * event pours one unit, the bucket leaks one unit per {@code leakEvery}, and the rule fires when
 * the level reaches {@code capacity}; the bucket then starts empty. A burst of {@code capacity}
 * events fires at once; a steady trickle slower than the leak never does. With a distinct field,
 * only an event carrying a value not yet in the bucket pours (credential stuffing: many accounts,
 * not many tries of one); the remembered values are forgotten when the bucket runs dry.
 */
public final class LeakyBucketEvaluator implements RuleEvaluator {

    private final List<EventFilter> match;
    private final EventField groupBy;
    private final EventField distinct;
    private final int capacity;
    private final long leakNanos;
    private final BoundedGroups<Bucket> buckets = new BoundedGroups<>(BoundedGroups.MAX_GROUPS);

    public LeakyBucketEvaluator(List<EventFilter> match, EventField groupBy, EventField distinct, int capacity,
            Duration leakEvery) {
        this.match = List.copyOf(match);
        this.groupBy = groupBy;
        this.distinct = distinct;
        this.capacity = capacity;
        this.leakNanos = leakEvery.toNanos();
    }

    @Override
    public Firing onEvent(SecurityEvent event) {
        if (!EventFilter.anyMatches(match, event)) {
            return null;
        }
        String group = groupBy.read(event);
        if (group == null) {
            return null;
        }
        Bucket bucket = buckets.computeIfAbsent(group, g -> new Bucket(event.time()));
        bucket.leak(event.time(), leakNanos);
        if (distinct != null) {
            String value = distinct.read(event);
            if (value == null || !bucket.seen.add(value)) {
                return null;
            }
        }
        bucket.pour(event);
        if (bucket.level < capacity) {
            return null;
        }
        List<SecurityEvent> events = new ArrayList<>(bucket.recent);
        buckets.remove(group);
        String what = distinct == null ? capacity + " matching events" : capacity + " distinct " + distinct.name();
        return new Firing(group, events, what + " from " + groupBy.name() + " " + group);
    }

    /** Current level of {@code group}'s bucket at {@code now}, for tests and the admin view. */
    public double level(String group, Instant now) {
        Bucket bucket = buckets.get(group);
        if (bucket == null) {
            return 0;
        }
        return Math.max(0, bucket.level - Duration.between(bucket.updated, now).toNanos() / leakNanos);
    }

    private static final class Bucket {
        double level;
        Instant updated;
        final Set<String> seen = new HashSet<>();
        final ArrayDeque<SecurityEvent> recent = new ArrayDeque<>();

        Bucket(Instant now) {
            this.updated = now;
        }

        void leak(Instant now, long leakNanos) {
            // whole units only, one per leakNanos (the part of a period not yet over is kept in
            // `updated`): leaking fractions made a burst of `capacity` events spread over a few
            // milliseconds fall short of `capacity` and never fire
            long units = Duration.between(updated, now).toNanos() / leakNanos;
            if (units > 0) {
                level = Math.max(0, level - units);
                updated = level == 0 ? now : updated.plusNanos(units * leakNanos);
            }
            if (level == 0) {
                seen.clear();
                recent.clear();
            }
        }

        void pour(SecurityEvent event) {
            level += 1;
            recent.addLast(event);
            if (recent.size() > EVIDENCE_EVENTS) {
                recent.removeFirst();
            }
        }
    }
}

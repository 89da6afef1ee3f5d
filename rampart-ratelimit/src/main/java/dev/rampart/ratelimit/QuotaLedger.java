package dev.rampart.ratelimit;

import dev.rampart.core.config.QuotaConfig.Period;
import dev.rampart.ratelimit.internal.CalendarPeriods;
import dev.rampart.ratelimit.internal.CalendarPeriods.Interval;
import dev.rampart.ratelimit.internal.QuotaRepository;
import dev.rampart.ratelimit.internal.QuotaRepository.QuotaRow;
import dev.rampart.ratelimit.internal.StoreWorker;
import dev.rampart.store.Store;
import dev.rampart.core.config.RateLimitConfig;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Daily and monthly quota counts that survive restarts. Requests are counted in memory (a quota
 * check never waits on the database) and what was counted since the last write is added to the
 * store's {@code rate_limit_quotas} table in one transaction every {@code flushInterval}, on a
 * worker thread, and on {@link #close()}. Opening loads the counts of the current periods.
 *
 * <p>What a crash may forget: the requests counted since the last write, at most
 * {@code flushInterval} × the request rate (5 s at 1,000 requests/s: 5,000 requests), so a client
 * may get that many more after a crash; an orderly shutdown forgets nothing. On SQLite a power cut
 * may also lose the last committed write (WAL with {@code synchronous=NORMAL}). A write that fails
 * is retried with the next one.
 */
public final class QuotaLedger implements AutoCloseable {

    private static final class Counter {
        final long startMillis;
        final long endMillis;
        final AtomicLong used;
        final AtomicLong unwritten = new AtomicLong();

        Counter(long startMillis, long endMillis, long used) {
            this.startMillis = startMillis;
            this.endMillis = endMillis;
            this.used = new AtomicLong(used);
        }
    }

    private record CounterKey(String quota, String subject, long periodStart) {
    }

    /**
     * One quota check.
     *
     * @param consumed whether the request was counted (false: the quota is used up)
     * @param used requests counted in the period, this one included when consumed
     * @param period the current period
     */
    public record Use(boolean consumed, long used, Interval period) {
    }

    private final QuotaRepository repository;
    private final CalendarPeriods periods;
    private final Clock clock;
    private final StoreWorker worker;
    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

    private QuotaLedger(QuotaRepository repository, ZoneId zone, Clock clock) {
        this.repository = repository;
        this.periods = new CalendarPeriods(zone);
        this.clock = clock;
        this.worker = new StoreWorker("rampart-quotas");
    }

    /**
     * Opens the ledger on {@code store}: deletes counts of ended periods, loads the current ones, and
     * starts writing every {@code rate-limits.quota-flush-interval}. Blocks on the store (call it at
     * start-up). Periods start at midnight in {@code rate-limits.time-zone}.
     *
     * @throws IllegalArgumentException when the time zone or flush interval is invalid
     */
    public static QuotaLedger open(Store store, RateLimitConfig config, Clock clock) {
        ZoneId zone;
        try {
            zone = ZoneId.of(config.timeZone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("rate-limits.time-zone '" + config.timeZone()
                    + "' is not a time zone; use an IANA name such as UTC or Europe/Paris", e);
        }
        Duration flushInterval = config.quotaFlushInterval();
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("rate-limits.quota-flush-interval is " + flushInterval
                    + "; it must be positive, e.g. 5s");
        }
        QuotaLedger ledger = new QuotaLedger(new QuotaRepository(store), zone, clock);
        long now = clock.millis();
        ledger.repository.deleteEndedBefore(now);
        for (QuotaRow row : ledger.repository.loadCurrent(now)) {
            ledger.counters.put(key(row.quota(), row.subject(), row.periodStart()),
                    new Counter(row.periodStart(), row.periodEnd(), row.used()));
        }
        ledger.worker.every(flushInterval, "write quota counts", ledger::flush);
        return ledger;
    }

    /** Counts one request of {@code subject} against {@code quota} when fewer than {@code limit} are counted this period. */
    public Use tryConsume(String quota, String subject, long limit, Period period) {
        Interval current = periods.current(period, clock.millis());
        Counter counter = counters.computeIfAbsent(key(quota, subject, current.startMillis()),
                k -> new Counter(current.startMillis(), current.endMillis(), 0));
        long used;
        do {
            used = counter.used.get();
            if (used >= limit) {
                return new Use(false, used, current);
            }
        } while (!counter.used.compareAndSet(used, used + 1));
        counter.unwritten.incrementAndGet();
        return new Use(true, used + 1, current);
    }

    /** Takes back a request counted by {@link #tryConsume} in {@code period} (another limit refused it). */
    public void refund(String quota, String subject, Interval period) {
        Counter counter = counters.get(key(quota, subject, period.startMillis()));
        if (counter != null) {
            counter.used.decrementAndGet();
            counter.unwritten.decrementAndGet();
        }
    }

    /** Requests of {@code subject} counted against {@code quota} in the current period. */
    public long used(String quota, String subject, Period period) {
        Interval current = periods.current(period, clock.millis());
        Counter counter = counters.get(key(quota, subject, current.startMillis()));
        return counter == null ? 0 : counter.used.get();
    }

    /**
     * Writes what was counted since the last write, in one transaction; forgets counters of ended
     * periods once written. Runs on the ledger's worker every flush interval; blocking.
     */
    public synchronized void flush() {
        List<QuotaRow> deltas = new ArrayList<>();
        List<Counter> taken = new ArrayList<>();
        long now = clock.millis();
        for (Map.Entry<CounterKey, Counter> e : counters.entrySet()) {
            Counter c = e.getValue();
            long delta = c.unwritten.getAndSet(0);
            if (delta != 0) {
                deltas.add(new QuotaRow(e.getKey().quota(), e.getKey().subject(), c.startMillis, c.endMillis, delta));
                taken.add(c);
            } else if (c.endMillis <= now) {
                counters.remove(e.getKey(), c);
            }
        }
        if (deltas.isEmpty()) {
            return;
        }
        try {
            repository.addAll(deltas);
        } catch (RuntimeException e) {
            for (int i = 0; i < taken.size(); i++) {
                taken.get(i).unwritten.addAndGet(deltas.get(i).used());
            }
            throw e;
        }
    }

    /** Writes what is left and stops the worker. Blocking. */
    @Override
    public void close() {
        worker.close();
        flush();
    }

    private static CounterKey key(String quota, String subject, long periodStart) {
        return new CounterKey(quota, subject, periodStart);
    }
}

package dev.rampart.ratelimit.internal;

import dev.rampart.store.StoreException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that runs a component's store writes in the order they were asked for, and its
 * periodic jobs, so that request threads and event loops never wait on the database. A failed
 * write is logged (the in-memory state stays authoritative) and does not stop later ones.
 */
public final class StoreWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreWorker.class);

    private final ScheduledExecutorService executor;
    private final String name;

    public StoreWorker(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues a write; {@code action} names it in the log line should it fail. */
    public void submit(String action, Runnable write) {
        executor.execute(() -> run(action, write));
    }

    /** Runs {@code job} every {@code interval}, the first time after one interval. */
    public void every(Duration interval, String action, Runnable job) {
        long nanos = interval.toNanos();
        executor.scheduleWithFixedDelay(() -> run(action, job), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Waits until every write queued before this call has run; for tests and orderly shutdown. */
    public void drain() {
        try {
            executor.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(name + ": queued store writes did not finish within 30 s", e);
        }
    }

    /** Runs what is queued, then stops the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("{}: store writes still queued after 30 s at shutdown; they are dropped", name);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private void run(String action, Runnable write) {
        try {
            write.run();
        } catch (StoreException e) {
            log.warn("{}: cannot {}: {}", name, action, e.getMessage());
        } catch (RuntimeException e) {
            log.error("{}: {} failed", name, action, e);
        }
    }
}

package dev.rampart.core.event;

import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventBus} with a fixed-capacity queue and one delivery thread.
 *
 * <p>When the queue is full, {@link OverflowPolicy#DROP} drops the event and counts it (requests
 * are never delayed), and {@link OverflowPolicy#BACKPRESSURE} parks the event with a pending stage
 * that completes once there is room (the gateway holds the request on that stage, so clients slow
 * down to what the consumers can take and no event is lost). Neither policy blocks the publishing
 * thread, which is usually an event loop.
 */
public final class BoundedEventBus implements EventBus, AutoCloseable {

    /** What happens when an event arrives and the queue is full. */
    public enum OverflowPolicy {
        DROP,
        BACKPRESSURE
    }

    private static final Logger log = LoggerFactory.getLogger(BoundedEventBus.class);
    // completedFuture, not completedStage: callers take the synchronous path with isDone(), which a
    // MinimalStage does not support.
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private record Parked(SecurityEvent event, CompletableFuture<Void> queued) {
    }

    private final ArrayBlockingQueue<SecurityEvent> queue;
    private final ConcurrentLinkedQueue<Parked> parked = new ConcurrentLinkedQueue<>();
    private final OverflowPolicy policy;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final Thread deliveryThread;
    private volatile boolean running = true;

    public BoundedEventBus(int capacity, OverflowPolicy policy) {
        if (capacity < 1) {
            throw new IllegalArgumentException("event queue capacity must be at least 1, got " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.deliveryThread = new Thread(this::deliverLoop, "rampart-events");
        this.deliveryThread.setDaemon(true);
        this.deliveryThread.start();
    }

    @Override
    public CompletionStage<Void> publish(SecurityEvent event) {
        Objects.requireNonNull(event, "event");
        if (policy == OverflowPolicy.BACKPRESSURE) {
            // Keep arrival order: once events are parked, newcomers queue behind them.
            if (parked.isEmpty() && queue.offer(event)) {
                return DONE;
            }
            CompletableFuture<Void> queued = new CompletableFuture<>();
            parked.add(new Parked(event, queued));
            return queued;
        }
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
        return DONE;
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public long droppedCount() {
        return dropped.get();
    }

    @Override
    public int queuedCount() {
        return queue.size() + parked.size();
    }

    /** Events handed to listeners so far. */
    public long deliveredCount() {
        return delivered.get();
    }

    public OverflowPolicy policy() {
        return policy;
    }

    private void deliverLoop() {
        while (running || !queue.isEmpty() || !parked.isEmpty()) {
            unpark();
            SecurityEvent event;
            try {
                event = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                if (!running) {
                    continue;
                }
                Thread.currentThread().interrupt();
                return;
            }
            if (event != null) {
                deliver(event);
            }
        }
    }

    private void unpark() {
        Parked p;
        while ((p = parked.peek()) != null && queue.offer(p.event())) {
            parked.poll();
            p.queued().complete(null);
        }
    }

    private void deliver(SecurityEvent event) {
        for (Listener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.error("security event listener {} failed on event {}", listener, event.type(), e);
            }
        }
        delivered.incrementAndGet();
    }

    /** Delivers what is queued, then stops the delivery thread (waits at most {@code timeoutMillis}). */
    public void close(long timeoutMillis) {
        running = false;
        try {
            deliveryThread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(5_000);
    }
}

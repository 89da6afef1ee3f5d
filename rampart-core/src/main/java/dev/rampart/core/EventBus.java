package dev.rampart.core;

import java.util.concurrent.CompletionStage;

/**
 * Carries {@link SecurityEvent}s from guards to their consumers (audit log, detector, metrics)
 * asynchronously, so that a slow consumer never delays a request unless the configured overflow
 * policy says it must.
 */
public interface EventBus {

    /**
     * Hands an event over for delivery, without blocking.
     *
     * @return a completed stage when the event was queued (or dropped under the drop policy); under
     *     the back-pressure policy, when the queue is full, a stage that completes once the event
     *     has been queued, so that the caller can hold its request until then
     */
    CompletionStage<Void> publish(SecurityEvent event);

    /** Registers a consumer; it is called on the bus's delivery thread, one event at a time. */
    void subscribe(Listener listener);

    /** Events dropped because the queue was full (drop policy only). */
    long droppedCount();

    /** Events waiting for delivery. */
    int queuedCount();

    /** A consumer of security events. */
    @FunctionalInterface
    interface Listener {
        /** Handles one event. An exception is logged and does not stop delivery to others. */
        void onEvent(SecurityEvent event);
    }
}

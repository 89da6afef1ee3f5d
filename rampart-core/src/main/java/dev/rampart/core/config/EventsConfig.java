package dev.rampart.core.config;

/** The security event bus. */
public record EventsConfig(
        @Doc("Events held for delivery. Default 10000.") Integer queueCapacity,
        @Doc("When the queue is full: 'drop' (count in metrics; requests never wait) or 'backpressure' "
                + "(requests wait until their events are queued; no event is lost). Default drop.") WhenFull whenFull) {

    /** What happens to a new event when the queue is full. */
    public enum WhenFull {
        drop,
        backpressure
    }

    public EventsConfig {
        queueCapacity = queueCapacity == null ? 10_000 : queueCapacity;
        whenFull = whenFull == null ? WhenFull.drop : whenFull;
    }

    public static EventsConfig defaults() {
        return new EventsConfig(null, null);
    }
}

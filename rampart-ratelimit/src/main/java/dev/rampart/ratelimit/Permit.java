package dev.rampart.ratelimit;

/**
 * The in-flight slots an allowed request holds under concurrency limits. Release it when the
 * request completes, however it ends (response sent, upstream error, client gone); releasing
 * twice is harmless, so every completion path may call it.
 */
@FunctionalInterface
public interface Permit {

    /** A permit holding nothing, for requests under no concurrency limit. */
    Permit NONE = () -> { };

    /** Frees the slots; only the first call has an effect. */
    void release();
}

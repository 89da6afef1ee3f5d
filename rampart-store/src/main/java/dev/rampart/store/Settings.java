package dev.rampart.store;

import java.util.Optional;

/**
 * Small named values that the gateway keeps across restarts and shares between the processes of a
 * cluster (for example the hash of the admin credential).
 *
 * <p>Every call blocks on the database: run it on a worker thread, never on an event loop. Every
 * call fails with {@link StoreException} when the database cannot be reached.
 */
public interface Settings {

    /** The value stored under {@code key}, or empty when there is none. */
    Optional<String> get(String key);

    /** Stores {@code value} under {@code key}, replacing any value already there. */
    void put(String key, String value);

    /**
     * Stores {@code value} under {@code key} only if the current value is {@code expected}, as one
     * atomic step: of several threads or processes racing on the same key and expected value,
     * exactly one succeeds.
     *
     * @param expected the value the caller last saw, or {@code null} for "no value stored yet"
     * @return whether {@code value} was stored
     */
    boolean compareAndSet(String key, String expected, String value);

    /**
     * Removes the value stored under {@code key}.
     *
     * @return whether there was a value to remove
     */
    boolean delete(String key);
}

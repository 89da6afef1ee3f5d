package dev.rampart.core;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * HTTP header fields with case-insensitive names (RFC 9110 §5.1). The gateway adapts its server's
 * header map to this interface; {@link HeaderMap} is a standalone implementation for library use.
 */
public interface Headers {

    /** The first value of {@code name}, or null. */
    String get(String name);

    /** All values of {@code name} in order; empty when absent. */
    List<String> getAll(String name);

    boolean contains(String name);

    /** The distinct names present, in the case first seen. */
    Set<String> names();

    /** Number of header fields (a name with two values counts twice). */
    int size();

    /** Replaces every value of {@code name} with {@code value}. */
    void set(String name, String value);

    /** Appends a value. */
    void add(String name, String value);

    void remove(String name);

    /** Visits every field in order. */
    void forEach(BiConsumer<String, String> action);
}

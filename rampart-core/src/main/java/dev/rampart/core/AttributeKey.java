package dev.rampart.core;

import java.util.Objects;

/**
 * A typed key for per-request attributes that one guard leaves for later guards (e.g. the matched
 * WAF rules, the authenticated client's plan). Compared by identity: keep keys in constants.
 *
 * @param <T> the value type
 */
public final class AttributeKey<T> {

    private final String name;
    private final Class<T> type;

    private AttributeKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
    }

    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }

    public String name() {
        return name;
    }

    public T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "AttributeKey[" + name + "]";
    }
}

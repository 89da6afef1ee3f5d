package dev.rampart.gateway.http1;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;

/**
 * Builds a config record from the components a test cares about, the others null (their
 * defaults), so tests do not break each time a config section is added.
 */
final class Records {

    private Records() {
    }

    static <R extends Record> R of(Class<R> type, Map<String, Object> components) {
        RecordComponent[] all = type.getRecordComponents();
        Object[] args = new Object[all.length];
        for (int i = 0; i < all.length; i++) {
            args[i] = components.get(all[i].getName());
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(
                    Arrays.stream(all).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + " from " + components.keySet(), e);
        }
    }
}

package dev.rampart.gateway.config;

import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.Durations;
import dev.rampart.core.config.Secret;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The configuration a gateway runs with, as JSON: every default filled in, keys as the file writes
 * them, durations and sizes in config syntax ({@code 10s}, {@code 16KB}). Served by the admin API
 * at {@code /admin/config}, so it never shows a secret: every {@link Secret} key and every value
 * that came from a {@code ${...}} reference reads {@value SourceMap#MASK}.
 */
public final class EffectiveConfig {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EffectiveConfig() {
    }

    public static String toJson(LoadedConfig loaded) {
        JsonNode tree = value(loaded.config(), "", false, loaded.referencedPaths());
        return ConfigMapper.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    }

    /** The JSON of {@code value} at {@code path}; null for an unset key, which is left out. */
    private static JsonNode value(Object value, String path, boolean secret, Set<String> referenced) {
        if (value == null) {
            return null;
        }
        if (secret || referenced.contains(path)) {
            return NODES.stringNode(SourceMap.MASK);
        }
        if (value instanceof Duration d) {
            return NODES.stringNode(Durations.format(d));
        }
        if (value instanceof DataSize size) { // a record, but written as one value
            return NODES.stringNode(size.toString());
        }
        if (value instanceof Record record) {
            ObjectNode object = NODES.objectNode();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                String key = ConfigMapper.keyOf(component.getName());
                JsonNode child = value(read(component, record), SourceMap.child(path, key),
                        component.isAnnotationPresent(Secret.class), referenced);
                if (child != null) {
                    object.set(key, child);
                }
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                JsonNode element = value(list.get(i), SourceMap.element(path, i), false, referenced);
                array.add(element == null ? NODES.nullNode() : element);
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            // Sorted: map iteration order would make the output differ between runs.
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(k.toString(), v));
            sorted.forEach((key, v) -> {
                JsonNode child = value(v, SourceMap.child(path, key), false, referenced);
                if (child != null) {
                    object.set(key, child);
                }
            });
            return object;
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer n) {
            return NODES.numberNode(n);
        }
        if (value instanceof Long n) {
            return NODES.numberNode(n);
        }
        return NODES.stringNode(value instanceof Enum<?> e ? e.name() : value.toString());
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of a config record", e);
        }
    }
}

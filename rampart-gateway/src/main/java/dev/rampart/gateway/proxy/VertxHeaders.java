package dev.rampart.gateway.proxy;

import dev.rampart.core.Headers;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/** {@link Headers} over a Vert.x {@link MultiMap} (already case-insensitive for HTTP). */
final class VertxHeaders implements Headers {

    private final MultiMap map;

    VertxHeaders(MultiMap map) {
        this.map = map;
    }

    @Override
    public String get(String name) {
        return map.get(name);
    }

    @Override
    public List<String> getAll(String name) {
        return map.getAll(name);
    }

    @Override
    public boolean contains(String name) {
        return map.contains(name);
    }

    @Override
    public Set<String> names() {
        return map.names();
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public void set(String name, String value) {
        map.set(name, value);
    }

    @Override
    public void add(String name, String value) {
        map.add(name, value);
    }

    @Override
    public void remove(String name) {
        map.remove(name);
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {
        map.forEach(action);
    }
}

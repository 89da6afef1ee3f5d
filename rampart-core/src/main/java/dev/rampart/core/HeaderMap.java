package dev.rampart.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/** An ordered, case-insensitive {@link Headers} held in a list; not thread-safe. */
public final class HeaderMap implements Headers {

    private final List<String[]> fields = new ArrayList<>();

    @Override
    public String get(String name) {
        for (String[] f : fields) {
            if (f[0].equalsIgnoreCase(name)) {
                return f[1];
            }
        }
        return null;
    }

    @Override
    public List<String> getAll(String name) {
        List<String> values = null;
        for (String[] f : fields) {
            if (f[0].equalsIgnoreCase(name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(f[1]);
            }
        }
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    @Override
    public boolean contains(String name) {
        return get(name) != null;
    }

    @Override
    public Set<String> names() {
        Set<String> lower = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (String[] f : fields) {
            if (lower.add(f[0].toLowerCase(Locale.ROOT))) {
                names.add(f[0]);
            }
        }
        return names;
    }

    @Override
    public int size() {
        return fields.size();
    }

    @Override
    public void set(String name, String value) {
        remove(name);
        add(name, value);
    }

    @Override
    public void add(String name, String value) {
        fields.add(new String[] {name, value});
    }

    @Override
    public void remove(String name) {
        fields.removeIf(f -> f[0].equalsIgnoreCase(name));
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {
        for (String[] f : fields) {
            action.accept(f[0], f[1]);
        }
    }
}

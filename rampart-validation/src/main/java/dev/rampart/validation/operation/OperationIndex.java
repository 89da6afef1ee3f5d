package dev.rampart.validation.operation;

import dev.rampart.core.path.PathTemplate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The operations of a document by path template and method, tried most concrete template first. */
public final class OperationIndex {

    private final List<Entry> entries;

    private record Entry(PathTemplate template, Map<String, Operation> byMethod) {
    }

    /**
     * The outcome of a lookup: the operation and its path values, or (operation null) the methods
     * the path allows, empty when no template matches the path at all.
     */
    public record Lookup(Operation operation, Map<String, String> pathValues, List<String> allowedMethods) {
    }

    /** {@code operations}: template to (uppercase method to operation). */
    public OperationIndex(Map<PathTemplate, Map<String, Operation>> operations) {
        List<Entry> list = new ArrayList<>();
        operations.forEach((template, byMethod) -> list.add(new Entry(template, Map.copyOf(byMethod))));
        list.sort(Comparator.comparing(Entry::template, PathTemplate::compareSpecificity));
        this.entries = List.copyOf(list);
    }

    /** Finds the operation for {@code method} on the path with these percent-decoded segments ({@link PathTemplate#decodedSegments}). */
    public Lookup find(String method, List<String> decodedSegments) {
        String upper = method.toUpperCase(Locale.ROOT);
        TreeSet<String> allowed = new TreeSet<>();
        for (Entry entry : entries) {
            Map<String, String> values = entry.template().match(decodedSegments);
            if (values == null) {
                continue;
            }
            Operation operation = entry.byMethod().get(upper);
            // RFC 9110 §9.3.2: HEAD is GET without content.
            if (operation == null && upper.equals("HEAD")) {
                operation = entry.byMethod().get("GET");
            }
            if (operation != null) {
                return new Lookup(operation, values, List.of());
            }
            allowed.addAll(entry.byMethod().keySet());
        }
        return new Lookup(null, Map.of(), List.copyOf(allowed));
    }
}

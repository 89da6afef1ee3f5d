package dev.rampart.gateway.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Matches a request's host against names like {@code api.example.com} (exact, case-insensitive) or
 * {@code *.example.com} (any subdomain, not the apex). An empty matcher matches every host.
 */
public final class HostMatcher {

    private static final HostMatcher ANY = new HostMatcher(List.of(), List.of(), List.of());

    private final List<String> exact;
    private final List<String> suffixes; // ".example.com"
    private final List<String> source;

    private HostMatcher(List<String> exact, List<String> suffixes, List<String> source) {
        this.exact = exact;
        this.suffixes = suffixes;
        this.source = source;
    }

    public static HostMatcher of(List<String> names) {
        if (names == null || names.isEmpty()) {
            return ANY;
        }
        List<String> exact = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (String n : names) {
            String name = normalize(n);
            if (name.startsWith("*.")) {
                suffixes.add(name.substring(1));
            } else {
                exact.add(name);
            }
        }
        return new HostMatcher(List.copyOf(exact), List.copyOf(suffixes), List.copyOf(names));
    }

    /** Lower case, trailing dot removed. */
    public static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** @param host a normalised host name (see {@link #normalize}) */
    public boolean matches(String host) {
        if (source.isEmpty()) {
            return true;
        }
        if (host == null) {
            return false;
        }
        for (String e : exact) {
            if (e.equals(host)) {
                return true;
            }
        }
        for (String s : suffixes) {
            if (host.length() > s.length() && host.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    public boolean matchesAny() {
        return source.isEmpty();
    }

    @Override
    public String toString() {
        return source.isEmpty() ? "*" : source.toString();
    }
}

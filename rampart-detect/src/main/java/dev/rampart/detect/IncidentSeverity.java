package dev.rampart.detect;

import java.util.Locale;

/** How urgent an incident is; SEV-1 is the most urgent. Config and alerts spell it {@code SEV-1}. */
public enum IncidentSeverity {
    SEV_1,
    SEV_2,
    SEV_3,
    SEV_4;

    /** The spelling of config, the store and alerts, e.g. {@code SEV-2}. */
    public String label() {
        return name().replace('_', '-');
    }

    /** Whether this is at least as urgent as {@code other} (SEV-1 meets SEV-3). */
    public boolean meets(IncidentSeverity other) {
        return ordinal() <= other.ordinal();
    }

    /**
     * Reads {@code SEV-1} .. {@code SEV-4} (case-insensitive).
     *
     * @param where config path for the error message
     */
    public static IncidentSeverity parse(String text, String where) {
        if (text != null) {
            String normal = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (IncidentSeverity s : values()) {
                if (s.name().equals(normal)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException(where + ": '" + text + "' is not a severity; use SEV-1, SEV-2, SEV-3 or SEV-4");
    }
}

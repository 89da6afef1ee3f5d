package dev.rampart.waf.action;

import dev.rampart.waf.engine.KeyedCollection;
import dev.rampart.waf.engine.TransactionState;
import java.util.Locale;
import java.util.Set;

/** The writable collections setvar, initcol and expirevar may name. */
final class Collections {

    private static final Set<String> WRITABLE = Set.of("tx", "ip", "global", "session", "user", "resource", "env");

    private Collections() {}

    static void check(String name, String action) {
        if (!WRITABLE.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(action + " cannot write collection '" + name + "'; writable: "
                    + String.join(", ", new java.util.TreeSet<>(WRITABLE)));
        }
    }

    static KeyedCollection of(TransactionState tx, String name) {
        if (name.equals("tx")) {
            // setvar lowers its collection name at load: TX, on almost every match, without a copy.
            return tx.tx();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("tx")) {
            return tx.tx();
        }
        if (lower.equals("env")) {
            return tx.env();
        }
        return tx.persistentCollection(lower);
    }
}

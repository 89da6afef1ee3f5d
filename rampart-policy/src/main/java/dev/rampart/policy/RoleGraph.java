package dev.rampart.policy;

import java.util.BitSet;
import java.util.Map;

/**
 * Roles numbered in config order, each with its closure (itself and every role it inherits from,
 * transitively), and for each permission pattern the roles that hold it directly or by
 * inheritance. Role sets are bit sets: a caller's effective roles and a pattern's holders meet in
 * one {@code intersects} over a few words, for a thousand roles.
 */
final class RoleGraph {

    final String[] names;
    final Map<String, Integer> ids;
    final BitSet[] closure;
    final PermissionIndex<BitSet> holders;

    RoleGraph(String[] names, Map<String, Integer> ids, BitSet[] closure, PermissionIndex<BitSet> holders) {
        this.names = names;
        this.ids = ids;
        this.closure = closure;
        this.holders = holders;
    }

    /** Adds the closure of every role in {@code held} to {@code into}. */
    void close(BitSet held, BitSet into) {
        for (int r = held.nextSetBit(0); r >= 0; r = held.nextSetBit(r + 1)) {
            into.or(closure[r]);
        }
    }
}

package dev.rampart.waf.engine;

import dev.rampart.waf.operator.Operator;
import dev.rampart.waf.operator.Pm;
import dev.rampart.waf.operator.Rx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine-wide prefilter of {@code @rx} rules (the idea of RE2's FilteredRE2): one
 * Aho–Corasick automaton over the required literals of every {@code @rx} in the rule set, so a
 * transformed value is scanned once, in one pass, for all rules, and a rule's regex runs only on
 * values holding one of its literals ({@link Rx#requiredLiterals()}; a value without any cannot
 * match). Before, each rule scanned the value again for its own literals. The phrases of every
 * {@code @pm} and {@code @pmFromFile} are in the same automaton: for those the bit is the
 * operator's verdict, so a rule's phrase list is never walked for a value that holds none.
 *
 * <p>Values are byte strings (chars 0..255), so the automaton is a complete DFA over bytes
 * folded to lower case as {@link Character#toLowerCase(char)} folds them (what the per-rule
 * case-insensitive check did); bytes no literal uses share one column, which keeps the
 * transition table small. A value holding a char above 0xff is not a byte string: it gets no
 * verdict here and every regex judges it itself. Immutable, shared by all transactions.
 */
public final class LiteralPrefilter {

    private static final LiteralPrefilter NONE = new LiteralPrefilter(new IdentityHashMap<>(), List.of());

    private final Map<Operator, Integer> slots;
    private final int slotCount;
    /** Column of each byte (lower-cased); column 0 is every byte no literal contains. */
    private final int[] columnOfByte = new int[256];
    private final int columns;
    /** {@code next[state * columns + column]}: the DFA, failure transitions folded in. */
    private final int[] next;
    /** Per state, the slots whose literal ends here (own or by suffix), as a bit set; null when none. */
    private final long[][] found;

    private LiteralPrefilter(Map<Operator, Integer> slots, List<Set<String>> literalsBySlot) {
        this.slots = slots;
        this.slotCount = literalsBySlot.size();
        int column = 1;
        for (Set<String> literals : literalsBySlot) {
            for (String literal : literals) {
                for (int i = 0; i < literal.length(); i++) {
                    char c = Character.toLowerCase(literal.charAt(i));
                    if (columnOfByte[c] == 0) {
                        columnOfByte[c] = column++;
                    }
                }
            }
        }
        this.columns = column;
        // The trie, grown in lists, then turned into the DFA by breadth-first failure links.
        List<int[]> children = new ArrayList<>();
        List<long[]> output = new ArrayList<>();
        children.add(newRow(columns));
        output.add(null);
        for (int slot = 0; slot < literalsBySlot.size(); slot++) {
            for (String literal : literalsBySlot.get(slot)) {
                int state = 0;
                for (int i = 0; i < literal.length(); i++) {
                    int c = columnOfByte[Character.toLowerCase(literal.charAt(i))];
                    if (children.get(state)[c] < 0) {
                        children.get(state)[c] = children.size();
                        children.add(newRow(columns));
                        output.add(null);
                    }
                    state = children.get(state)[c];
                }
                long[] bits = output.get(state);
                if (bits == null) {
                    bits = new long[(slotCount + 63) >>> 6];
                    output.set(state, bits);
                }
                bits[slot >>> 6] |= 1L << slot;
            }
        }
        int states = children.size();
        this.next = new int[states * columns];
        this.found = new long[states][];
        int[] failure = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < columns; c++) {
            int child = children.get(0)[c];
            if (child < 0) {
                next[c] = 0;
            } else {
                next[c] = child;
                failure[child] = 0;
                queue.add(child);
            }
        }
        found[0] = output.get(0);
        while (!queue.isEmpty()) {
            int state = queue.poll();
            found[state] = union(output.get(state), found[failure[state]]);
            for (int c = 0; c < columns; c++) {
                int child = children.get(state)[c];
                if (child < 0) {
                    next[state * columns + c] = next[failure[state] * columns + c];
                } else {
                    next[state * columns + c] = child;
                    failure[child] = next[failure[state] * columns + c];
                    queue.add(child);
                }
            }
        }
    }

    /**
     * The prefilter of every fixed-pattern {@code @rx} and every {@code @pm}/{@code @pmFromFile}
     * among {@code rules} and the links of their chains.
     */
    static LiteralPrefilter of(List<Rule> rules) {
        Map<Operator, Integer> slots = new IdentityHashMap<>();
        List<Set<String>> literalsBySlot = new ArrayList<>();
        for (Rule start : rules) {
            for (Rule link = start; link != null; link = link.chained()) {
                if (slots.containsKey(link.operator())) {
                    continue;
                }
                if (link.operator() instanceof Rx rx) {
                    Optional<Set<String>> literals = rx.requiredLiterals();
                    if (literals.isPresent() && bytesOnly(literals.get())) {
                        slots.put(rx, literalsBySlot.size());
                        literalsBySlot.add(literals.get());
                    }
                } else if (link.operator() instanceof Pm pm && !pm.phrases().isEmpty() && bytesOnly(pm.phrases())) {
                    // A @pm matches exactly when one of its phrases is present: its slot is its verdict.
                    slots.put(pm, literalsBySlot.size());
                    literalsBySlot.add(pm.phrases());
                }
            }
        }
        return slots.isEmpty() ? NONE : new LiteralPrefilter(slots, literalsBySlot);
    }

    /** A prefilter over {@code literalsBySlot} (slot i holds set i), covering no operator: for tests of the automaton. */
    static LiteralPrefilter ofLiterals(List<Set<String>> literalsBySlot) {
        return new LiteralPrefilter(new IdentityHashMap<>(), List.copyOf(literalsBySlot));
    }

    /** The slot of {@code operator}'s literals, or -1 when the prefilter does not cover it. */
    int slotOf(Operator operator) {
        Integer slot = slots.get(operator);
        return slot == null ? -1 : slot;
    }

    /** The number of operators covered. */
    public int size() {
        return slotCount;
    }

    /**
     * The slots with a literal in {@code value}, as a bit set, from one pass over it; null when
     * {@code value} is not a byte string (a char above 0xff), where the prefilter cannot judge.
     */
    long[] scan(String value) {
        long[] present = new long[(slotCount + 63) >>> 6];
        int state = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return null;
            }
            state = next[state * columns + columnOfByte[Character.toLowerCase(c)]];
            long[] bits = found[state];
            if (bits != null) {
                for (int w = 0; w < bits.length; w++) {
                    present[w] |= bits[w];
                }
            }
        }
        return present;
    }

    /** Whether {@code slot} is set in a bit set from {@link #scan}. */
    static boolean present(long[] bits, int slot) {
        return (bits[slot >>> 6] & (1L << slot)) != 0;
    }

    private static boolean bytesOnly(Set<String> literals) {
        for (String literal : literals) {
            if (literal.isEmpty()) {
                return false;
            }
            for (int i = 0; i < literal.length(); i++) {
                if (literal.charAt(i) > 0xff) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int[] newRow(int columns) {
        int[] row = new int[columns];
        Arrays.fill(row, -1);
        return row;
    }

    private static long[] union(long[] a, long[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        long[] both = a.clone();
        for (int w = 0; w < both.length; w++) {
            both[w] |= b[w];
        }
        return both;
    }
}

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
import java.util.Set;

/**
 * The engine-wide prefilter of {@code @rx} rules (the idea of RE2's FilteredRE2): one
 * Aho–Corasick automaton over the required literals of every {@code @rx} in the rule set, so a
 * transformed value is scanned once, in one pass, for all rules, and a rule's regex runs only on
 * values holding a literal of each of its literal sets ({@link Rx#requiredLiteralSets()}; a
 * value missing every literal of one set cannot match). Before, each rule scanned the value again
 * for its own literals. The phrases of every {@code @pm} and {@code @pmFromFile} are in the same
 * automaton as one set: for those the bit is the operator's verdict, so a rule's phrase list is
 * never walked for a value that holds none.
 *
 * <p>Each covered operator has a slot (its index among the covered operators) and one or more
 * literal sets; {@link #scan} reports the sets present as a bit set, {@link #holds} whether all
 * sets of a slot are. Values are byte strings (chars 0..255), so the automaton is a complete DFA
 * over bytes folded to lower case as {@link Character#toLowerCase(char)} folds them (what the
 * per-rule case-insensitive check did); bytes no literal uses share one column, which keeps the
 * transition table small. One-character literals are not in the automaton but in a mask of the
 * characters a value holds, merged into the bit set once at the end of the scan. A value holding a char above 0xff is not a byte string: it gets no
 * verdict here and every regex judges it itself. Immutable, shared by all transactions.
 */
public final class LiteralPrefilter {

    private static final LiteralPrefilter NONE = new LiteralPrefilter(new IdentityHashMap<>(), List.of(), List.of());

    private final Map<Operator, Integer> slots;
    private final int slotCount;
    /** Per slot, the literal sets (indexes into the scan's bit set) a value must all hold. */
    private final int[][] setsOfSlot;
    private final int setCount;
    /** Column of each byte (lower-cased); column 0 is every byte no literal contains. */
    private final int[] columnOfByte = new int[256];
    private final int columns;
    /**
     * {@code next[row + column]}: the DFA, failure transitions folded in, where a state's row is
     * {@code state * columns} and an entry is the row of the state it goes to, with the sign bit
     * set when that state ends a literal: the scan looks a state's literal sets up only then,
     * instead of reading a second table at every byte.
     */
    private final int[] next;
    /**
     * Per state, the literal sets with a literal ending here (own or by suffix), as the words of
     * a bit set that are not zero: their indexes and their bits; null when none. Sparse, because
     * a state's sets sit in a few of the bit set's words.
     */
    private final int[][] foundWords;
    private final long[][] foundBits;
    /** {@link #columnOfByte} of each byte after lower-casing, so the scan does no case folding. */
    private final int[] columnOfRawByte = new int[256];
    /** Per byte, its bit in the mask of one-character literals (lower-cased), 0 for a byte that is none. */
    private final long[] charBitOfRawByte = new long[256];
    /** Per bit of that mask, the literal sets holding that character, sparse as {@link #foundWords}. */
    private final int[][] charWords;
    private final long[][] charBits;

    private LiteralPrefilter(Map<Operator, Integer> slots, List<int[]> setsOfSlot, List<Set<String>> literalSets) {
        this.slots = slots;
        this.slotCount = setsOfSlot.size();
        this.setsOfSlot = setsOfSlot.toArray(new int[0][]);
        this.setCount = literalSets.size();
        // One-character literals are kept out of the automaton: many CRS literal sets are single
        // letters (the command-injection patterns allow quotes between letters), so nearly every
        // byte reached a state ending a literal and had its sets merged (610 of the 646 bytes a
        // benign GET scans; 165 without them). A mask of the characters seen, merged once at the
        // end, does the same for them.
        List<List<Integer>> setsOfChar = new ArrayList<>();
        int[] indexOfChar = new int[256];
        Arrays.fill(indexOfChar, -1);
        for (int set = 0; set < literalSets.size(); set++) {
            for (String literal : literalSets.get(set)) {
                if (literal.length() == 1) {
                    char c = Character.toLowerCase(literal.charAt(0));
                    if (indexOfChar[c] < 0 && setsOfChar.size() < Long.SIZE) {
                        indexOfChar[c] = setsOfChar.size();
                        setsOfChar.add(new ArrayList<>());
                    }
                    if (indexOfChar[c] >= 0) {
                        setsOfChar.get(indexOfChar[c]).add(set);
                    }
                }
            }
        }
        this.charWords = new int[setsOfChar.size()][];
        this.charBits = new long[setsOfChar.size()][];
        for (int k = 0; k < setsOfChar.size(); k++) {
            long[] bits = new long[words()];
            for (int set : setsOfChar.get(k)) {
                bits[set >>> 6] |= 1L << set;
            }
            charWords[k] = nonZeroWords(bits);
            charBits[k] = nonZeroBits(bits);
        }
        for (int c = 0; c < 256; c++) {
            int index = indexOfChar[Character.toLowerCase((char) c)];
            charBitOfRawByte[c] = index < 0 ? 0 : 1L << index;
        }
        int column = 1;
        for (Set<String> literals : literalSets) {
            for (String literal : literals) {
                if (inMask(literal, indexOfChar)) {
                    continue;
                }
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
        for (int set = 0; set < literalSets.size(); set++) {
            for (String literal : literalSets.get(set)) {
                if (inMask(literal, indexOfChar)) {
                    continue;
                }
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
                    bits = new long[words()];
                    output.set(state, bits);
                }
                bits[set >>> 6] |= 1L << set;
            }
        }
        // States numbered breadth first: a scan spends most bytes in the states of depth 0 to 2,
        // which then share a few hundred KB of the ~40 MB table instead of being spread over it
        // in the order literals were added (the scan cost ~12 ns a byte on a GET's headers).
        int states = children.size();
        int[] order = new int[states];
        int[] renumbered = new int[states];
        int tail = 1;
        for (int head = 0; head < tail; head++) {
            for (int child : children.get(order[head])) {
                if (child >= 0) {
                    order[tail++] = child;
                }
            }
        }
        for (int state = 0; state < states; state++) {
            renumbered[order[state]] = state;
        }
        List<int[]> byDepth = new ArrayList<>(states);
        List<long[]> outputByDepth = new ArrayList<>(states);
        for (int state = 0; state < states; state++) {
            int[] row = children.get(order[state]);
            for (int c = 0; c < columns; c++) {
                row[c] = row[c] < 0 ? -1 : renumbered[row[c]];
            }
            byDepth.add(row);
            outputByDepth.add(output.get(order[state]));
        }
        children = byDepth;
        output = outputByDepth;
        if ((long) states * columns > Integer.MAX_VALUE) {
            throw new IllegalStateException("literal automaton too large: " + states + " states of " + columns + " columns");
        }
        this.next = new int[states * columns];
        this.none = new long[words()];
        long[][] found = new long[states][];
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
        this.foundWords = new int[states][];
        this.foundBits = new long[states][];
        for (int state = 0; state < states; state++) {
            long[] bits = found[state];
            if (bits != null) {
                foundWords[state] = nonZeroWords(bits);
                foundBits[state] = nonZeroBits(bits);
            }
        }
        for (int c = 0; c < 256; c++) {
            columnOfRawByte[c] = columnOfByte[Character.toLowerCase((char) c)];
        }
        for (int i = 0; i < next.length; i++) {
            int target = next[i];
            next[i] = target * columns | (foundWords[target] == null ? 0 : FOUND);
        }
    }

    /** The flag of a transition into a state that ends a literal. */
    private static final int FOUND = Integer.MIN_VALUE;

    /** Empty scan result, shared: most values hold no literal; never written to. */
    private final long[] none;

    /**
     * The prefilter of every fixed-pattern {@code @rx} and every {@code @pm}/{@code @pmFromFile}
     * among {@code rules} and the links of their chains.
     */
    static LiteralPrefilter of(List<Rule> rules) {
        Map<Operator, Integer> slots = new IdentityHashMap<>();
        List<int[]> setsOfSlot = new ArrayList<>();
        List<Set<String>> literalSets = new ArrayList<>();
        for (Rule start : rules) {
            for (Rule link = start; link != null; link = link.chained()) {
                if (slots.containsKey(link.operator())) {
                    continue;
                }
                List<Set<String>> sets = null;
                if (link.operator() instanceof Rx rx) {
                    sets = rx.requiredLiteralSets().orElse(null);
                } else if (link.operator() instanceof Pm pm && !pm.phrases().isEmpty()) {
                    // A @pm matches exactly when one of its phrases is present: its bit is its verdict.
                    sets = List.of(pm.phrases());
                }
                if (sets == null || !sets.stream().allMatch(LiteralPrefilter::bytesOnly)) {
                    continue;
                }
                int[] indexes = new int[sets.size()];
                for (int i = 0; i < sets.size(); i++) {
                    indexes[i] = literalSets.size();
                    literalSets.add(sets.get(i));
                }
                slots.put(link.operator(), setsOfSlot.size());
                setsOfSlot.add(indexes);
            }
        }
        return slots.isEmpty() ? NONE : new LiteralPrefilter(slots, setsOfSlot, literalSets);
    }

    /** A prefilter over {@code literalsBySlot} (slot i holds set i), covering no operator: for tests of the automaton. */
    static LiteralPrefilter ofLiterals(List<Set<String>> literalsBySlot) {
        List<int[]> setsOfSlot = new ArrayList<>();
        for (int i = 0; i < literalsBySlot.size(); i++) {
            setsOfSlot.add(new int[] {i});
        }
        return new LiteralPrefilter(new IdentityHashMap<>(), setsOfSlot, List.copyOf(literalsBySlot));
    }

    /** The slot of {@code operator}, or -1 when the prefilter does not cover it. */
    int slotOf(Operator operator) {
        Integer slot = slots.get(operator);
        return slot == null ? -1 : slot;
    }

    /** The number of operators covered (slots). */
    public int size() {
        return slotCount;
    }

    /** The length of a bit set from {@link #scan}. */
    int words() {
        return (setCount + 63) >>> 6;
    }

    /**
     * The literal sets with a literal in {@code value}, as a bit set, from one pass over it; null
     * when {@code value} is not a byte string (a char above 0xff), where the prefilter cannot judge.
     */
    long[] scan(String value) {
        long[] present = null;
        long chars = 0;
        int row = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return null;
            }
            chars |= charBitOfRawByte[c];
            row = next[row + columnOfRawByte[c]];
            if (row < 0) {
                row &= Integer.MAX_VALUE;
                int state = row / columns;
                if (present == null) {
                    present = new long[words()];
                }
                int[] words = foundWords[state];
                long[] bits = foundBits[state];
                for (int k = 0; k < words.length; k++) {
                    present[words[k]] |= bits[k];
                }
            }
        }
        if (chars != 0) {
            if (present == null) {
                present = new long[words()];
            }
            do {
                int k = Long.numberOfTrailingZeros(chars);
                chars &= chars - 1;
                int[] words = charWords[k];
                long[] bits = charBits[k];
                for (int w = 0; w < words.length; w++) {
                    present[words[w]] |= bits[w];
                }
            } while (chars != 0);
        }
        return present != null ? present : none;
    }

    /** Whether a bit set from {@link #scan} (or a union of such) holds every literal set of {@code slot}. */
    boolean holds(long[] present, int slot) {
        for (int set : setsOfSlot[slot]) {
            if ((present[set >>> 6] & (1L << set)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether bit {@code index} is set in {@code bits}. */
    static boolean present(long[] bits, int index) {
        return (bits[index >>> 6] & (1L << index)) != 0;
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

    /** Whether {@code literal} is a one-character literal the character mask covers. */
    private static boolean inMask(String literal, int[] indexOfChar) {
        return literal.length() == 1 && indexOfChar[Character.toLowerCase(literal.charAt(0))] >= 0;
    }

    /** The indexes of the words of {@code bits} that are not zero. */
    private static int[] nonZeroWords(long[] bits) {
        int nonZero = 0;
        for (long word : bits) {
            nonZero += word == 0 ? 0 : 1;
        }
        int[] indexes = new int[nonZero];
        for (int w = 0, k = 0; w < bits.length; w++) {
            if (bits[w] != 0) {
                indexes[k++] = w;
            }
        }
        return indexes;
    }

    /** The words of {@code bits} that are not zero, in the order of {@link #nonZeroWords}. */
    private static long[] nonZeroBits(long[] bits) {
        long[] words = new long[nonZeroWords(bits).length];
        for (int w = 0, k = 0; w < bits.length; w++) {
            if (bits[w] != 0) {
                words[k++] = bits[w];
            }
        }
        return words;
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

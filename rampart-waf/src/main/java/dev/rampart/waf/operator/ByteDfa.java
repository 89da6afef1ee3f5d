package dev.rampart.waf.operator;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lazily built DFA that answers one question for a regular expression on a byte string: is
 * there a match anywhere? RE2/J has no DFA: its unanchored search steps every live thread of the
 * pattern's program at every byte, which for CRS's large alternations costs tens of µs per
 * value. Here each DFA state (a set of NFA positions and what the previous byte was) is built
 * the first time a byte leads to it and then reused by every value and thread, so a value costs
 * one table lookup per byte once the states it visits exist.
 *
 * <p>Used as a filter before RE2/J: "no match" here is final, "match" lets RE2/J find it (and the
 * captures). Building a state costs one NFA step, as RE2/J pays per byte anyway, so the time stays
 * linear in the value; past {@link #MAX_STATES} states a pattern stops growing its DFA and
 * {@link #matches} answers {@code Optional.empty()} for values that would need a new state (the
 * caller then runs RE2/J).
 *
 * <p>The syntax is what {@link SecLangRegex#translate} produces for RE2, compiled with dot-all and
 * multi-line: alternation, groups ({@code (?:}, capturing, named), the flags {@code i s m} (also
 * scoped, {@code (?i:...)}), classes with ranges and negation, {@code \d \w \s} and their
 * negations as RE2 defines them (ASCII), {@code \xHH}, {@code \x{H...}}, escaped punctuation,
 * greedy and lazy quantifiers with counts, {@code . ^ $ \A \z \b \B}. Anything else makes
 * {@link #compile} return empty and the pattern keeps running on RE2/J alone. Case-insensitive
 * matching folds A-Z and the Latin-1 letters U+00C0-U+00DE as RE2's simple folding does within
 * bytes; values holding a char above 0xff are not judged here.
 */
final class ByteDfa {

    /** DFA states one pattern may build; beyond, it stops growing (each state holds 256 references). */
    static final int MAX_STATES = 500;
    /** DFA states all patterns together may build: bounds the memory at about 60 MB whatever the traffic. */
    static final int MAX_STATES_IN_ALL = 50_000;
    private static final AtomicInteger STATES_IN_ALL = new AtomicInteger();
    /** Gives a collected DFA's states back to the budget: rule sets are replaced on every config reload. */
    private static final Cleaner RELEASE = Cleaner.create();
    /** NFA nodes one pattern may have (counted repetitions are expanded). */
    private static final int MAX_NODES = 40_000;

    // Context of a position: the byte before it (or the start), the byte after it (or the end).
    private static final int START = 0;
    private static final int NEWLINE = 1;
    private static final int WORD = 2;
    private static final int OTHER = 3;
    private static final int END = 0;

    private static final int CHAR = 0;
    private static final int SPLIT = 1;
    private static final int ASSERT = 2;
    private static final int MATCH = 3;

    private static final int BEGIN_LINE = 0;
    private static final int END_LINE = 1;
    private static final int BEGIN_TEXT = 2;
    private static final int END_TEXT = 3;
    private static final int WORD_BOUNDARY = 4;
    private static final int NOT_WORD_BOUNDARY = 5;

    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** A DFA state: NFA nodes waiting for their closure, and the kind of the byte before. */
    private static final class State {
        final int[] nodes;
        final int previous;
        /** Next state per byte class; {@link #MATCHED} when the closure before that byte holds a match. */
        final State[] next;
        /** 0 unknown, 1 no match at the end, 2 match at the end. */
        volatile int atEnd;

        State(int[] nodes, int previous, int classes) {
            this.nodes = nodes;
            this.previous = previous;
            this.next = new State[classes];
        }
    }

    private record Key(int[] nodes, int previous) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.previous == previous && Arrays.equals(k.nodes, nodes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(nodes) * 31 + previous;
        }
    }

    private static final State MATCHED = new State(new int[0], START, 0);
    private static final Optional<Boolean> YES = Optional.of(Boolean.TRUE);
    private static final Optional<Boolean> NO = Optional.of(Boolean.FALSE);

    // The NFA, in parallel arrays.
    private final int[] type;
    private final int[] out1;
    private final int[] out2;
    private final int[] assertion;
    private final BitSet[] bytes;
    private final int start;
    /**
     * The class of each byte: bytes every NFA node accepts or rejects alike, and of one kind
     * (word, newline, other), lead to the same state, so a state keeps one successor per class
     * (RE2's byte classes): a few dozen references per state instead of 256, so more of a big
     * pattern's DFA stays in the CPU caches.
     */
    private final byte[] classOf = new byte[256];
    private final int classCount;
    private final ConcurrentHashMap<Key, State> states = new ConcurrentHashMap<>();
    private final AtomicInteger stateCount = new AtomicInteger();
    /** Null when the budget of all DFAs was spent when this one was built. */
    private final State initial;

    private ByteDfa(Nfa nfa, int start) {
        int n = nfa.type.size();
        this.type = new int[n];
        this.out1 = new int[n];
        this.out2 = new int[n];
        this.assertion = new int[n];
        this.bytes = new BitSet[n];
        for (int i = 0; i < n; i++) {
            type[i] = nfa.type.get(i);
            out1[i] = nfa.out1.get(i);
            out2[i] = nfa.out2.get(i);
            assertion[i] = nfa.assertion.get(i);
            bytes[i] = nfa.bytes.get(i);
        }
        this.start = start;
        this.classCount = byteClasses(bytes, classOf);
        AtomicInteger built = stateCount;
        RELEASE.register(this, () -> STATES_IN_ALL.addAndGet(-built.get()));
        this.initial = state(new int[] {start}, START);
    }

    /**
     * Fills {@code classOf} with a class per byte such that bytes of one class are in the same
     * sets of {@code bytes} and of the same {@link #kind}; returns the number of classes.
     */
    private static int byteClasses(BitSet[] bytes, byte[] classOf) {
        int[] classes = new int[256];
        for (int c = 0; c < 256; c++) {
            classes[c] = kind((char) c);
        }
        Set<BitSet> distinct = new HashSet<>();
        for (BitSet set : bytes) {
            if (set != null) {
                distinct.add(set);
            }
        }
        for (BitSet set : distinct) {
            // Split every class by membership in this set.
            Map<Long, Integer> refined = new HashMap<>();
            for (int c = 0; c < 256; c++) {
                long key = ((long) classes[c] << 1) | (set.get(c) ? 1 : 0);
                Integer id = refined.get(key);
                if (id == null) {
                    id = refined.size();
                    refined.put(key, id);
                }
                classes[c] = id;
            }
        }
        int count = 0;
        for (int c = 0; c < 256; c++) {
            count = Math.max(count, classes[c] + 1);
            classOf[c] = (byte) classes[c];
        }
        return count;
    }

    /** The DFA of {@code translated} (RE2 syntax, dot-all and multi-line), or empty when its syntax is beyond this class. */
    static Optional<ByteDfa> compile(String translated) {
        try {
            Parser parser = new Parser(translated);
            Fragment fragment = parser.alternation(false, true);
            if (parser.pos != translated.length()) {
                return Optional.empty();
            }
            int match = parser.nfa.add(MATCH, -1, -1, 0, null);
            parser.nfa.patch(fragment, match);
            return Optional.of(new ByteDfa(parser.nfa, fragment.start));
        } catch (Unsupported | IndexOutOfBoundsException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the pattern matches somewhere in {@code value}; empty when this DFA cannot tell
     * (a char above 0xff, or the state limit reached on a new path).
     */
    Optional<Boolean> matches(String value) {
        State state = initial;
        if (state == null) {
            // Built when every DFA together was at its limit.
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return Optional.empty();
            }
            int byteClass = classOf[c] & 0xff;
            State next = state.next[byteClass];
            if (next == null) {
                next = step(state, c);
                if (next == null) {
                    return Optional.empty();
                }
                state.next[byteClass] = next;
            }
            if (next == MATCHED) {
                return YES;
            }
            state = next;
        }
        int atEnd = state.atEnd;
        if (atEnd == 0) {
            atEnd = closureMatches(state.nodes, state.previous, END) ? 2 : 1;
            state.atEnd = atEnd;
        }
        return atEnd == 2 ? YES : NO;
    }

    /** The state after byte {@code c} from {@code state}; {@link #MATCHED}; or null past the state limit. */
    private State step(State state, char c) {
        int following = kind(c);
        BitSet closure = new BitSet(type.length);
        if (closure(state.nodes, state.previous, following, closure)) {
            return MATCHED;
        }
        BitSet after = new BitSet(type.length);
        after.set(start);
        for (int node = closure.nextSetBit(0); node >= 0; node = closure.nextSetBit(node + 1)) {
            if (type[node] == CHAR && bytes[node].get(c)) {
                after.set(out1[node]);
            }
        }
        return state(after.stream().toArray(), following);
    }

    private State state(int[] nodes, int previous) {
        Key key = new Key(nodes, previous);
        State existing = states.get(key);
        if (existing != null) {
            return existing;
        }
        if (stateCount.get() >= MAX_STATES || STATES_IN_ALL.get() >= MAX_STATES_IN_ALL) {
            return null;
        }
        State created = new State(nodes, previous, classCount);
        existing = states.putIfAbsent(key, created);
        if (existing != null) {
            return existing;
        }
        stateCount.incrementAndGet();
        STATES_IN_ALL.incrementAndGet();
        return created;
    }

    private boolean closureMatches(int[] nodes, int previous, int following) {
        return closure(nodes, previous, following, new BitSet(type.length));
    }

    /** Adds the epsilon closure of {@code nodes} to {@code closure}; true when it reaches the match. */
    private boolean closure(int[] nodes, int previous, int following, BitSet closure) {
        // A node is marked when pushed, so the stack never holds more than every node once.
        int[] stack = new int[type.length];
        int top = 0;
        for (int node : nodes) {
            if (!closure.get(node)) {
                closure.set(node);
                stack[top++] = node;
            }
        }
        while (top > 0) {
            int node = stack[--top];
            int first = -1;
            int second = -1;
            switch (type[node]) {
                case MATCH:
                    return true;
                case SPLIT:
                    first = out1[node];
                    second = out2[node];
                    break;
                case ASSERT:
                    if (holds(assertion[node], previous, following)) {
                        first = out1[node];
                    }
                    break;
                default:
                    break;
            }
            if (first >= 0 && !closure.get(first)) {
                closure.set(first);
                stack[top++] = first;
            }
            if (second >= 0 && !closure.get(second)) {
                closure.set(second);
                stack[top++] = second;
            }
        }
        return false;
    }

    private static boolean holds(int assertion, int previous, int following) {
        boolean wordBefore = previous == WORD;
        boolean wordAfter = following == WORD;
        switch (assertion) {
            case BEGIN_LINE:
                return previous == START || previous == NEWLINE;
            case END_LINE:
                return following == END || following == NEWLINE;
            case BEGIN_TEXT:
                return previous == START;
            case END_TEXT:
                return following == END;
            case WORD_BOUNDARY:
                return wordBefore != wordAfter;
            case NOT_WORD_BOUNDARY:
                return wordBefore == wordAfter;
            default:
                throw new IllegalStateException("assertion " + assertion);
        }
    }

    /** The kind of a byte as a neighbour of a position; never START/END (a byte is there). */
    private static int kind(char c) {
        if (c == '\n') {
            return NEWLINE;
        }
        return isWord(c) ? WORD : OTHER;
    }

    private static boolean isWord(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** The number of DFA states built so far (for tests). */
    int stateCount() {
        return stateCount.get();
    }

    // ---- NFA construction (Thompson) ----

    /** A piece of NFA: its entry node and the dangling exits to patch to what follows. */
    private record Fragment(int start, List<Integer> exits) {}

    private static final class Nfa {
        final List<Integer> type = new ArrayList<>();
        final List<Integer> out1 = new ArrayList<>();
        final List<Integer> out2 = new ArrayList<>();
        final List<Integer> assertion = new ArrayList<>();
        final List<BitSet> bytes = new ArrayList<>();

        int add(int nodeType, int first, int second, int assertionKind, BitSet set) {
            if (type.size() >= MAX_NODES) {
                throw new Unsupported();
            }
            type.add(nodeType);
            out1.add(first);
            out2.add(second);
            assertion.add(assertionKind);
            bytes.add(set);
            return type.size() - 1;
        }

        /** Exits are encoded as node * 2 + (0 for out1, 1 for out2). */
        void patch(Fragment fragment, int target) {
            for (int exit : fragment.exits()) {
                if ((exit & 1) == 0) {
                    out1.set(exit >> 1, target);
                } else {
                    out2.set(exit >> 1, target);
                }
            }
        }

        Fragment empty() {
            int node = add(SPLIT, -1, -1, 0, null);
            return new Fragment(node, List.of(node * 2));
        }

        Fragment bytes(BitSet set) {
            int node = add(CHAR, -1, -1, 0, set);
            return new Fragment(node, List.of(node * 2));
        }

        Fragment assertion(int kind) {
            int node = add(ASSERT, -1, -1, kind, null);
            return new Fragment(node, List.of(node * 2));
        }

        Fragment concat(Fragment a, Fragment b) {
            patch(a, b.start());
            return new Fragment(a.start(), b.exits());
        }

        Fragment alternate(Fragment a, Fragment b) {
            int node = add(SPLIT, a.start(), b.start(), 0, null);
            List<Integer> exits = new ArrayList<>(a.exits());
            exits.addAll(b.exits());
            return new Fragment(node, exits);
        }

        Fragment optional(Fragment a) {
            int node = add(SPLIT, a.start(), -1, 0, null);
            List<Integer> exits = new ArrayList<>(a.exits());
            exits.add(node * 2 + 1);
            return new Fragment(node, exits);
        }

        Fragment star(Fragment a) {
            int node = add(SPLIT, a.start(), -1, 0, null);
            patch(a, node);
            return new Fragment(node, List.of(node * 2 + 1));
        }

        Fragment plus(Fragment a) {
            int node = add(SPLIT, a.start(), -1, 0, null);
            patch(a, node);
            return new Fragment(a.start(), List.of(node * 2 + 1));
        }
    }

    private static final class Parser {
        final String pattern;
        final Nfa nfa = new Nfa();
        int pos;
        boolean caseInsensitive;

        Parser(String pattern) {
            this.pattern = pattern;
        }

        /** Alternatives up to ')' or the end; {@code top}: the end of the pattern ends it. */
        Fragment alternation(boolean inGroup, boolean top) {
            boolean flagsOnEntry = caseInsensitive;
            Fragment result = concatenation();
            while (pos < pattern.length() && pattern.charAt(pos) == '|') {
                pos++;
                result = nfa.alternate(result, concatenation());
            }
            if (inGroup) {
                caseInsensitive = flagsOnEntry;
            }
            return result;
        }

        Fragment concatenation() {
            Fragment result = null;
            while (pos < pattern.length() && pattern.charAt(pos) != '|' && pattern.charAt(pos) != ')') {
                Fragment piece = repetition();
                if (piece != null) {
                    result = result == null ? piece : nfa.concat(result, piece);
                }
            }
            return result == null ? nfa.empty() : result;
        }

        /** An atom and its quantifier; null for a flags-only group such as {@code (?i)}. */
        Fragment repetition() {
            int atomStart = pos;
            boolean flagsBefore = caseInsensitive;
            Fragment atom = atom();
            if (atom == null) {
                return null;
            }
            if (pos >= pattern.length()) {
                return atom;
            }
            char c = pattern.charAt(pos);
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = -1;
                pos++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                pos++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (c == '{' && isCount(pos)) {
                int close = pattern.indexOf('}', pos);
                String body = pattern.substring(pos + 1, close);
                int comma = body.indexOf(',');
                if (comma < 0) {
                    min = Integer.parseInt(body);
                    max = min;
                } else {
                    min = Integer.parseInt(body.substring(0, comma));
                    max = comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
                }
                if (min > 1000 || max > 1000) {
                    throw new Unsupported();
                }
                pos = close + 1;
            } else {
                return atom;
            }
            if (pos < pattern.length() && (pattern.charAt(pos) == '?' || pattern.charAt(pos) == '+')) {
                // Lazy (and possessive, which translation already made greedy) match the same strings.
                if (pattern.charAt(pos) == '+') {
                    throw new Unsupported();
                }
                pos++;
            }
            if (pos < pattern.length() && "*+?".indexOf(pattern.charAt(pos)) >= 0) {
                throw new Unsupported();
            }
            int atomEnd = pos;
            return repeat(atom, atomStart, atomEnd, flagsBefore, min, max);
        }

        /** {@code atom}{min,max}: further copies are parsed again from the atom's text. */
        Fragment repeat(Fragment atom, int atomStart, int atomEnd, boolean flagsBefore, int min, int max) {
            List<Fragment> copies = new ArrayList<>();
            copies.add(atom);
            int needed = Math.max(min, max < 0 ? Math.max(min, 1) : max);
            boolean flagsAfter = caseInsensitive;
            for (int i = 1; i < needed; i++) {
                pos = atomStart;
                caseInsensitive = flagsBefore;
                copies.add(atom());
            }
            pos = atomEnd;
            caseInsensitive = flagsAfter;
            if (max == 0) {
                return nfa.empty();
            }
            Fragment result = null;
            for (int i = 0; i < min; i++) {
                Fragment copy = copies.get(i);
                if (max < 0 && i == min - 1) {
                    copy = nfa.plus(copy);
                }
                result = result == null ? copy : nfa.concat(result, copy);
            }
            if (max < 0) {
                if (min == 0) {
                    result = nfa.star(copies.get(0));
                }
                return result;
            }
            // Optional copies nest: x{1,3} = x(x(x)?)?
            Fragment tail = null;
            for (int i = max - 1; i >= min; i--) {
                Fragment copy = copies.get(i);
                tail = nfa.optional(tail == null ? copy : nfa.concat(copy, tail));
            }
            if (tail == null) {
                return result;
            }
            return result == null ? tail : nfa.concat(result, tail);
        }

        boolean isCount(int at) {
            int close = pattern.indexOf('}', at);
            if (close < 0) {
                return false;
            }
            return pattern.substring(at + 1, close).matches("\\d+(,\\d*)?");
        }

        Fragment atom() {
            char c = pattern.charAt(pos);
            switch (c) {
                case '(':
                    return group();
                case '[':
                    return nfa.bytes(fold(characterClass()));
                case '.': {
                    pos++;
                    BitSet all = new BitSet(256);
                    all.set(0, 256);
                    return nfa.bytes(all);
                }
                case '^':
                    pos++;
                    return nfa.assertion(BEGIN_LINE);
                case '$':
                    pos++;
                    return nfa.assertion(END_LINE);
                case '\\':
                    return escapeAtom();
                case '*':
                case '+':
                case '?':
                case ')':
                case '|':
                    throw new Unsupported();
                default:
                    pos++;
                    return nfa.bytes(fold(single(c)));
            }
        }

        Fragment group() {
            pos++;
            if (pattern.startsWith("?", pos)) {
                if (pattern.startsWith("?:", pos)) {
                    pos += 2;
                } else if (pattern.startsWith("?P<", pos) || pattern.startsWith("?<", pos)) {
                    int close = pattern.indexOf('>', pos);
                    if (close < 0 || pattern.charAt(pos + 1) == '=' || pattern.charAt(pos + 1) == '!') {
                        throw new Unsupported();
                    }
                    pos = close + 1;
                } else {
                    return flagGroup();
                }
            }
            Fragment inner = alternation(true, false);
            expect(')');
            return inner;
        }

        /** {@code (?flags)} (null: changes the flags of the enclosing group) or {@code (?flags:...)}. */
        Fragment flagGroup() {
            pos++;
            boolean on = true;
            boolean insensitive = caseInsensitive;
            while (true) {
                char f = pattern.charAt(pos++);
                if (f == 'i') {
                    insensitive = on;
                } else if (f == 's' || f == 'm') {
                    if (!on) {
                        throw new Unsupported();
                    }
                } else if (f == '-' && on) {
                    on = false;
                } else if (f == ')') {
                    caseInsensitive = insensitive;
                    return null;
                } else if (f == ':') {
                    boolean outer = caseInsensitive;
                    caseInsensitive = insensitive;
                    Fragment inner = alternation(true, false);
                    expect(')');
                    caseInsensitive = outer;
                    return inner;
                } else {
                    throw new Unsupported();
                }
            }
        }

        Fragment escapeAtom() {
            char e = pattern.charAt(pos + 1);
            switch (e) {
                case 'b':
                    pos += 2;
                    return nfa.assertion(WORD_BOUNDARY);
                case 'B':
                    pos += 2;
                    return nfa.assertion(NOT_WORD_BOUNDARY);
                case 'A':
                    pos += 2;
                    return nfa.assertion(BEGIN_TEXT);
                case 'z':
                    pos += 2;
                    return nfa.assertion(END_TEXT);
                default:
                    return nfa.bytes(fold(escape()));
            }
        }

        /** An escape that stands for bytes, at {@code pos} (the backslash); advances past it. */
        BitSet escape() {
            char e = pattern.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case 'd':
                    return range('0', '9');
                case 'D':
                    return negate(range('0', '9'));
                case 'w':
                    return word();
                case 'W':
                    return negate(word());
                case 's':
                    return space();
                case 'S':
                    return negate(space());
                case 'n':
                    return single('\n');
                case 'r':
                    return single('\r');
                case 't':
                    return single('\t');
                case 'f':
                    return single('\f');
                case 'v':
                    return single((char) 0x0b);
                case 'a':
                    return single((char) 0x07);
                case 'x':
                    return hex();
                default:
                    if (Character.isLetterOrDigit(e) || e > 0x7f) {
                        throw new Unsupported();
                    }
                    return single(e);
            }
        }

        BitSet hex() {
            int code = hexCode();
            // A code point above 0xff is no byte: it matches nothing in a byte string.
            return code > 0xff ? new BitSet(256) : single((char) code);
        }

        /** The code point of {@code \xHH} or {@code \x{H...}}, read from after the {@code \x}. */
        int hexCode() {
            int code;
            if (pattern.charAt(pos) == '{') {
                int close = pattern.indexOf('}', pos);
                code = Integer.parseInt(pattern.substring(pos + 1, close), 16);
                pos = close + 1;
            } else {
                code = Integer.parseInt(pattern.substring(pos, pos + 2), 16);
                pos += 2;
            }
            return code;
        }

        BitSet characterClass() {
            pos++;
            boolean negated = false;
            if (pattern.charAt(pos) == '^') {
                negated = true;
                pos++;
            }
            BitSet set = new BitSet(256);
            boolean first = true;
            while (first || pattern.charAt(pos) != ']') {
                first = false;
                if (pattern.startsWith("[:", pos)) {
                    throw new Unsupported();
                }
                int low;
                BitSet member = null;
                if (pattern.startsWith("\\x{", pos)) {
                    // A code point, maybe above 0xff (SecLangRegex spells \S as a class up to
                    // \x{10FFFF}): a range bound, clipped to bytes below.
                    pos += 2;
                    low = hexCode();
                } else if (pattern.charAt(pos) == '\\') {
                    member = escape();
                    low = member.cardinality() == 1 && !isClassEscape(pattern.charAt(pos - 1)) ? member.nextSetBit(0) : -1;
                } else {
                    low = pattern.charAt(pos++);
                }
                if (pattern.charAt(pos) == '-' && pattern.charAt(pos + 1) != ']') {
                    if (low < 0) {
                        throw new Unsupported();
                    }
                    pos++;
                    int high;
                    if (pattern.startsWith("\\x{", pos)) {
                        pos += 2;
                        high = hexCode();
                    } else if (pattern.charAt(pos) == '\\') {
                        BitSet upper = escape();
                        if (upper.cardinality() != 1) {
                            throw new Unsupported();
                        }
                        high = upper.nextSetBit(0);
                    } else {
                        high = pattern.charAt(pos++);
                    }
                    if (high < low) {
                        throw new Unsupported();
                    }
                    set.set(Math.min(low, 256), Math.min(high, 255) + 1);
                } else if (member != null) {
                    set.or(member);
                } else if (low <= 0xff) {
                    set.set(low);
                }
            }
            pos++;
            // RE2 folds the members, then negates.
            BitSet folded = fold(set);
            return negated ? negate(folded) : folded;
        }

        /** Whether the escape just read (its letter) stands for a class rather than one byte. */
        boolean isClassEscape(char letter) {
            return "dDwWsS".indexOf(letter) >= 0;
        }

        BitSet fold(BitSet set) {
            if (!caseInsensitive) {
                return set;
            }
            BitSet folded = (BitSet) set.clone();
            for (int c = set.nextSetBit(0); c >= 0 && c < 256; c = set.nextSetBit(c + 1)) {
                int partner = partner(c);
                if (partner >= 0) {
                    folded.set(partner);
                }
            }
            return folded;
        }

        void expect(char c) {
            if (pos >= pattern.length() || pattern.charAt(pos) != c) {
                throw new Unsupported();
            }
            pos++;
        }
    }

    /** The other case of byte {@code c} under RE2's simple folding within Latin-1, or -1. */
    static int partner(int c) {
        if (c >= 'a' && c <= 'z' || c >= 0xe0 && c <= 0xfe && c != 0xf7) {
            return c - 0x20;
        }
        if (c >= 'A' && c <= 'Z' || c >= 0xc0 && c <= 0xde && c != 0xd7) {
            return c + 0x20;
        }
        return -1;
    }

    private static BitSet single(char c) {
        BitSet set = new BitSet(256);
        if (c <= 0xff) {
            set.set(c);
        }
        return set;
    }

    private static BitSet range(char low, char high) {
        BitSet set = new BitSet(256);
        set.set(low, high + 1);
        return set;
    }

    private static BitSet word() {
        BitSet set = range('a', 'z');
        set.or(range('A', 'Z'));
        set.or(range('0', '9'));
        set.set('_');
        return set;
    }

    /** RE2's {@code \s}: tab, newline, form feed, carriage return, space (translation adds 0x0b where PCRE has it). */
    private static BitSet space() {
        BitSet set = new BitSet(256);
        set.set('\t');
        set.set('\n');
        set.set('\f');
        set.set('\r');
        set.set(' ');
        return set;
    }

    private static BitSet negate(BitSet set) {
        BitSet negated = new BitSet(256);
        negated.set(0, 256);
        negated.andNot(set);
        return negated;
    }
}

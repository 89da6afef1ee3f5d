package dev.rampart.waf.operator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Extracts from a regular expression sets of literals such that every match contains one literal
 * of each set (lowercased; the check is case-insensitive, which only widens it), the prefilter
 * idea of RE2's FilteredRE2 and Hyperscan. {@code (?i)union\s+select|sleep\(} yields
 * {@code {union, sleep(}}: a value holding neither cannot match, and the regex need not run.
 * A concatenation requires all its parts: {@code \$(?:abs|avg|...)} yields the two sets
 * {@code {$}} and {@code {abs, avg, ...}}, and a value must hold one of each, so a JSON body
 * full of words but without a {@code $} skips the regex however many of its words are in the
 * second set. The extraction is conservative: whatever it does not understand (classes of many
 * characters, {@code .}, optional parts, look-around) contributes no literal, never a wrong one;
 * a pattern from which nothing is required yields empty and always runs.
 */
final class RequiredLiterals {

    /** Beyond this many alternatives a set of exact strings is no longer tracked as such. */
    private static final int MAX_EXACT = 64;
    /** Classes of at most this many (lowercased) characters count as alternatives. */
    private static final int MAX_CLASS_CHARS = 8;
    /** Sets kept per requirement, the most selective first: each one more costs a prefilter bit. */
    static final int MAX_SETS = 3;

    /**
     * What is known of a sub-pattern: the exact strings it matches, or sets of literals such that
     * every match holds one literal of each (most selective first).
     */
    private record Info(Set<String> exact, List<Set<String>> required) {

        static final Info NOTHING = new Info(null, null);
        static final Info EMPTY = new Info(Set.of(""), null);

        static Info literal(char c) {
            return new Info(Set.of(String.valueOf(Character.toLowerCase(c))), null);
        }

        /** The sets every match holds a literal of, or null when nothing is required. */
        List<Set<String>> requirement() {
            if (exact != null) {
                return exact.isEmpty() || exact.contains("") ? null : List.of(exact);
            }
            return required;
        }
    }

    /** The pattern cannot be analysed (look-around, malformed): no prefilter. */
    private static final class Unsupported extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private final String pattern;
    private int pos;

    private RequiredLiterals(String pattern) {
        this.pattern = pattern;
    }

    /** The most selective set of {@link #setsOf}: literals (lowercase) one of which every match contains. */
    static Optional<Set<String>> of(String pattern) {
        return setsOf(pattern).map(sets -> sets.get(0));
    }

    /**
     * Up to {@link #MAX_SETS} sets of literals (lowercase), the most selective first, such that
     * every match of {@code pattern} contains a literal of each; empty when nothing is required.
     */
    static Optional<List<Set<String>>> setsOf(String pattern) {
        RequiredLiterals parser = new RequiredLiterals(pattern);
        try {
            Info info = parser.alternation();
            if (parser.pos != pattern.length()) {
                return Optional.empty();
            }
            List<Set<String>> sets = info.requirement();
            return sets == null ? Optional.empty() : Optional.of(sets.stream().map(Set::copyOf).toList());
        } catch (Unsupported | IndexOutOfBoundsException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Info alternation() {
        Set<String> exact = new LinkedHashSet<>();
        List<List<Set<String>>> branches = new ArrayList<>();
        boolean exactKnown = true;
        boolean requiredKnown = true;
        while (true) {
            Info branch = concatenation();
            if (exactKnown && branch.exact() != null && exact.size() + branch.exact().size() <= MAX_EXACT) {
                exact.addAll(branch.exact());
            } else {
                exactKnown = false;
            }
            List<Set<String>> branchRequired = branch.requirement();
            if (branchRequired == null) {
                requiredKnown = false;
            } else if (requiredKnown) {
                branches.add(branchRequired);
            }
            if (pos < pattern.length() && pattern.charAt(pos) == '|') {
                pos++;
            } else {
                break;
            }
        }
        if (exactKnown) {
            return new Info(exact, null);
        }
        if (!requiredKnown) {
            return Info.NOTHING;
        }
        // A match takes one branch and holds a literal of each of that branch's sets; so set k
        // of the whole is the union over branches of each branch's set k (its last when it has
        // fewer): every match holds one of its literals whichever branch it took.
        int depth = 0;
        for (List<Set<String>> sets : branches) {
            depth = Math.max(depth, sets.size());
        }
        List<Set<String>> required = new ArrayList<>();
        for (int k = 0; k < depth; k++) {
            Set<String> union = new LinkedHashSet<>();
            for (List<Set<String>> sets : branches) {
                union.addAll(sets.get(Math.min(k, sets.size() - 1)));
            }
            required.add(union);
        }
        return new Info(null, mostSelective(required));
    }

    private Info concatenation() {
        Set<String> run = Set.of("");
        boolean broken = false;
        List<Set<String>> all = new ArrayList<>();
        while (pos < pattern.length() && pattern.charAt(pos) != '|' && pattern.charAt(pos) != ')') {
            Info piece = quantified();
            Set<String> joined = piece.exact() == null ? null : cross(run, piece.exact());
            if (joined != null) {
                run = joined;
                continue;
            }
            broken = true;
            addRequirement(all, new Info(run, null).requirement());
            if (piece.exact() != null) {
                run = piece.exact();
            } else {
                addRequirement(all, piece.required());
                run = Set.of("");
            }
        }
        if (!broken) {
            return new Info(run, null);
        }
        addRequirement(all, new Info(run, null).requirement());
        return new Info(null, all.isEmpty() ? null : mostSelective(all));
    }

    private static void addRequirement(List<Set<String>> all, List<Set<String>> sets) {
        if (sets != null) {
            all.addAll(sets);
        }
    }

    private Info quantified() {
        Info atom = atom();
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
        } else if (c == '{' && countedRepetitionEnd(pos) > 0) {
            int end = countedRepetitionEnd(pos);
            String body = pattern.substring(pos + 1, end);
            int comma = body.indexOf(',');
            min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
            max = comma < 0 ? min : comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
            pos = end + 1;
        } else {
            return atom;
        }
        if (pos < pattern.length() && (pattern.charAt(pos) == '?' || pattern.charAt(pos) == '+')) {
            pos++; // lazy or possessive: the same strings match
        }
        if (min == 1 && max == 1) {
            return atom;
        }
        if (min == 0) {
            if (max == 1 && atom.exact() != null) {
                Set<String> optional = new LinkedHashSet<>(atom.exact());
                optional.add("");
                return new Info(optional, null);
            }
            return Info.NOTHING;
        }
        return new Info(null, atom.requirement());
    }

    /** The index of the '}' closing a counted repetition starting at {@code open}, or -1. */
    private int countedRepetitionEnd(int open) {
        int end = pattern.indexOf('}', open);
        if (end < 0 || !pattern.substring(open + 1, end).matches("\\d{1,4}(,\\d{0,4})?")) {
            return -1;
        }
        return end;
    }

    private Info atom() {
        char c = pattern.charAt(pos);
        switch (c) {
            case '(':
                return group();
            case '[':
                return characterClass();
            case '\\':
                return escape();
            case '.':
                pos++;
                return Info.NOTHING;
            case '^':
            case '$':
                pos++;
                return Info.EMPTY;
            case '*':
            case '+':
            case '?':
                throw new Unsupported();
            default:
                pos++;
                return Info.literal(c);
        }
    }

    private Info group() {
        pos++;
        if (pattern.startsWith("?", pos)) {
            pos++;
            if (pattern.startsWith("P<", pos) || (pattern.startsWith("<", pos) && !pattern.startsWith("<=", pos)
                    && !pattern.startsWith("<!", pos))) {
                pos = pattern.indexOf('>', pos) + 1;
                if (pos == 0) {
                    throw new Unsupported();
                }
            } else {
                while (pos < pattern.length() && "imsU-".indexOf(pattern.charAt(pos)) >= 0) {
                    pos++;
                }
                char next = pattern.charAt(pos);
                if (next == ')') {
                    pos++;
                    return Info.EMPTY; // flags only, e.g. (?i): zero width
                }
                if (next != ':') {
                    throw new Unsupported(); // look-around, atomic group, comment
                }
                pos++;
            }
        }
        Info inner = alternation();
        if (pos >= pattern.length() || pattern.charAt(pos) != ')') {
            throw new Unsupported();
        }
        pos++;
        return inner;
    }

    private Info escape() {
        char next = pattern.charAt(pos + 1);
        pos += 2;
        switch (next) {
            case 'b', 'B', 'A', 'z', 'Z', 'G' -> {
                return Info.EMPTY;
            }
            case 'Q' -> {
                int end = pattern.indexOf("\\E", pos);
                String quoted = end < 0 ? pattern.substring(pos) : pattern.substring(pos, end);
                pos = end < 0 ? pattern.length() : end + 2;
                Info info = Info.EMPTY;
                for (char q : quoted.toCharArray()) {
                    Set<String> joined = cross(info.exact(), Set.of(String.valueOf(Character.toLowerCase(q))));
                    info = new Info(joined, null);
                }
                return info;
            }
            case 'x' -> {
                int value = hexEscape();
                return value > 0xffff ? Info.NOTHING : Info.literal((char) value);
            }
            case 'n' -> {
                return Info.literal('\n');
            }
            case 't' -> {
                return Info.literal('\t');
            }
            case 'r' -> {
                return Info.literal('\r');
            }
            case 'f' -> {
                return Info.literal('\f');
            }
            case 'v' -> {
                return Info.literal('\u000b');
            }
            case 'a' -> {
                return Info.literal('\u0007');
            }
            case 'p', 'P' -> {
                if (pattern.charAt(pos) == '{') {
                    pos = pattern.indexOf('}', pos) + 1;
                    if (pos == 0) {
                        throw new Unsupported();
                    }
                } else {
                    pos++;
                }
                return Info.NOTHING;
            }
            default -> {
                if (Character.isLetterOrDigit(next)) {
                    return Info.NOTHING; // \d \w \s \S, back-references, octal: many strings
                }
                return Info.literal(next);
            }
        }
    }

    /** After "\x": {@code HH} or {@code {H...}}; the code point. */
    private int hexEscape() {
        int end;
        int start;
        if (pattern.charAt(pos) == '{') {
            start = pos + 1;
            end = pattern.indexOf('}', start);
            if (end < 0) {
                throw new Unsupported();
            }
            pos = end + 1;
        } else {
            start = pos;
            end = pos + 2;
            pos = end;
        }
        return Integer.parseInt(pattern.substring(start, end), 16);
    }

    private Info characterClass() {
        pos++;
        boolean negated = pattern.charAt(pos) == '^';
        if (negated) {
            pos++;
        }
        Set<String> members = new LinkedHashSet<>();
        boolean many = negated;
        boolean first = true;
        while (first || pattern.charAt(pos) != ']') {
            first = false;
            char c = pattern.charAt(pos);
            int low;
            if (c == '[' && pattern.startsWith("[:", pos)) {
                int end = pattern.indexOf(":]", pos + 2);
                if (end < 0) {
                    throw new Unsupported();
                }
                pos = end + 2;
                many = true;
                continue;
            }
            if (c == '\\') {
                char next = pattern.charAt(pos + 1);
                pos += 2;
                if (next == 'x') {
                    low = hexEscape();
                } else if (controlEscape(next) >= 0) {
                    low = controlEscape(next);
                } else if (Character.isLetterOrDigit(next)) {
                    if (next == 'p' || next == 'P') {
                        pos = pattern.charAt(pos) == '{' ? pattern.indexOf('}', pos) + 1 : pos + 1;
                    }
                    many = true;
                    continue;
                } else {
                    low = next;
                }
            } else {
                low = c;
                pos++;
            }
            int high = low;
            if (pattern.charAt(pos) == '-' && pattern.charAt(pos + 1) != ']') {
                pos++;
                char h = pattern.charAt(pos);
                if (h == '\\') {
                    char next = pattern.charAt(pos + 1);
                    pos += 2;
                    if (next == 'x') {
                        high = hexEscape();
                    } else if (controlEscape(next) >= 0) {
                        high = controlEscape(next);
                    } else if (Character.isLetterOrDigit(next)) {
                        throw new Unsupported();
                    } else {
                        high = next;
                    }
                } else {
                    high = h;
                    pos++;
                }
            }
            if (high - low >= 2 * MAX_CLASS_CHARS + 26) {
                many = true;
                continue;
            }
            for (int m = low; m <= high && !many; m++) {
                members.add(String.valueOf(Character.toLowerCase((char) m)));
                many = members.size() > MAX_CLASS_CHARS;
            }
        }
        pos++;
        return many ? Info.NOTHING : new Info(members, null);
    }

    /** The character of {@code \n \t \r \f \v} (as {@code next} after the backslash), or -1. */
    private static int controlEscape(char next) {
        return switch (next) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'f' -> '\f';
            case 'v' -> 0x0b;
            default -> -1;
        };
    }

    /** Every concatenation of a string of {@code left} with one of {@code right}, or null when too many. */
    private static Set<String> cross(Set<String> left, Set<String> right) {
        if ((long) left.size() * right.size() > MAX_EXACT) {
            return null;
        }
        Set<String> joined = new LinkedHashSet<>();
        for (String l : left) {
            for (String r : right) {
                joined.add(l + r);
            }
        }
        return joined;
    }

    /** The {@link #MAX_SETS} most selective of {@code sets}, without repeats, the most selective first. */
    private static List<Set<String>> mostSelective(List<Set<String>> sets) {
        List<Set<String>> distinct = new ArrayList<>(new LinkedHashSet<>(sets));
        distinct.sort(Comparator.comparingInt(RequiredLiterals::selectivity).reversed()
                .thenComparingInt(Set::size));
        return List.copyOf(distinct.subList(0, Math.min(MAX_SETS, distinct.size())));
    }

    /**
     * How rarely a benign value holds a literal of {@code set}: the score of its least selective
     * literal, where a longer literal is rarer and, at equal length, one holding punctuation other
     * than what prose and JSON values are full of ({@code . , - _ /} and space) beats letters and
     * digits: {@code $}, {@code (} or {@code =} rule out far more API values than {@code a}.
     */
    private static int selectivity(Set<String> set) {
        int least = Integer.MAX_VALUE;
        for (String literal : set) {
            int score = 2 * literal.length();
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                if (!Character.isLetterOrDigit(c) && " .,-_/".indexOf(c) < 0) {
                    score++;
                    break;
                }
            }
            least = Math.min(least, score);
        }
        return least;
    }
}

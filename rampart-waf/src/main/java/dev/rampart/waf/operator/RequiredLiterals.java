package dev.rampart.waf.operator;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Extracts from a regular expression a set of literals one of which every match must contain
 * (lowercased; the check is case-insensitive, which only widens it), the prefilter idea of RE2's
 * FilteredRE2 and Hyperscan. {@code (?i)union\s+select|sleep\(} yields {@code {union, sleep(}}:
 * a value holding neither cannot match, and the regex need not run. The extraction is
 * conservative: whatever it does not understand (classes of many characters, {@code .},
 * optional parts, look-around) contributes no literal, never a wrong one; a pattern from which
 * nothing is required yields empty and always runs.
 */
final class RequiredLiterals {

    /** Beyond this many alternatives a set of exact strings is no longer tracked as such. */
    private static final int MAX_EXACT = 64;
    /** Classes of at most this many (lowercased) characters count as alternatives. */
    private static final int MAX_CLASS_CHARS = 8;

    /** What is known of a sub-pattern: the exact strings it matches, or literals every match holds. */
    private record Info(Set<String> exact, Set<String> required) {

        static final Info NOTHING = new Info(null, null);
        static final Info EMPTY = new Info(Set.of(""), null);

        static Info literal(char c) {
            return new Info(Set.of(String.valueOf(Character.toLowerCase(c))), null);
        }

        /** Literals one of which every match holds, or null when nothing is required. */
        Set<String> requirement() {
            if (exact != null) {
                return exact.isEmpty() || exact.contains("") ? null : exact;
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

    /** The literals (lowercase) one of which every match of {@code pattern} contains, if any are required. */
    static Optional<Set<String>> of(String pattern) {
        RequiredLiterals parser = new RequiredLiterals(pattern);
        try {
            Info info = parser.alternation();
            if (parser.pos != pattern.length()) {
                return Optional.empty();
            }
            return Optional.ofNullable(info.requirement()).map(Set::copyOf);
        } catch (Unsupported | IndexOutOfBoundsException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Info alternation() {
        Set<String> exact = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        boolean exactKnown = true;
        boolean requiredKnown = true;
        while (true) {
            Info branch = concatenation();
            if (exactKnown && branch.exact() != null && exact.size() + branch.exact().size() <= MAX_EXACT) {
                exact.addAll(branch.exact());
            } else {
                exactKnown = false;
            }
            Set<String> branchRequired = branch.requirement();
            if (branchRequired == null) {
                requiredKnown = false;
            } else if (requiredKnown) {
                required.addAll(branchRequired);
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
        return new Info(null, requiredKnown ? required : null);
    }

    private Info concatenation() {
        Set<String> run = Set.of("");
        boolean broken = false;
        Set<String> best = null;
        while (pos < pattern.length() && pattern.charAt(pos) != '|' && pattern.charAt(pos) != ')') {
            Info piece = quantified();
            Set<String> joined = piece.exact() == null ? null : cross(run, piece.exact());
            if (joined != null) {
                run = joined;
                continue;
            }
            broken = true;
            best = better(best, new Info(run, null).requirement());
            if (piece.exact() != null) {
                run = piece.exact();
            } else {
                best = better(best, piece.required());
                run = Set.of("");
            }
        }
        if (!broken) {
            return new Info(run, null);
        }
        return new Info(null, better(best, new Info(run, null).requirement()));
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
                } else if (next == 'n') {
                    low = '\n';
                } else if (next == 't') {
                    low = '\t';
                } else if (next == 'r') {
                    low = '\r';
                } else if (next == 'f') {
                    low = '\f';
                } else if (next == 'v') {
                    low = 0x0b;
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

    /** The more selective of two requirements: the one whose shortest literal is longer. */
    private static Set<String> better(Set<String> a, Set<String> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int shortestA = a.stream().mapToInt(String::length).min().orElse(0);
        int shortestB = b.stream().mapToInt(String::length).min().orElse(0);
        if (shortestA != shortestB) {
            return shortestA > shortestB ? a : b;
        }
        return a.size() <= b.size() ? a : b;
    }
}

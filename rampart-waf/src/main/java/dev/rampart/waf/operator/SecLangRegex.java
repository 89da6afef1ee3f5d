package dev.rampart.waf.operator;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.PatternSyntaxException;
import org.ahocorasick.trie.Trie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compiled SecLang {@code @rx} pattern. Patterns are written for PCRE (ModSecurity) and RE2
 * (Coraza); they run on RE2/J, linear in the input whatever the pattern, so no request can make
 * one backtrack. The module README lists what is done to keep the reference meaning:
 * <ul>
 *   <li>dot-all and multi-line mode, as ModSecurity v3 and Coraza compile every {@code @rx}:
 *       {@code .} matches a newline, {@code ^}/{@code $} match at line breaks, so {@code $}
 *       also matches before a trailing newline;</li>
 *   <li>{@code \s} includes the vertical tab 0x0b as in PCRE2 and Perl (RE2 leaves it out); MySQL
 *       accepts 0x0b as a separator, so {@code union\x0bselect} must still match
 *       {@code union\s+select}. {@code \S} excludes it accordingly;</li>
 *   <li>{@code \w}, {@code \d}, {@code \b} are ASCII-only; as values hold one byte per char, the
 *       bytes of a UTF-8 letter are non-word characters, as in PCRE without UCP;</li>
 *   <li>PCRE possessive quantifiers ({@code a*+}) become greedy ones: a greedy quantifier matches
 *       whenever the possessive one does, so no attack slips through;</li>
 *   <li>a pattern RE2 cannot express (look-around, back-references: none in CRS v4, three in CRS
 *       3.3) runs on {@code java.util.regex} with a budget of character reads proportional to the
 *       value's length; past it the evaluation stops with {@link RegexBudgetExceededException}.</li>
 * </ul>
 * A pattern from which {@link RequiredLiterals} can tell literals every match must hold is only
 * run on values holding one of them (found in one pass by an Aho–Corasick automaton): most
 * benign values never reach the regex engine.
 */
final class SecLangRegex {

    private static final Logger LOG = LoggerFactory.getLogger(SecLangRegex.class);

    private static final String SPACE_CHARS = "\\t\\n\\x0B\\f\\r\\x20";
    private static final String NON_SPACE_CHARS = "\\x00-\\x08\\x0E-\\x1F\\x21-\\x{10FFFF}";
    private static final String WORD = "[A-Za-z0-9_]";
    private static final String WORD_BOUNDARY = "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
    private static final String NOT_WORD_BOUNDARY = "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";
    private static final int MAX_GROUP_CAPTURED = 9;
    // Character reads the backtracking fallback may make: generous for any sane pattern (a few
    // hundred passes over the value), small enough to stop an exponential blow-up in milliseconds.
    private static final long FALLBACK_BASE_READS = 100_000;
    private static final long FALLBACK_READS_PER_CHAR = 500;

    private final String source;
    private final com.google.re2j.Pattern linear;
    private final java.util.regex.Pattern backtracking;
    /** Sets of literals every match holds one of each of, the most selective first; null when none. */
    private final List<Set<String>> requiredLiterals;
    private final Trie prefilter;
    /** Answers "no match" without RE2/J's NFA for most values; null when the syntax is beyond it. */
    private final ByteDfa dfa;
    /** The pattern is {@code ^.*$}: whole value, when it holds no newline. */
    private final boolean wholeLine;

    private SecLangRegex(String source, com.google.re2j.Pattern linear, java.util.regex.Pattern backtracking,
            List<Set<String>> requiredLiterals) {
        this.source = source;
        this.linear = linear;
        this.backtracking = backtracking;
        this.requiredLiterals = requiredLiterals;
        this.prefilter = requiredLiterals == null ? null
                : Trie.builder().ignoreCase().addKeywords(requiredLiterals.get(0)).build();
        this.dfa = linear == null ? null : ByteDfa.compile(translate(source)).orElse(null);
        this.wholeLine = linear != null && source.equals("^.*$");
    }

    /** @throws IllegalArgumentException when the pattern is not a valid regular expression */
    static SecLangRegex compile(String pattern) {
        String translated = translate(pattern);
        try {
            int flags = com.google.re2j.Pattern.DOTALL | com.google.re2j.Pattern.MULTILINE;
            com.google.re2j.Pattern compiled = com.google.re2j.Pattern.compile(translated, flags);
            return new SecLangRegex(pattern, compiled, null, RequiredLiterals.setsOf(translated).orElse(null));
        } catch (com.google.re2j.PatternSyntaxException re2Error) {
            java.util.regex.Pattern fallback;
            try {
                int flags = java.util.regex.Pattern.DOTALL | java.util.regex.Pattern.MULTILINE
                        | java.util.regex.Pattern.UNIX_LINES;
                fallback = java.util.regex.Pattern.compile(asciiWordBoundaries(translated), flags);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern does not compile (" + e.getDescription()
                        + (e.getIndex() >= 0 ? " at offset " + e.getIndex() : "") + "): " + pattern, e);
            }
            LOG.warn("@rx pattern uses syntax RE2 lacks ({}); it runs on java.util.regex under a backtracking budget: {}",
                    re2Error.getDescription(), pattern);
            return new SecLangRegex(pattern, null, fallback, null);
        }
    }

    /** Whether the pattern runs on RE2 (linear time) rather than the budgeted backtracking fallback. */
    boolean linearTime() {
        return linear != null;
    }

    /** Literals (lowercase) one of which every match holds, when the pattern has such; see {@link RequiredLiterals}. */
    Optional<Set<String>> requiredLiterals() {
        return Optional.ofNullable(requiredLiterals).map(sets -> sets.get(0));
    }

    /** Every set of literals {@link RequiredLiterals#setsOf} tells for the pattern, the most selective first. */
    Optional<List<Set<String>>> requiredLiteralSets() {
        return Optional.ofNullable(requiredLiterals);
    }

    /**
     * Whether the pattern matches somewhere in {@code value}; on a match with the {@code capture}
     * action, records TX:0 (whole match) to TX:9 (groups; empty for a group that took no part).
     * With {@code prefilterFirst}, a value holding none of the required literals is rejected before the regex runs.
     */
    boolean find(String value, MatchContext context, boolean prefilterFirst) {
        if (prefilterFirst && prefilter != null && lacksRequiredLiteral(value)) {
            return false;
        }
        if (wholeLine && value.indexOf('\n') < 0) {
            // ^.*$ on a value of one line matches all of it (CRS 920450 and 920451 capture each
            // header name this way): no regex run needed for TX:0.
            if (context.capturing()) {
                context.capture(0, value);
            }
            return true;
        }
        if (linear != null) {
            if (dfa != null) {
                Optional<Boolean> verdict = dfa.matches(value);
                if (verdict.isPresent() && (!verdict.get() || !context.capturing())) {
                    // The DFA's answer is RE2's (ByteDfaTest holds them equal on every CRS
                    // pattern); RE2/J runs only to find the captures of a capturing rule.
                    return verdict.get();
                }
            }
            com.google.re2j.Matcher matcher = linear.matcher(value);
            if (!matcher.find()) {
                return false;
            }
            captureGroups(matcher.groupCount(), matcher::group, context);
            return true;
        }
        java.util.regex.Matcher matcher = backtracking.matcher(
                new BudgetedText(value, FALLBACK_BASE_READS + FALLBACK_READS_PER_CHAR * value.length()));
        try {
            if (!matcher.find()) {
                return false;
            }
        } catch (BudgetedText.Exhausted | StackOverflowError e) {
            // java.util.regex recurses per repetition of a group; a deep enough recursion is the
            // same runaway the budget stops.
            throw new RegexBudgetExceededException(source, value.length());
        }
        captureGroups(matcher.groupCount(), matcher::group, context);
        return true;
    }

    private boolean lacksRequiredLiteral(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0xff) {
                // Not a byte string: case folding beyond Latin-1 (U+212A KELVIN SIGN ~ k) is the
                // regex's to judge.
                return false;
            }
        }
        return !prefilter.containsMatch(value);
    }

    private static void captureGroups(int groupCount, IntFunction<String> group, MatchContext context) {
        if (!context.capturing()) {
            return;
        }
        int last = Math.min(groupCount, MAX_GROUP_CAPTURED);
        for (int i = 0; i <= last; i++) {
            String text = group.apply(i);
            context.capture(i, text == null ? "" : text);
        }
    }

    /**
     * {@code pattern} with {@code \s} and {@code \S} spelt as explicit classes that include 0x0b,
     * and possessive quantifiers made greedy.
     */
    static String translate(String pattern) {
        return rewriteEscapes(pattern, true, false);
    }

    /** For java.util.regex, whose {@code \b} counts Unicode letters as word characters: ASCII boundaries. */
    private static String asciiWordBoundaries(String pattern) {
        return rewriteEscapes(pattern, false, true);
    }

    private static String rewriteEscapes(String pattern, boolean forRe2, boolean wordBoundaries) {
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        boolean inClass = false;
        boolean afterQuantifier = false;
        int n = pattern.length();
        int i = 0;
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char next = pattern.charAt(i + 1);
                afterQuantifier = false;
                if (next == 'Q') {
                    int end = pattern.indexOf("\\E", i + 2);
                    int stop = end < 0 ? n : end + 2;
                    out.append(pattern, i, stop);
                    i = stop;
                    continue;
                }
                if (forRe2 && next == 's') {
                    out.append(inClass ? SPACE_CHARS : "[" + SPACE_CHARS + "]");
                } else if (forRe2 && next == 'S') {
                    out.append(inClass ? NON_SPACE_CHARS : "[^" + SPACE_CHARS + "]");
                } else if (wordBoundaries && !inClass && next == 'b') {
                    out.append(WORD_BOUNDARY);
                } else if (wordBoundaries && !inClass && next == 'B') {
                    out.append(NOT_WORD_BOUNDARY);
                } else {
                    out.append(c).append(next);
                }
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == '[' && i + 1 < n && pattern.charAt(i + 1) == ':') {
                    int end = pattern.indexOf(":]", i + 2);
                    if (end >= 0) {
                        out.append(pattern, i, end + 2);
                        i = end + 2;
                        continue;
                    }
                }
                inClass = c != ']';
                out.append(c);
                i++;
                continue;
            }
            if (forRe2 && c == '+' && afterQuantifier) {
                // PCRE possessive quantifier (a*+, a++, a?+, a{2}+): RE2 has none; greedy matches a superset.
                afterQuantifier = false;
                i++;
                continue;
            }
            afterQuantifier = c == '*' || c == '+' || (c == '?' && (i == 0 || pattern.charAt(i - 1) != '('))
                    || (c == '}' && closesCountedRepetition(out));
            out.append(c);
            i++;
            if (c == '[') {
                inClass = true;
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                if (i < n && pattern.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                if (i < n && pattern.charAt(i) == ']') {
                    out.append(']');
                    i++;
                }
            }
        }
        return out.toString();
    }

    /** Whether {@code out} ends with {@code {n}}, {@code {n,}} or {@code {n,m}} once '}' is added. */
    private static boolean closesCountedRepetition(StringBuilder out) {
        int open = out.lastIndexOf("{");
        return open >= 0 && out.substring(open + 1).matches("\\d+(,\\d*)?");
    }

    /** The value as the backtracking matcher reads it, counting reads against a budget. */
    private static final class BudgetedText implements CharSequence {

        /** Thrown without a stack trace: it unwinds a runaway match, it does not report a bug. */
        static final class Exhausted extends RuntimeException {

            private static final long serialVersionUID = 1L;

            Exhausted() {
                super(null, null, false, false);
            }
        }

        private final String value;
        private long readsLeft;

        BudgetedText(String value, long budget) {
            this.value = value;
            this.readsLeft = budget;
        }

        @Override
        public char charAt(int index) {
            if (--readsLeft < 0) {
                throw new Exhausted();
            }
            return value.charAt(index);
        }

        @Override
        public int length() {
            return value.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return value.substring(start, end);
        }

        @Override
        public String toString() {
            return value;
        }
    }
}

package dev.rampart.waf.operator;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * {@code @pm}: matches when any of the space-separated phrases occurs in the value,
 * case-insensitively, in one pass over the value whatever the number of phrases (an Aho–Corasick
 * automaton); captures the first phrase found, as written in the value, as {@code TX:0}.
 * <pre>SecRule REQUEST_HEADERS:User-Agent "@pm nikto sqlmap nessus" "id:1,phase:1,deny"</pre>
 */
public final class Pm implements Operator {

    private final Trie phrases;
    private final Set<String> phraseSet;

    /** An operator matching any of {@code phrases}; an empty collection matches nothing. */
    public Pm(Collection<String> phrases) {
        this.phrases = Trie.builder().ignoreCase().addKeywords(phrases).build();
        this.phraseSet = Set.copyOf(phrases);
    }

    /**
     * The phrases as given: the operator matches exactly the values holding one of them, each
     * char folded by {@link Character#toLowerCase(char)} on both sides (as the automaton folds),
     * empty phrases aside (they match nothing).
     */
    public Set<String> phrases() {
        return phraseSet;
    }

    /** The operator for the argument of {@code @pm}: phrases separated by whitespace. */
    public static Pm ofPhrases(String argument) {
        String trimmed = argument.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("expects one or more space-separated phrases, got nothing");
        }
        return new Pm(Arrays.asList(trimmed.split("\\s+")));
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        if (!context.capturing()) {
            return phrases.containsMatch(value);
        }
        Emit first = phrases.firstMatch(value);
        if (first == null) {
            return false;
        }
        context.capture(0, value.substring(first.getStart(), first.getEnd() + 1));
        return true;
    }
}

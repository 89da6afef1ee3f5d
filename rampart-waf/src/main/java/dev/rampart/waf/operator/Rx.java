package dev.rampart.waf.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code @rx}: matches when the regular expression finds a match anywhere in the value; with the
 * {@code capture} action, {@code TX:0} gets the whole match and {@code TX:1}..{@code TX:9} the
 * groups (empty for a group that did not take part). Patterns run on RE2/J in linear time; see
 * {@link SecLangRegex} for how PCRE meaning is kept and for the budgeted fallback that may throw
 * {@link RegexBudgetExceededException}. A pattern with {@code %{macros}} is expanded and compiled
 * per evaluation, through a small cache since the expanded text rarely changes; an expansion that
 * does not compile throws {@link IllegalArgumentException} from {@link #matches}.
 * <pre>SecRule REQUEST_HEADERS:Content-Length "!@rx ^\d+$" "id:1,phase:1,deny"</pre>
 */
public final class Rx implements Operator {

    private static final int EXPANDED_CACHE_SIZE = 32;

    private final MacroText source;
    private final SecLangRegex fixed;
    private final Map<String, SecLangRegex> expanded;

    public Rx(String pattern) {
        this.source = new MacroText(pattern);
        this.fixed = source.hasMacros() ? null : SecLangRegex.compile(pattern);
        this.expanded = source.hasMacros() ? new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SecLangRegex> eldest) {
                return size() > EXPANDED_CACHE_SIZE;
            }
        } : null;
    }

    /** A pattern without macros. */
    @Override
    public boolean dependsOnValueOnly() {
        return fixed != null;
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        return regex(context).find(value, context, true);
    }

    /**
     * {@link #matches} for a caller that has already found one of {@link #requiredLiterals()} in
     * {@code value} (the engine's one-pass prefilter): the regex runs without scanning for them again.
     */
    public boolean matchesHoldingRequiredLiteral(String value, MatchContext context) {
        return regex(context).find(value, context, false);
    }

    /**
     * Literals (lowercase) one of which every match contains, for a pattern without macros from
     * which they can be told: a value holding none of them cannot match. The engine may scan a
     * value once for the literals of all its rules and skip the rules whose literals are absent.
     */
    public Optional<Set<String>> requiredLiterals() {
        return fixed == null ? Optional.empty() : fixed.requiredLiterals();
    }

    /**
     * Sets of literals (lowercase) such that every match holds one literal of each, the most
     * selective first ({@link #requiredLiterals()} is the first): a value missing every literal
     * of any one set cannot match.
     */
    public Optional<List<Set<String>>> requiredLiteralSets() {
        return fixed == null ? Optional.empty() : fixed.requiredLiteralSets();
    }

    /** Whether the (fixed) pattern runs in linear time on RE2 rather than on the budgeted fallback. */
    boolean linearTime() {
        return fixed == null || fixed.linearTime();
    }

    private SecLangRegex regex(MatchContext context) {
        if (fixed != null) {
            return fixed;
        }
        String text = source.resolve(context);
        synchronized (expanded) {
            SecLangRegex pattern = expanded.get(text);
            if (pattern == null) {
                pattern = SecLangRegex.compile(text);
                expanded.put(text, pattern);
            }
            return pattern;
        }
    }
}

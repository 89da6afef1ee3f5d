package dev.rampart.waf.operator;

import dev.rampart.waf.transform.ByteText;

/**
 * {@code @containsWord}: matches when the argument (macros expanded) occurs in the value as a whole
 * word: not preceded nor followed by a letter, digit or underscore. {@code select} matches in
 * {@code 1 union select x} but not in {@code a wide selection}. An empty argument always matches.
 * <pre>SecRule ARGS "@containsWord select" "id:1,phase:2,deny"</pre>
 */
public final class ContainsWord implements Operator {

    private final MacroText expected;

    public ContainsWord(String argument) {
        this.expected = new MacroText(argument);
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        String word = expected.resolve(context);
        if (word.isEmpty()) {
            return true;
        }
        for (int at = value.indexOf(word); at >= 0; at = value.indexOf(word, at + 1)) {
            int after = at + word.length();
            boolean startsWord = at == 0 || !ByteText.isWordChar(value.charAt(at - 1));
            boolean endsWord = after == value.length() || !ByteText.isWordChar(value.charAt(after));
            if (startsWord && endsWord) {
                if (context.capturing()) {
                    context.capture(0, word);
                }
                return true;
            }
        }
        return false;
    }
}

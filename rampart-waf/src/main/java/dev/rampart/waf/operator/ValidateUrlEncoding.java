package dev.rampart.waf.operator;

import dev.rampart.waf.transform.ByteText;

/**
 * {@code @validateUrlEncoding}: matches when the value holds an invalid percent-encoding: a
 * {@code %} not followed by two hex digits ({@code %zz}, or a {@code %4} cut off at the end),
 * which back ends decode inconsistently and evasions rely on.
 * <pre>SecRule REQUEST_URI "@validateUrlEncoding" "id:1,phase:1,deny"</pre>
 */
public final class ValidateUrlEncoding implements Operator {

    @Override
    public boolean matches(String value, MatchContext context) {
        for (int i = value.indexOf('%'); i >= 0; i = value.indexOf('%', i + 3)) {
            if (!ByteText.hasHexDigits(value, i + 1, 2)) {
                return true;
            }
        }
        return false;
    }
}

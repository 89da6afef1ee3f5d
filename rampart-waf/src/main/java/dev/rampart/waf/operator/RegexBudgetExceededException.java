package dev.rampart.waf.operator;

/**
 * An {@code @rx} pattern that RE2 cannot run (look-around, back-references; none in CRS v4, a few
 * in CRS v3) ran on the backtracking fallback and used up its per-evaluation budget: the input
 * drove it towards catastrophic backtracking. Neither a match nor a non-match is known; the engine
 * decides (ModSecurity's counterpart is {@code MSC_PCRE_LIMITS_EXCEEDED}). The message names the
 * pattern and the value's length, never the value, which may hold a secret.
 */
public final class RegexBudgetExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RegexBudgetExceededException(String pattern, int valueLength) {
        super("@rx " + abbreviated(pattern) + " exceeded its backtracking budget on a " + valueLength
                + "-byte value; rewrite the pattern without look-around or back-references so it runs in linear time");
    }

    private static String abbreviated(String pattern) {
        return pattern.length() <= 80 ? pattern : pattern.substring(0, 77) + "...";
    }
}

package dev.rampart.gateway.config;

import java.util.List;
import java.util.Locale;

/** Finds the key a user most likely meant: {@code pathPrefix}, {@code path_prefix} or {@code path-prefx} for {@code path-prefix}. */
final class KeySuggestions {

    private KeySuggestions() {
    }

    /**
     * The allowed key closest to {@code typed}, or null when none is close: the same key in another
     * case style (camelCase, snake_case), else one within a small edit distance (about one typo per
     * four characters).
     */
    static String closest(String typed, List<String> allowed) {
        String squashed = squash(typed);
        for (String key : allowed) {
            if (squash(key).equals(squashed)) {
                return key;
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : allowed) {
            int d = distance(typed.toLowerCase(Locale.ROOT), key);
            if (d < bestDistance) {
                best = key;
                bestDistance = d;
            }
        }
        int tolerance = Math.max(1, Math.min(3, typed.length() / 4));
        return bestDistance <= tolerance ? best : null;
    }

    private static String squash(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

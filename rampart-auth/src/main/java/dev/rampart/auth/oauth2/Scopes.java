package dev.rampart.auth.oauth2;

import java.util.LinkedHashSet;
import java.util.Set;

/** The scope syntax of RFC 6749 §3.3: space-delimited tokens of printable ASCII, no quote or backslash. */
final class Scopes {

    private Scopes() {
    }

    /** Whether {@code token} is a scope-token: 1*( %x21 / %x23-5B / %x5D-7E ). */
    static boolean isToken(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    static void requireToken(String token, String field) {
        if (!isToken(token)) {
            throw new IllegalArgumentException(field + ": '" + token + "' is not a valid entry; use printable ASCII "
                    + "without spaces, quotes or backslashes (RFC 6749 §3.3), e.g. orders:read");
        }
    }

    /**
     * The scopes of a {@code scope} parameter, in order, duplicates dropped; {@code null} when the
     * parameter is malformed (empty tokens from doubled spaces are malformed too).
     */
    static Set<String> parse(String parameter) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String token : parameter.split(" ", -1)) {
            if (!isToken(token)) {
                return null;
            }
            scopes.add(token);
        }
        return scopes;
    }
}

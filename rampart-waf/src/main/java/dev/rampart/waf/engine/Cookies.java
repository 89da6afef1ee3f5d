package dev.rampart.waf.engine;

/**
 * Splits a {@code Cookie} header into REQUEST_COOKIES as ModSecurity does for version-0 cookies:
 * pairs separated by {@code ;}, names and values trimmed, values not URL-decoded; a pair without
 * {@code =} is a cookie with an empty value.
 */
final class Cookies {

    private Cookies() {}

    static void parse(String header, KeyedCollection into) {
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                into.add(trimmed, "");
            } else {
                into.add(trimmed.substring(0, equals).trim(), trimmed.substring(equals + 1).trim());
            }
        }
    }
}

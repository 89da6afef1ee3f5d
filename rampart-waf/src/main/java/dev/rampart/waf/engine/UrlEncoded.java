package dev.rampart.waf.engine;

import java.util.function.BiConsumer;

/**
 * {@code application/x-www-form-urlencoded} parsing for the query string and URL-encoded bodies:
 * pairs split on {@code &}, {@code +} is a space, {@code %XX} a byte; an invalid escape is kept as
 * written and reported (URLENCODED_ERROR) rather than rejected, so rules still see it.
 */
public final class UrlEncoded {

    private UrlEncoded() {}

    /** Calls {@code sink} with each decoded name and value; returns whether an invalid escape was seen. */
    public static boolean parse(String text, BiConsumer<String, String> sink) {
        if (text.isEmpty()) {
            return false;
        }
        boolean invalid = false;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                String pair = text.substring(start, end);
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                invalid |= !validEscapes(name) || !validEscapes(value);
                sink.accept(decode(name), decode(value));
            }
            start = end + 1;
        }
        return invalid;
    }

    /** {@code text} with {@code +} as space and valid {@code %XX} escapes decoded to byte chars. */
    public static String decode(String text) {
        return decode(text, true);
    }

    /** {@code text} with valid {@code %XX} escapes decoded to byte chars; {@code +} stays (URI paths). */
    public static String decodePercent(String text) {
        return decode(text, false);
    }

    private static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+' && plusIsSpace) {
                out.append(' ');
            } else if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0
                    && hex(text.charAt(i + 2)) >= 0) {
                out.append((char) (hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2))));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean validEscapes(String text) {
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length() || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}

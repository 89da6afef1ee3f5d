package dev.rampart.gateway.guard;

import java.util.Locale;

/**
 * Host names as the guards compare them: lower case, without port, without the trailing dot of a
 * fully qualified name, IPv6 literals in brackets. Anything that is not a syntactically valid host
 * is refused rather than guessed at, because a lenient parser is what Host-header and Origin
 * bypasses ({@code evil.com#.example.com}, {@code evil.com\@x.example.com}) feed on.
 */
final class HostNames {

    private HostNames() {
    }

    /**
     * The canonical form of a {@code Host} value ({@code uri-host [ ":" port ]}, RFC 9110 §7.2), or
     * null when it is not a valid host. Returns {@code raw} itself, without allocating, when it is
     * already canonical.
     */
    static String normalise(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        int portColon = portColon(raw);
        if (portColon == -2) {
            return null;
        }
        int end = portColon < 0 ? raw.length() : portColon;
        if (portColon >= 0 && !isPort(raw, portColon + 1, raw.length())) {
            return null;
        }
        if (raw.charAt(0) == '[' || (portColon < 0 && raw.indexOf(':') >= 0)) {
            int from = raw.charAt(0) == '[' ? 1 : 0;
            int to = raw.charAt(0) == '[' ? end - 1 : end;
            if (!isIpv6Literal(raw, from, to)) {
                return null;
            }
            String literal = raw.substring(from, to).toLowerCase(Locale.ROOT);
            return "[" + literal + "]";
        }
        if (end > 1 && raw.charAt(end - 1) == '.') {
            end--; // "example.com." names the same host as "example.com" (RFC 1034 §3.1)
        }
        if (!isHostName(raw, 0, end)) {
            return null;
        }
        boolean lowerCase = true;
        for (int i = 0; i < end && lowerCase; i++) {
            char c = raw.charAt(i);
            lowerCase = c < 'A' || c > 'Z';
        }
        if (lowerCase && end == raw.length()) {
            return raw;
        }
        return raw.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** Whether {@code raw} carries a port ({@code host:8443}, {@code [::1]:8443}). */
    static boolean hasPort(String raw) {
        return portColon(raw) >= 0;
    }

    /**
     * Whether {@code s[from, to)} is a DNS name or IPv4 address: dot-separated labels of letters,
     * digits, {@code -} and {@code _}, each 1..63 characters.
     */
    static boolean isHostName(CharSequence s, int from, int to) {
        if (from >= to || to - from > 253) {
            return false;
        }
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            char c = i < to ? s.charAt(i) : '.';
            if (c == '.') {
                int labelLength = i - labelStart;
                if (labelLength == 0 || labelLength > 63) {
                    return false;
                }
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[from, to)} is made of IPv6 literal characters and has at least two colons. */
    static boolean isIpv6Literal(CharSequence s, int from, int to) {
        if (to - from < 2 || to - from > 45) {
            return false;
        }
        int colons = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.')) {
                return false;
            }
        }
        return colons >= 2;
    }

    /** Whether {@code s[from, to)} is a decimal port 1..65535. */
    static boolean isPort(CharSequence s, int from, int to) {
        return parsePort(s, from, to) > 0;
    }

    /** The decimal port in {@code s[from, to)}, or -1 when it is not one in 1..65535. */
    static int parsePort(CharSequence s, int from, int to) {
        if (from >= to || to - from > 5) {
            return -1;
        }
        int port = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port >= 1 && port <= 65535 ? port : -1;
    }

    /**
     * The index of the colon before the port, -1 when there is no port, -2 when the brackets of an
     * IPv6 literal are unbalanced or followed by something other than a port.
     */
    private static int portColon(String raw) {
        if (!raw.isEmpty() && raw.charAt(0) == '[') {
            int close = raw.indexOf(']');
            if (close < 0) {
                return -2;
            }
            if (close == raw.length() - 1) {
                return -1;
            }
            return raw.charAt(close + 1) == ':' ? close + 1 : -2;
        }
        int first = raw.indexOf(':');
        // More than one colon without brackets is a bare IPv6 literal, which carries no port.
        return first >= 0 && raw.indexOf(':', first + 1) < 0 ? first : -1;
    }
}

package dev.rampart.detect.pii;

import java.util.List;
import java.util.Objects;

/**
 * Replaces what a {@link PiiScanner} finds with a masked form that keeps enough to recognise the
 * value and not enough to use it:
 *
 * <table>
 *   <caption>masks by type</caption>
 *   <tr><th>type</th><th>value</th><th>masked</th></tr>
 *   <tr><td>card</td><td>{@code 4111 1111 1111 1111}</td><td>{@code 4111********1111} (first and last four digits, separators dropped)</td></tr>
 *   <tr><td>iban</td><td>{@code DE89 3704 0044 0532 0130 00}</td><td>{@code DE89**************3000}</td></tr>
 *   <tr><td>ssn</td><td>{@code 536-22-1234}</td><td>{@code ***-**-1234}</td></tr>
 *   <tr><td>email</td><td>{@code jane.doe@example.com}</td><td>{@code j***@example.com}</td></tr>
 *   <tr><td>phone</td><td>{@code +1 415-555-2671}</td><td>{@code +* ***-***-**71} (last two digits)</td></tr>
 *   <tr><td>ip</td><td>{@code 203.0.113.77}, {@code 2001:db8:85a3::8a2e:370:7334}</td><td>{@code 203.0.113.*}, {@code 2001:db8:85a3:*}</td></tr>
 *   <tr><td>secret</td><td>{@code ghp_…}, {@code rmp_<key id>_…}</td><td>{@code ghp_********}, {@code rmp_<key id>_********} (vendor prefix, and a Rampart key's id)</td></tr>
 *   <tr><td>jwt</td><td>{@code eyJhbGciOiJIUzI1NiJ9.eyJzdWIi….sig}</td><td>{@code eyJhbGciOiJIUzI1NiJ9.***.***} (header kept)</td></tr>
 * </table>
 *
 * A mask holds no quote, backslash or control character, so a masked JSON string stays valid JSON;
 * a value found outside a JSON string (a card number written as a JSON number) is written as a
 * string when the text is JSON. Immutable and thread-safe.
 */
public final class PiiMasker {

    private final PiiScanner scanner;

    private PiiMasker(PiiScanner scanner) {
        this.scanner = scanner;
    }

    public static PiiMasker of(PiiScanner scanner) {
        return new PiiMasker(Objects.requireNonNull(scanner, "scanner"));
    }

    public PiiScanner scanner() {
        return scanner;
    }

    /** {@code text} with every finding masked; the same string when there is none. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<PiiFinding> found = scanner.scan(text);
        return found.isEmpty() ? text : mask(text, found, false);
    }

    /**
     * {@code text} with {@code findings} (as {@link PiiScanner#scan} returned them for this text)
     * masked. With {@code json}, a finding outside a JSON string is written as a JSON string.
     */
    public static String mask(CharSequence text, List<PiiFinding> findings, boolean json) {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        // JSON lexer state up to 'scanned': inside a string, and after a backslash in one
        boolean inString = false;
        boolean escaped = false;
        int scanned = 0;
        for (PiiFinding f : findings) {
            if (json) {
                for (; scanned < f.start(); scanned++) {
                    char c = text.charAt(scanned);
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\' && inString) {
                        escaped = true;
                    } else if (c == '"') {
                        inString = !inString;
                    }
                }
            }
            out.append(text, copied, f.start());
            String masked = maskValue(f.type(), f.valueIn(text));
            if (json && !inString) {
                out.append('"').append(masked).append('"');
            } else {
                out.append(masked);
            }
            copied = f.end();
            if (json) {
                scanned = f.end();   // a found value holds no quote or backslash
            }
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    /** The masked form of one value of {@code type} (see the table above). */
    public static String maskValue(PiiType type, String value) {
        return switch (type) {
            case CARD, IBAN -> keepEnds(alnum(value));
            case SSN -> "***-**-" + value.substring(value.length() - 4);
            case EMAIL -> {
                int at = value.lastIndexOf('@');
                yield value.charAt(0) + "***" + value.substring(at);
            }
            case PHONE -> phone(value);
            case IP -> ip(value);
            case SECRET -> secret(value);
            case JWT -> value.substring(0, value.indexOf('.')) + ".***.***";
        };
    }

    private static String alnum(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String keepEnds(String s) {
        if (s.length() <= 8) {
            return "*".repeat(s.length());
        }
        return s.substring(0, 4) + "*".repeat(s.length() - 8) + s.substring(s.length() - 4);
    }

    private static String phone(String value) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isDigit(value.charAt(i))) {
                digits++;
            }
        }
        StringBuilder b = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c)) {
                seen++;
                b.append(seen > digits - 2 ? c : '*');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String ip(String value) {
        if (value.indexOf(':') < 0) {
            return value.substring(0, value.lastIndexOf('.')) + ".*";
        }
        StringBuilder b = new StringBuilder();
        int kept = 0;
        for (String part : value.split(":", -1)) {
            if (part.isEmpty() || kept == 3 || part.indexOf('.') >= 0) {
                break;
            }
            b.append(part).append(':');
            kept++;
        }
        return b.append('*').toString();
    }

    private static String secret(String value) {
        if (value.startsWith("rmp_") && value.length() > 17) {
            return value.substring(0, 17) + "********";
        }
        if (value.startsWith("github_pat_")) {
            return "github_pat_********";
        }
        int cut = 0;
        for (int i = 0; i < value.length() && i < 8; i++) {
            char c = value.charAt(i);
            if (c == '_' || c == '-') {
                cut = i + 1;
            }
        }
        if (cut == 0) {
            cut = Math.min(4, value.length());     // AWS: AKIA / ASIA
        }
        return value.substring(0, cut) + "********";
    }
}

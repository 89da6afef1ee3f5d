package dev.rampart.detect.pii.internal;

import dev.rampart.detect.pii.Confidence;
import dev.rampart.detect.pii.PiiFinding;
import dev.rampart.detect.pii.PiiType;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Credentials of formats with a vendor prefix, which is what makes them findable at all:
 * <ul>
 *   <li>Rampart API keys {@code rmp_<12 base62>_<43 base62><6 base62 CRC32>} (rampart-auth's
 *       {@code ApiKeyFormat}): {@code HIGH} with a valid checksum, {@code LOW} without;</li>
 *   <li>AWS access key ids {@code AKIA}/{@code ASIA}/{@code ABIA}/{@code ACCA} + 16 of {@code [A-Z0-9]};</li>
 *   <li>GitHub tokens {@code ghp_ gho_ ghu_ ghs_ ghr_} + 36 base62, fine-grained {@code github_pat_} + 82;</li>
 *   <li>Slack tokens {@code xoxb- xoxp- xoxa- xoxr- xoxs- xoxo-} + at least 10 of {@code [A-Za-z0-9-]};</li>
 *   <li>Stripe secret and restricted keys {@code sk_live_ rk_live_} + at least 24 base62 ({@code HIGH}),
 *       their {@code _test_} forms {@code MEDIUM} (test keys, still credentials).</li>
 * </ul>
 * A token must stand alone: a word character right before or after it rejects it.
 */
final class Secrets {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Secrets() {
    }

    /** A credential starting at {@code start} (a letter), or null. */
    static PiiFinding find(CharSequence s, int start) {
        char c = s.charAt(start);
        switch (c) {
            case 'r':
                if (Chars.startsWith(s, start, "rmp_")) {
                    return rampartKey(s, start);
                }
                return stripe(s, start);
            case 'A':
                if (Chars.startsWith(s, start, "AKIA") || Chars.startsWith(s, start, "ASIA")
                        || Chars.startsWith(s, start, "ABIA") || Chars.startsWith(s, start, "ACCA")) {
                    int end = start + 4 + run(s, start + 4, 16, Secrets::isUpperAlnum);
                    return end == start + 20 && !Chars.wordAt(s, end)
                            ? new PiiFinding(PiiType.SECRET, start, end, Confidence.HIGH, "aws-access-key-id") : null;
                }
                return null;
            case 'g':
                if (Chars.startsWith(s, start, "github_pat_")) {
                    int end = start + 11 + run(s, start + 11, 82, ch -> Chars.isAlnum(ch) || ch == '_');
                    return end == start + 93 && !Chars.wordAt(s, end)
                            ? new PiiFinding(PiiType.SECRET, start, end, Confidence.HIGH, "github-token") : null;
                }
                if (Chars.startsWith(s, start, "gh") && start + 4 <= s.length() && s.charAt(start + 3) == '_'
                        && "pousr".indexOf(s.charAt(start + 2)) >= 0) {
                    int end = start + 4 + run(s, start + 4, 36, Chars::isAlnum);
                    return end == start + 40 && !Chars.wordAt(s, end)
                            ? new PiiFinding(PiiType.SECRET, start, end, Confidence.HIGH, "github-token") : null;
                }
                return null;
            case 'x':
                if (Chars.startsWith(s, start, "xox") && start + 5 <= s.length() && "bpaors".indexOf(s.charAt(start + 3)) >= 0
                        && s.charAt(start + 4) == '-') {
                    int len = run(s, start + 5, 255, ch -> Chars.isAlnum(ch) || ch == '-');
                    int end = start + 5 + len;
                    return len >= 10 && !Chars.wordAt(s, end)
                            ? new PiiFinding(PiiType.SECRET, start, end, Confidence.HIGH, "slack-token") : null;
                }
                return null;
            case 's':
                return stripe(s, start);
            default:
                return null;
        }
    }

    private static PiiFinding stripe(CharSequence s, int start) {
        boolean live = Chars.startsWith(s, start + 1, "k_live_") || Chars.startsWith(s, start + 1, "k_test_");
        if (!live || s.charAt(start) != 's' && s.charAt(start) != 'r') {
            return null;
        }
        boolean test = s.charAt(start + 3) == 't';
        int len = run(s, start + 8, 255, Chars::isAlnum);
        int end = start + 8 + len;
        return len >= 24 && !Chars.wordAt(s, end)
                ? new PiiFinding(PiiType.SECRET, start, end, test ? Confidence.MEDIUM : Confidence.HIGH, "stripe-key")
                : null;
    }

    private static PiiFinding rampartKey(CharSequence s, int start) {
        int idEnd = start + 4 + run(s, start + 4, 12, Chars::isAlnum);
        if (idEnd != start + 16 || idEnd >= s.length() || s.charAt(idEnd) != '_') {
            return null;
        }
        int end = idEnd + 1 + run(s, idEnd + 1, 49, Chars::isAlnum);
        if (end != idEnd + 50 || Chars.wordAt(s, end)) {
            return null;
        }
        String key = s.subSequence(start, end).toString();
        boolean valid = checksum(key.substring(0, key.length() - 6)).equals(key.substring(key.length() - 6));
        return new PiiFinding(PiiType.SECRET, start, end, valid ? Confidence.HIGH : Confidence.LOW, "rampart-api-key");
    }

    /** rampart-auth's key checksum: CRC32 of everything before it, as 6 base62 digits, most significant first. */
    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] chars = new char[6];
        for (int i = 5; i >= 0; i--) {
            chars[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(chars);
    }

    private static boolean isUpperAlnum(char c) {
        return Chars.isUpper(c) || Chars.isDigit(c);
    }

    /** How many characters from {@code from} (at most {@code max}) satisfy {@code test}. */
    private static int run(CharSequence s, int from, int max, CharTest test) {
        int i = from;
        while (i < s.length() && i - from < max && test.test(s.charAt(i))) {
            i++;
        }
        return i - from;
    }

    @FunctionalInterface
    private interface CharTest {
        boolean test(char c);
    }
}

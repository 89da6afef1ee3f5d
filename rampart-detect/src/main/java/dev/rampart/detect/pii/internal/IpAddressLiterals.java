package dev.rampart.detect.pii.internal;

import dev.rampart.core.net.IpAddresses;
import dev.rampart.detect.pii.Confidence;
import dev.rampart.detect.pii.PiiFinding;
import dev.rampart.detect.pii.PiiType;
import java.util.Set;

/**
 * IPv4 dotted quads (each part 0–255, no leading zero, not part of a longer dotted number) and IPv6
 * literals (RFC 4291 text forms, validated by core's strict parser, never a lookup).
 *
 * <p>Four-part version numbers look like addresses; one written right after "version", "ver",
 * "build" or "release", or glued to a 'v' ({@code v1.2.3.4}), is not reported, and an address whose
 * parts are all single digits ({@code 1.2.3.4}) is {@code LOW}. An IPv4 address after a cue such as
 * "ip", "client" or "from" is {@code HIGH}, others {@code MEDIUM}. An IPv6 address with at least
 * three groups written is {@code MEDIUM}, a shorter one ({@code ::1}, {@code fe80::1}) {@code LOW}.
 */
final class IpAddressLiterals {

    private static final Set<String> VERSION_CUES = Set.of("version", "ver", "build", "release", "firmware", "v");
    private static final Set<String> ADDRESS_CUES = Set.of("ip", "ipv4", "address", "addr", "client", "from", "host",
            "remote", "peer", "source");
    private static final int MAX_IPV6 = 45;

    private IpAddressLiterals() {
    }

    /** An IPv4 address starting at {@code start} (a digit), or null. */
    static PiiFinding ipv4(CharSequence s, int start) {
        int n = s.length();
        int i = start;
        boolean allSingle = true;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= n || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
            int from = i;
            int value = 0;
            while (i < n && Chars.isDigit(s.charAt(i)) && i - from < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - from;
            if (len == 0 || value > 255 || len > 1 && s.charAt(from) == '0' || Chars.digitAt(s, i)) {
                return null;
            }
            allSingle &= len == 1;
        }
        if (!Chars.numberEndsAt(s, i)) {
            return null;
        }
        if (Chars.wordBefore(s, start, 12, VERSION_CUES)) {
            return null;
        }
        Confidence confidence = allSingle ? Confidence.LOW
                : Chars.wordBefore(s, start, 20, ADDRESS_CUES) ? Confidence.HIGH : Confidence.MEDIUM;
        return new PiiFinding(PiiType.IP, start, i, confidence, "ipv4");
    }

    /** An IPv6 address starting at {@code start} (a hex digit or ':'), or null. */
    static PiiFinding ipv6(CharSequence s, int start) {
        int n = s.length();
        int i = start;
        int colons = 0;
        boolean dots = false;
        while (i < n && i - start <= MAX_IPV6) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
            } else if (c == '.') {
                dots = true;
            } else if (!Chars.isHex(c)) {
                break;
            }
            i++;
        }
        // a trailing ':' or '.' belongs to the sentence ("at fe80::1." / "from ::1:")
        while (i > start && (s.charAt(i - 1) == '.' || s.charAt(i - 1) == ':' && (i - 2 < start || s.charAt(i - 2) != ':'))) {
            if (s.charAt(i - 1) == ':') {
                colons--;
            }
            i--;
        }
        if (i - start > MAX_IPV6 || colons < 2 || Chars.wordAt(s, i)) {
            return null;
        }
        String text = s.subSequence(start, i).toString();
        boolean compressed = text.contains("::");
        if (!compressed && colons != (dots ? 6 : 7) || text.contains(":::") || text.equals("::")) {
            return null;
        }
        if (!IpAddresses.isLiteral(text)) {
            return null;
        }
        int groups = 0;
        for (String part : text.split(":")) {
            if (!part.isEmpty()) {
                groups += part.indexOf('.') >= 0 ? 2 : 1;     // an embedded IPv4 address fills two groups
            }
        }
        return new PiiFinding(PiiType.IP, start, i, groups >= 3 ? Confidence.MEDIUM : Confidence.LOW, "ipv6");
    }
}

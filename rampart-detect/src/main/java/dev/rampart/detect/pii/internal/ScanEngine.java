package dev.rampart.detect.pii.internal;

import dev.rampart.detect.pii.Confidence;
import dev.rampart.detect.pii.PiiFinding;
import dev.rampart.detect.pii.PiiType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One left-to-right pass over a text. Most characters cost one comparison: only the start of a word
 * (a character after a non-word one) and an '@' are looked at further, and a start goes to the
 * detectors its first character can begin (a digit: IP, card, SSN, phone; an upper-case letter:
 * IBAN, AWS; 'e': JWT; ...). Each detector reads forward at most the longest value of its type
 * (no regular expression, no backtracking), and the pass resumes after a value found, so the work is
 * linear in the text. Overlapping findings (an e-mail whose local part is a phone number) keep the
 * longer one.
 */
public final class ScanEngine {

    private final boolean card;
    private final boolean iban;
    private final boolean ssn;
    private final boolean email;
    private final boolean ip;
    private final boolean secret;
    private final boolean jwt;
    private final PhoneNumbers phones;
    private final Confidence minimum;

    public ScanEngine(Set<PiiType> types, Confidence minimum, String phoneRegion) {
        EnumSet<PiiType> t = types.isEmpty() ? EnumSet.noneOf(PiiType.class) : EnumSet.copyOf(types);
        card = t.contains(PiiType.CARD);
        iban = t.contains(PiiType.IBAN);
        ssn = t.contains(PiiType.SSN);
        email = t.contains(PiiType.EMAIL);
        ip = t.contains(PiiType.IP);
        secret = t.contains(PiiType.SECRET);
        jwt = t.contains(PiiType.JWT);
        phones = t.contains(PiiType.PHONE) ? new PhoneNumbers(phoneRegion, minimum) : null;
        this.minimum = minimum;
    }

    public List<PiiFinding> scan(CharSequence s) {
        List<PiiFinding> found = null;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '@') {
                if (email) {
                    found = add(found, EmailAddresses.at(s, i));
                }
                i++;
                continue;
            }
            boolean start = (Chars.isAlnum(c) || c == '+' || c == '(' || c == ':') && !Chars.wordAt(s, i - 1);
            if (!start) {
                i++;
                continue;
            }
            PiiFinding f = at(s, i, c);
            if (f != null) {
                found = add(found, f);
                i = f.end();
            } else {
                i++;
            }
        }
        return found == null ? List.of() : resolve(found);
    }

    /** The value starting at {@code i}, if any; the first detector that finds one wins. */
    private PiiFinding at(CharSequence s, int i, char c) {
        PiiFinding f = null;
        if (Chars.isDigit(c)) {
            if (!Chars.numberStartsAt(s, i)) {
                return null;
            }
            if (ip) {
                f = IpAddressLiterals.ipv4(s, i);
                if (f == null && hexThenColon(s, i)) {
                    f = IpAddressLiterals.ipv6(s, i);
                }
                if (f != null) {
                    return f;
                }
            }
            if (card || ssn) {
                NumberGroups groups = NumberGroups.read(s, i);
                if (card) {
                    f = CardNumbers.find(s, groups);
                }
                if (f == null && ssn) {
                    f = SocialSecurityNumbers.find(s, groups);
                }
                if (f != null) {
                    return f;
                }
            }
            return phones == null ? null : phones.find(s, i);
        }
        if (c == '+' || c == '(') {
            return phones == null || !Chars.digitAt(s, i + 1) && !(c == '+' && i + 2 < s.length() && s.charAt(i + 1) == '(')
                    ? null : phones.find(s, i);
        }
        if (c == ':') {
            return ip && i + 1 < s.length() && s.charAt(i + 1) == ':' ? IpAddressLiterals.ipv6(s, i) : null;
        }
        if (Chars.isUpper(c) && iban) {
            f = Ibans.find(s, i);
        }
        if (f == null && secret) {
            f = Secrets.find(s, i);
        }
        if (f == null && jwt && c == 'e') {
            f = JsonWebTokens.find(s, i);
        }
        if (f == null && ip && Chars.isHex(c) && hexThenColon(s, i)) {
            f = IpAddressLiterals.ipv6(s, i);
        }
        return f;
    }

    /** Whether a run of at most four hex digits at {@code i} is followed by ':' (an IPv6 group). */
    private static boolean hexThenColon(CharSequence s, int i) {
        int k = i;
        while (k < s.length() && k - i < 4 && Chars.isHex(s.charAt(k))) {
            k++;
        }
        return k < s.length() && s.charAt(k) == ':';
    }

    private List<PiiFinding> add(List<PiiFinding> found, PiiFinding f) {
        if (f == null || !f.confidence().atLeast(minimum)) {
            return found;
        }
        List<PiiFinding> list = found == null ? new ArrayList<>(4) : found;
        list.add(f);
        return list;
    }

    /** Sorted by start; of overlapping findings the longer is kept (the earlier one on a tie). */
    private static List<PiiFinding> resolve(List<PiiFinding> found) {
        if (found.size() < 2) {
            return found;
        }
        found.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start())
                : Integer.compare(b.end() - b.start(), a.end() - a.start()));
        List<PiiFinding> kept = new ArrayList<>(found.size());
        for (PiiFinding f : found) {
            if (!kept.isEmpty() && f.start() < kept.get(kept.size() - 1).end()) {
                PiiFinding last = kept.get(kept.size() - 1);
                if (f.end() - f.start() > last.end() - last.start()) {
                    kept.set(kept.size() - 1, f);
                }
                continue;
            }
            kept.add(f);
        }
        return kept;
    }
}

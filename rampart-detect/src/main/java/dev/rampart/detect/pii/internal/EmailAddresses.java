package dev.rampart.detect.pii.internal;

import dev.rampart.detect.pii.Confidence;
import dev.rampart.detect.pii.PiiFinding;
import dev.rampart.detect.pii.PiiType;
import java.util.Set;

/**
 * E-mail addresses as people write them (the dot-atom form of RFC 5322 §3.4.1, no quoted local parts
 * or address literals): found from the '@', local part to the left (at most 64 characters), domain
 * to the right (labels of letters, digits and '-', at most 253 characters) ending in an alphabetic
 * top-level label. Retina image names ({@code icon@2x.png}) end in a file extension, not a TLD, and
 * are not reported. Every finding is {@code HIGH}.
 */
final class EmailAddresses {

    private static final Set<String> FILE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js",
            "ico", "bmp", "tif", "tiff", "avif");

    private EmailAddresses() {
    }

    /** The address around the '@' at {@code at}, or null. */
    static PiiFinding at(CharSequence s, int at) {
        int start = at;
        while (start > 0 && at - start < 64 && isLocal(s.charAt(start - 1))) {
            start--;
        }
        if (start > 0 && isLocal(s.charAt(start - 1))) {
            return null;        // a local part longer than RFC 5321's 64 characters
        }
        while (start < at && s.charAt(start) == '.') {
            start++;
        }
        if (start == at || s.charAt(at - 1) == '.') {
            return null;
        }
        int n = s.length();
        int i = at + 1;
        int labelStart = i;
        int lastLabelStart = -1;
        int lastLabelEnd = -1;
        int labels = 0;
        while (i < n && i - at <= 253) {
            char c = s.charAt(i);
            if (Chars.isAlnum(c) || c == '-') {
                i++;
                continue;
            }
            if (c == '.' && i > labelStart && i + 1 < n && Chars.isAlnum(s.charAt(i + 1))) {
                labels++;
                lastLabelStart = i + 1;
                i++;
                labelStart = i;
                continue;
            }
            break;
        }
        if (labels == 0 || i == labelStart) {
            return null;
        }
        lastLabelEnd = i;
        int tldLength = lastLabelEnd - lastLabelStart;
        if (tldLength < 2 || tldLength > 24 || Chars.wordAt(s, i) || s.charAt(at + 1) == '-'
                || s.charAt(i - 1) == '-') {
            return null;
        }
        for (int k = lastLabelStart; k < lastLabelEnd; k++) {
            char c = s.charAt(k);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return null;
            }
        }
        String tld = s.subSequence(lastLabelStart, lastLabelEnd).toString().toLowerCase();
        if (FILE_EXTENSIONS.contains(tld)) {
            return null;
        }
        return new PiiFinding(PiiType.EMAIL, start, i, Confidence.HIGH, "email");
    }

    private static boolean isLocal(char c) {
        return Chars.isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }
}

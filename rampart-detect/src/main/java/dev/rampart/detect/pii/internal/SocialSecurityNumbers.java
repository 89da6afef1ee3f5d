package dev.rampart.detect.pii.internal;

import dev.rampart.detect.pii.Confidence;
import dev.rampart.detect.pii.PiiFinding;
import dev.rampart.detect.pii.PiiType;
import java.util.Set;

/**
 * US social security numbers, {@code AAA-GG-SSSS}. The SSA never issues area 000, 666 or 900–999,
 * group 00 or serial 0000, and some numbers became famous by being printed (078-05-1120 on
 * Woolworth's wallet insert, 219-09-9999 in an SSA leaflet, 457-55-5462 in LifeLock's ads, and the
 * placeholder 123-45-6789): none of these is reported. Dashed is {@code MEDIUM}; space-separated is
 * {@code LOW}; nine bare digits count only after a cue ("SSN", "social security") and are then
 * {@code MEDIUM}; a cue raises a dashed number to {@code HIGH}.
 */
final class SocialSecurityNumbers {

    private static final Set<String> PUBLISHED = Set.of("078051120", "219099999", "457555462", "123456789");
    private static final Set<String> CUES = Set.of("ssn", "social", "ss", "taxpayer", "tin");
    private static final int CUE_WINDOW = 30;

    private SocialSecurityNumbers() {
    }

    static PiiFinding find(CharSequence s, NumberGroups g) {
        if (g.overflow || g.digits != 9 || !Chars.numberEndsAt(s, g.end())) {
            return null;
        }
        boolean dashed = g.count == 3 && g.separator == '-' && g.length(0) == 3 && g.length(1) == 2;
        boolean spaced = g.count == 3 && g.separator == ' ' && g.length(0) == 3 && g.length(1) == 2;
        boolean bare = g.count == 1;
        if (!dashed && !spaced && !bare) {
            return null;
        }
        String d = g.digits(s, 0, g.count);
        if (!issuable(d)) {
            return null;
        }
        boolean cue = Chars.wordBefore(s, g.starts[0], CUE_WINDOW, CUES);
        Confidence confidence;
        if (dashed) {
            confidence = cue ? Confidence.HIGH : Confidence.MEDIUM;
        } else if (spaced) {
            confidence = cue ? Confidence.MEDIUM : Confidence.LOW;
        } else if (cue) {
            confidence = Confidence.MEDIUM;
        } else {
            return null;
        }
        return new PiiFinding(PiiType.SSN, g.starts[0], g.end(), confidence, "us-ssn");
    }

    /** Whether the SSA could have issued these nine digits. */
    static boolean issuable(String d) {
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0 && !PUBLISHED.contains(d);
    }
}

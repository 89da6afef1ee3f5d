package dev.rampart.detect.pii.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.rampart.detect.pii.Confidence;
import dev.rampart.detect.pii.PiiFinding;
import dev.rampart.detect.pii.PiiType;

/**
 * Telephone numbers, checked against libphonenumber's metadata of every numbering plan. The scanner
 * cuts a candidate (digits with single separators {@code space - . / ( )}, an optional leading '+')
 * and libphonenumber only parses and validates that short candidate, so its own text matcher never
 * runs over a whole body.
 *
 * <p>Confidence: international form ({@code +44 20 7946 0958}) valid in its plan is {@code HIGH}; a
 * national form whose digit groups are those of the plan's own format ({@code (415) 555-2671},
 * {@code 415.555.2671}, optionally after the country code) is {@code MEDIUM}; bare digits that happen
 * to form a valid number ({@code 4155552671}) are {@code LOW}: order numbers and timestamps look the same.
 */
final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_DIGITS = 17;

    private final String region;
    private final Confidence minimum;
    /** Digit counts a number written without '+' can have in the region: the plan's lengths, with a trunk prefix or country code. */
    private final boolean[] nationalDigits = new boolean[MAX_DIGITS + 1];

    PhoneNumbers(String region, Confidence minimum) {
        this.region = region;
        this.minimum = minimum;
        Phonemetadata.PhoneMetadata metadata = DefaultMetadataDependenciesProvider.getInstance()
                .getPhoneNumberMetadataSource().getMetadataForRegion(region);
        if (metadata != null) {
            int prefix = metadata.getNationalPrefix() == null ? 0 : metadata.getNationalPrefix().length();
            int countryCode = Integer.toString(metadata.getCountryCode()).length();
            for (int length : metadata.getGeneralDesc().getPossibleLengthList()) {
                for (int n : new int[] {length, length + prefix, length + countryCode}) {
                    if (n <= MAX_DIGITS) {
                        nationalDigits[n] = true;
                    }
                }
            }
        }
    }

    /** A phone number starting at {@code start} (a digit, '+' or '('), or null. */
    PiiFinding find(CharSequence s, int start) {
        int n = s.length();
        int i = start;
        boolean plus = s.charAt(i) == '+';
        if (plus) {
            i++;
        }
        int[] groups = new int[MAX_DIGITS];
        int groupCount = 0;
        int digits = 0;
        int end = -1;
        boolean open = false;
        if (i < n && s.charAt(i) == '(') {
            open = true;
            i++;
        }
        while (i < n && Chars.isDigit(s.charAt(i))) {
            int from = i;
            while (i < n && Chars.isDigit(s.charAt(i))) {
                i++;
            }
            digits += i - from;
            if (digits > MAX_DIGITS) {
                return null;
            }
            groups[groupCount++] = i - from;
            end = i;
            if (open && i < n && s.charAt(i) == ')') {
                open = false;
                i++;
                if (i < n && Chars.isDigit(s.charAt(i))) {
                    continue;       // "(415)555-2671"
                }
            }
            // up to two separators, then a digit must follow: "(415) 555", "415 - 555", "+1 (415)"
            int j = i;
            boolean opens = false;
            while (j < n && j - i < 2 && isSeparator(s.charAt(j))) {
                opens |= s.charAt(j) == '(';
                j++;
            }
            if (j == i || j >= n || !Chars.isDigit(s.charAt(j)) || opens && open) {
                break;
            }
            open |= opens;
            i = j;
        }
        if (end < 0 || open || digits < 7 || digits > 15 || !Chars.numberEndsAt(s, end)) {
            return null;
        }
        // Cheap checks first: parsing is the costly part, and most digit runs in a body are not phone numbers.
        Confidence best = plus ? Confidence.HIGH : groupCount == 1 ? Confidence.LOW : Confidence.MEDIUM;
        if (!best.atLeast(minimum) || !plus && !nationalDigits[digits]) {
            return null;
        }
        String candidate = s.subSequence(start, end).toString();
        PhoneNumber number;
        try {
            number = UTIL.parse(candidate, region);
        } catch (NumberParseException e) {
            return null;
        }
        if (!UTIL.isValidNumber(number)) {
            return null;
        }
        Confidence confidence;
        if (plus) {
            confidence = Confidence.HIGH;
        } else if (groupCount == 1) {
            confidence = Confidence.LOW;
        } else if (groupedLikePlan(number, groups, groupCount)) {
            confidence = Confidence.MEDIUM;
        } else {
            return null;
        }
        // the kind is the calling code: naming the region would scan every region sharing it (+1 has 25)
        return new PiiFinding(PiiType.PHONE, start, end, confidence, "+" + number.getCountryCode());
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(';
    }

    /** Whether the groups written are the plan's national groups, or the country code and then those. */
    private static boolean groupedLikePlan(PhoneNumber number, int[] groups, int count) {
        String national = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.NATIONAL);
        int[] plan = new int[MAX_DIGITS];
        int planCount = 0;
        int run = 0;
        for (int i = 0; i < national.length(); i++) {
            if (Chars.isDigit(national.charAt(i))) {
                run++;
            } else if (run > 0) {
                plan[planCount++] = run;
                run = 0;
            }
        }
        if (run > 0) {
            plan[planCount++] = run;
        }
        int offset = count - planCount;
        if (offset == 1 && groups[0] != Integer.toString(number.getCountryCode()).length()) {
            return false;
        }
        if (offset != 0 && offset != 1) {
            return false;
        }
        for (int k = 0; k < planCount; k++) {
            if (groups[k + offset] != plan[k]) {
                return false;
            }
        }
        return true;
    }
}

package dev.rampart.detect.pii.internal;

import dev.rampart.detect.pii.Confidence;
import dev.rampart.detect.pii.PiiFinding;
import dev.rampart.detect.pii.PiiType;

/**
 * Payment card numbers (PANs): 13–19 digits, whole or in groups of at least three joined by spaces or
 * dashes, Luhn-valid (ISO/IEC 7812-1). The issuer identification number (first digits) and the
 * length give the confidence: a known brand at one of its lengths is {@code HIGH}, a known brand at
 * another length {@code MEDIUM}, a Luhn-valid number of no known range {@code LOW} (one random
 * number in ten passes Luhn, so order numbers do).
 */
final class CardNumbers {

    private CardNumbers() {
    }

    static PiiFinding find(CharSequence s, NumberGroups g) {
        if (g.overflow) {
            return null;
        }
        PiiFinding whole = check(s, g, g.count);
        // "4111111111111111 10.0.0.1": an unseparated number followed by another one
        return whole != null || g.count == 1 || g.separator != ' ' ? whole : check(s, g, 1);
    }

    /** The card made of the first {@code groups} groups, if they are one. */
    private static PiiFinding check(CharSequence s, NumberGroups g, int groups) {
        int digits = 0;
        for (int k = 0; k < groups; k++) {
            digits += g.length(k);
            if (groups > 1 && g.length(k) < 3) {
                return null;
            }
        }
        if (digits < 13 || digits > 19 || groups == g.count && !Chars.numberEndsAt(s, g.ends[groups - 1])) {
            return null;
        }
        String number = g.digits(s, 0, groups);
        if (allSame(number) || !luhn(number)) {
            return null;
        }
        String brand = brand(number);
        Confidence confidence;
        if (brand == null) {
            confidence = Confidence.LOW;
            brand = "unknown";
        } else {
            confidence = lengthFits(brand, number.length()) ? Confidence.HIGH : Confidence.MEDIUM;
        }
        return new PiiFinding(PiiType.CARD, g.starts[0], g.ends[groups - 1], confidence, brand);
    }

    /** The Luhn mod-10 check over a string of digits. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static boolean allSame(String digits) {
        for (int i = 1; i < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    /** The brand whose IIN range holds the number (ranges as the networks publish them), or null. */
    static String brand(String d) {
        int two = Integer.parseInt(d.substring(0, 2));
        int three = Integer.parseInt(d.substring(0, 3));
        int four = Integer.parseInt(d.substring(0, 4));
        int six = Integer.parseInt(d.substring(0, 6));
        if (d.charAt(0) == '4') {
            return "visa";
        }
        if (two >= 51 && two <= 55 || four >= 2221 && four <= 2720) {
            return "mastercard";
        }
        if (two == 34 || two == 37) {
            return "amex";
        }
        if (four >= 2200 && four <= 2204) {
            return "mir";
        }
        if (four == 6011 || three >= 644 && three <= 649 || two == 65 || six >= 622126 && six <= 622925) {
            return "discover";
        }
        if (four >= 3528 && four <= 3589) {
            return "jcb";
        }
        if (three >= 300 && three <= 305 || four == 3095 || two == 36 || two == 38 || two == 39) {
            return "diners";
        }
        if (two == 62 || two == 81) {
            return "unionpay";
        }
        if (two == 50 || two >= 56 && two <= 69) {
            return "maestro";
        }
        return null;
    }

    private static boolean lengthFits(String brand, int length) {
        return switch (brand) {
            case "visa" -> length == 13 || length == 16 || length == 19;
            case "mastercard" -> length == 16;
            case "amex" -> length == 15;
            case "diners" -> length >= 14 && length <= 19;
            case "mir", "discover", "jcb", "unionpay" -> length >= 16 && length <= 19;
            default -> length >= 12 && length <= 19;      // maestro
        };
    }
}

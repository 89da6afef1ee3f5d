package dev.rampart.detect.pii.internal;

import dev.rampart.detect.pii.Confidence;
import dev.rampart.detect.pii.PiiFinding;
import dev.rampart.detect.pii.PiiType;
import java.util.HashMap;
import java.util.Map;

/**
 * IBANs (ISO 13616): country code, two check digits, then the BBAN, written whole
 * ({@code DE89370400440532013000}) or in groups of four ({@code DE89 3704 0044 0532 0130 00}). The
 * length must be the country's (SWIFT IBAN registry) and the mod-97 check must give 1, which a
 * random string passes once in 97 on top of the exact length: every finding is {@code HIGH}.
 */
final class Ibans {

    /** IBAN length by country, from the SWIFT IBAN registry. */
    private static final Map<String, Integer> LENGTHS = new HashMap<>();

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 "
                + "DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 "
                + "IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 "
                + "MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 "
                + "SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        for (String entry : table.split(" ")) {
            LENGTHS.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
    }

    private Ibans() {
    }

    /** An IBAN starting at {@code start} (an upper-case letter), or null. */
    static PiiFinding find(CharSequence s, int start) {
        int n = s.length();
        if (start + 4 > n || !Chars.isUpper(s.charAt(start + 1)) || !Chars.isDigit(s.charAt(start + 2))
                || !Chars.isDigit(s.charAt(start + 3))) {
            return null;
        }
        Integer length = LENGTHS.get(s.subSequence(start, start + 2).toString());
        if (length == null) {
            return null;
        }
        StringBuilder iban = new StringBuilder(34);
        int i = start;
        boolean grouped = false;
        while (i < n && iban.length() < length) {
            char c = s.charAt(i);
            if (Chars.isDigit(c) || Chars.isUpper(c)) {
                iban.append(c);
                i++;
            } else if (c == ' ' && iban.length() % 4 == 0 && (iban.length() == 4 || grouped) && i + 1 < n
                    && Chars.isAlnum(s.charAt(i + 1))) {
                grouped = true;     // the print form: a space after every four characters
                i++;
            } else {
                return null;
            }
        }
        if (iban.length() != length || Chars.wordAt(s, i)) {
            return null;
        }
        return mod97(iban) == 1 ? new PiiFinding(PiiType.IBAN, start, i, Confidence.HIGH, "iban-" + iban.substring(0, 2).toLowerCase())
                : null;
    }

    /** ISO 7064 MOD 97-10 over the IBAN with its first four characters moved to the end, letters as 10..35. */
    static int mod97(CharSequence iban) {
        int remainder = 0;
        int n = iban.length();
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            int value = Chars.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }
        return remainder;
    }
}

package dev.rampart.detect.pii;

/**
 * How sure a detector is that a finding is real sensitive data rather than a look-alike.
 *
 * <ul>
 *   <li>{@link #HIGH}: a checksum or a format that random text practically never has passed, and the
 *       structure fits the type exactly (a Luhn-valid number in a known card range of the right length,
 *       an IBAN of its country's length with mod-97, a token with its vendor prefix, a JWT whose header
 *       decodes, an international phone number valid in its plan).</li>
 *   <li>{@link #MEDIUM}: the format is right and the checks pass, but look-alikes exist (a dashed SSN
 *       outside the invalid ranges, a nationally written phone number, an IPv4 address in text).</li>
 *   <li>{@link #LOW}: plausible only (a Luhn-valid number in no known card range, nine bare digits near
 *       "SSN", ten bare digits that form a valid phone number, an address like {@code 1.2.3.4}).</li>
 * </ul>
 * The gateway's default threshold is {@link #MEDIUM}; the measured precision and recall in the module
 * README are at that threshold.
 */
public enum Confidence {
    LOW,
    MEDIUM,
    HIGH;

    /** Whether this is at least {@code other}. */
    public boolean atLeast(Confidence other) {
        return compareTo(other) >= 0;
    }
}

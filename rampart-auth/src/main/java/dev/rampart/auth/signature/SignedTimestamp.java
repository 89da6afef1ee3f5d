package dev.rampart.auth.signature;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A signed Unix timestamp in seconds and the window around the clock in which it is accepted. */
final class SignedTimestamp {

    /** Enough digits for any date until the year 33658; more is malformed rather than an overflow. */
    private static final int MAX_DIGITS = 12;
    /** The replay guard remembers a request for the whole window, so the window bounds its memory. */
    static final Duration MAX_TOLERANCE = Duration.ofHours(1);

    private SignedTimestamp() {
    }

    static Duration checkedTolerance(Duration tolerance) {
        if (tolerance.isNegative() || tolerance.isZero() || tolerance.compareTo(MAX_TOLERANCE) > 0) {
            throw new IllegalArgumentException("the timestamp tolerance must be positive and at most "
                    + MAX_TOLERANCE.toMinutes() + " minutes, got " + tolerance);
        }
        return tolerance;
    }

    static long parse(String text, String where) throws SignatureCheckFailed {
        if (text.isEmpty() || text.length() > MAX_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw SignatureCheckFailed.malformed(where + " must be Unix time in seconds: 1 to " + MAX_DIGITS + " digits");
        }
        return Long.parseLong(text);
    }

    /**
     * Refuses a timestamp further than {@code tolerance} from now, either way: an old one is a
     * captured request sent late, a future one would outlive the replay guard's memory.
     *
     * @return when a request with this timestamp stops being accepted: how long to remember it
     */
    static Instant checkWithin(long seconds, Duration tolerance, Clock clock, String where) throws SignatureCheckFailed {
        Instant signedAt = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        Duration skew = Duration.between(signedAt, now).abs();
        if (skew.compareTo(tolerance) > 0) {
            throw SignatureCheckFailed.of(SignatureRejection.TIMESTAMP_OUTSIDE_TOLERANCE, where + " is "
                    + skew.toSeconds() + " s " + (signedAt.isBefore(now) ? "old" : "in the future")
                    + ", outside the tolerance of " + tolerance.toSeconds() + " s");
        }
        return signedAt.plus(tolerance);
    }
}

package dev.rampart.auth.totp;

import java.time.Duration;
import java.util.Objects;

/**
 * How codes are made and checked. {@link #DEFAULT}: SHA-1, 6 digits, 30-second steps (RFC 6238 §5.2's
 * recommended step) and a window of one step either side for clock drift and typing time (§5.2 and
 * §6 allow "at most one time step" of network delay to be tolerated). These are what authenticator
 * apps assume when an otpauth URI says nothing else.
 */
public record TotpParameters(TotpAlgorithm algorithm, int digits, Duration period, int window) {

    public static final TotpParameters DEFAULT = new TotpParameters(TotpAlgorithm.SHA1, 6, Duration.ofSeconds(30), 1);

    public TotpParameters {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(period, "period");
        if (digits != 6 && digits != 8) {
            throw new IllegalArgumentException("TOTP codes have 6 or 8 digits, got " + digits);
        }
        if (period.isNegative() || period.isZero() || period.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("TOTP period must be a whole, positive number of seconds, got " + period);
        }
        if (window < 0 || window > 10) {
            throw new IllegalArgumentException("TOTP window must be between 0 and 10 steps, got " + window);
        }
    }

    public TotpParameters withAlgorithm(TotpAlgorithm algorithm) {
        return new TotpParameters(algorithm, digits, period, window);
    }

    public TotpParameters withDigits(int digits) {
        return new TotpParameters(algorithm, digits, period, window);
    }

    public TotpParameters withWindow(int window) {
        return new TotpParameters(algorithm, digits, period, window);
    }

    long periodSeconds() {
        return period.toSeconds();
    }
}

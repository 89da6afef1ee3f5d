package dev.rampart.auth.totp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks TOTP codes (RFC 6238) against an account's secret, accepting each code once.
 *
 * <pre>{@code
 * TotpVerifier totp = new TotpVerifier(TotpParameters.DEFAULT, new InMemoryUsedTimeSteps(), Clock.systemUTC());
 * boolean ok = totp.verify("alice", secret, "287082");
 * }</pre>
 *
 * <p>Guessing is bounded by the lockout of the login flow: with a window of ±1 step an attacker has
 * 3 chances in 10^6 per try, so failed codes must count as failed logins. Thread-safe.
 */
public final class TotpVerifier {

    private final TotpParameters parameters;
    private final UsedTimeSteps usedSteps;
    private final Clock clock;

    public TotpVerifier(TotpParameters parameters, UsedTimeSteps usedSteps, Clock clock) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.usedSteps = Objects.requireNonNull(usedSteps, "usedSteps");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public TotpParameters parameters() {
        return parameters;
    }

    /** The code at an instant: RFC 6238 §4.2, T = floor((t - T0) / X) with T0 = 0. */
    public String codeAt(TotpSecret secret, Instant at) {
        return Hotp.format(Hotp.code(parameters.algorithm(), secret.key(), timeStep(at), parameters.digits()),
                parameters.digits());
    }

    /**
     * Whether {@code code} is the account's code for the current step or one within the window, and
     * no code of that step or a later one was accepted before. Accepting records the step.
     */
    public boolean verify(String account, TotpSecret secret, String code) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(secret, "secret");
        if (code == null || code.length() != parameters.digits() || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        byte[] submitted = code.getBytes(StandardCharsets.US_ASCII);
        long now = timeStep(clock.instant());
        long matchedStep = Long.MIN_VALUE;
        // Every step in the window is computed and compared in constant time, so the response time
        // says neither which digits matched nor which step did.
        for (long step = now - parameters.window(); step <= now + parameters.window(); step++) {
            String expected = Hotp.format(Hotp.code(parameters.algorithm(), secret.key(), step, parameters.digits()),
                    parameters.digits());
            if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), submitted)) {
                matchedStep = Math.max(matchedStep, step);
            }
        }
        return matchedStep != Long.MIN_VALUE && usedSteps.recordIfLater(account, matchedStep);
    }

    private long timeStep(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), parameters.periodSeconds());
    }
}

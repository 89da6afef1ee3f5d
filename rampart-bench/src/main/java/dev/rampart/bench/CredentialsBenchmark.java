package dev.rampart.bench;

import dev.rampart.auth.password.PasswordBlocklist;
import dev.rampart.auth.password.PasswordHasher;
import dev.rampart.auth.password.PasswordOwner;
import dev.rampart.auth.password.PasswordPolicy;
import dev.rampart.auth.password.PolicyResult;
import dev.rampart.auth.totp.TotpAlgorithm;
import dev.rampart.auth.totp.TotpParameters;
import dev.rampart.auth.totp.TotpSecret;
import dev.rampart.auth.totp.TotpVerifier;
import dev.rampart.auth.totp.UsedTimeSteps;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a login's credential checks: {@code argon2idHashDefault} is one Argon2id hash with
 * the default parameters (RFC 9106's second option, 64 MiB, t=3, p=4) — what a password
 * verification costs, the number that bounds logins per second per core; {@code totpVerify} checks a
 * 6-digit code against the three steps of the ±1 window (replay store always accepts, so every call
 * does the full work); {@code passwordPolicyCheck} checks a 28-character candidate against a
 * 10,000-entry blocklist with no history (history costs one Argon2id per entry).
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CredentialsBenchmark {

    private PasswordHasher hasher;
    private TotpVerifier totp;
    private TotpSecret secret;
    private String code;
    private PasswordPolicy policy;
    private PasswordOwner owner;

    @Setup
    public void setUp() {
        hasher = PasswordHasher.withDefaults();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        UsedTimeSteps alwaysFresh = (account, step) -> true;
        totp = new TotpVerifier(TotpParameters.DEFAULT, alwaysFresh, Clock.fixed(now, ZoneOffset.UTC));
        secret = TotpSecret.generate(TotpAlgorithm.SHA1);
        // The next step's code: matched on the last of the three comparisons.
        code = totp.codeAt(secret, now.plusSeconds(30));
        List<String> common = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            common.add("common-password-" + i);
        }
        policy = PasswordPolicy.builder().blocklist(PasswordBlocklist.of(common)).build();
        owner = PasswordOwner.of("alice").withEmail("alice.smith@example.com");
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public String argon2idHashDefault() {
        return hasher.hash("correct horse battery staple");
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean totpVerify() {
        return totp.verify("alice", secret, code);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public PolicyResult passwordPolicyCheck() {
        return policy.check("correct horse battery staple", owner);
    }
}

package dev.rampart.auth.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Stripe-style signatures: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]}, each
 * {@code v1} an HMAC-SHA256 of {@code "<t>." + body} (Stripe Docs, "Verify webhook signatures
 * manually"). Signing the timestamp lets the receiver refuse old requests; the replay guard refuses a
 * repeated one while its timestamp is still within tolerance.
 *
 * <p>Several {@code v1} values appear while the sender rolls its secret; the request is accepted when
 * any matches under any of our keys. Other schemes in the header ({@code v0}, Stripe's test-mode
 * signature) are ignored, as Stripe's libraries do.
 */
public final class StripeSignatureScheme implements RequestSignatureVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final String headerName;
    private final List<HmacKey> keys;
    private final Duration tolerance;
    private final Clock clock;
    private final ReplayGuard replayGuard;

    private StripeSignatureScheme(Builder b) {
        this.headerName = b.headerName;
        this.keys = b.keys.build("StripeSignatureScheme");
        this.tolerance = SignedTimestamp.checkedTolerance(b.tolerance);
        this.clock = b.clock;
        this.replayGuard = b.replayGuard != null ? b.replayGuard : new InMemoryReplayGuard(b.clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Verdict verify(SignedRequest request) {
        try {
            String header = request.singleHeader(headerName, SignedRequest.MAX_SIGNATURE_HEADER_CHARS);
            if (header == null) {
                throw SignatureCheckFailed.missing(headerName);
            }
            String timestamp = null;
            List<byte[]> signatures = new ArrayList<>();
            for (String element : header.split(",", -1)) {
                int eq = element.indexOf('=');
                if (eq <= 0) {
                    throw SignatureCheckFailed.malformed(headerName + " must be comma-separated key=value pairs");
                }
                String key = element.substring(0, eq).strip();
                String value = element.substring(eq + 1).strip();
                if (key.equals("t")) {
                    if (timestamp != null) {
                        // Two timestamps: which one was signed depends on who parses; refuse the ambiguity.
                        throw SignatureCheckFailed.malformed(headerName + " has more than one t=");
                    }
                    timestamp = value;
                } else if (key.equals("v1")) {
                    byte[] mac = SignatureEncoding.HEX.decode(value);
                    if (mac == null || mac.length != 32) {
                        throw SignatureCheckFailed.malformed(headerName + " v1= must be 64 hex digits");
                    }
                    signatures.add(mac);
                }
            }
            if (timestamp == null) {
                throw SignatureCheckFailed.malformed(headerName + " has no t= timestamp");
            }
            if (signatures.isEmpty()) {
                throw SignatureCheckFailed.malformed(headerName + " has no v1= signature");
            }
            long seconds = SignedTimestamp.parse(timestamp, headerName + " t=");
            byte[] signedPrefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
            byte[] identity = Hmac.verify("HmacSHA256", keys, signatures, signedPrefix, request.body());
            if (identity == null) {
                return Verdict.rejected(SignatureRejection.BAD_SIGNATURE,
                        "no v1 signature in " + headerName + " matches the timestamp and body under any configured secret");
            }
            Instant forgetAt = SignedTimestamp.checkWithin(seconds, tolerance, clock, headerName + " t=");
            String replayKey = "stripe:" + seconds + ":" + Base64.getEncoder().encodeToString(identity);
            if (!replayGuard.firstSeen(replayKey, forgetAt)) {
                return Verdict.rejected(SignatureRejection.REPLAYED,
                        "this timestamp and signature were already accepted (a replayed request), or the replay guard is full");
            }
            return Verdict.accepted();
        } catch (SignatureCheckFailed failed) {
            return failed.verdict();
        }
    }

    @Override
    public String toString() {
        return "StripeSignatureScheme[" + headerName + ", " + keys.size() + " key(s), tolerance " + tolerance.toSeconds() + " s]";
    }

    public static final class Builder {
        private final SigningKeys keys = new SigningKeys();
        private String headerName = "Stripe-Signature";
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();
        private ReplayGuard replayGuard;

        private Builder() {
        }

        /** The endpoint secret ({@code whsec_…}, with {@link HmacKey#ofUtf8}); add the new one beside the old while rotating. */
        public Builder key(HmacKey key) {
            keys.add(key);
            return this;
        }

        /** For providers using Stripe's format under another name; default {@code Stripe-Signature}. */
        public Builder headerName(String name) {
            this.headerName = SignedRequest.checkedHeaderName(name);
            return this;
        }

        /** How far {@code t} may be from the clock, either way; default 5 minutes (Stripe's), at most 1 hour. */
        public Builder tolerance(Duration tolerance) {
            this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Default: an {@link InMemoryReplayGuard} of this verifier's own; share one across a cluster. */
        public Builder replayGuard(ReplayGuard guard) {
            this.replayGuard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        public StripeSignatureScheme build() {
            return new StripeSignatureScheme(this);
        }
    }
}

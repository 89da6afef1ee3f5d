package dev.rampart.gateway.guard;

import dev.rampart.auth.signature.GenericHmacScheme;
import dev.rampart.auth.signature.GitHubSignatureScheme;
import dev.rampart.auth.signature.HmacKey;
import dev.rampart.auth.signature.MacAlgorithm;
import dev.rampart.auth.signature.RequestSignatureVerifier;
import dev.rampart.auth.signature.SignatureEncoding;
import dev.rampart.auth.signature.SignedRequest;
import dev.rampart.auth.signature.StripeSignatureScheme;
import dev.rampart.auth.signature.Verdict;
import dev.rampart.core.Decision;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.SignatureConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Signed requests ({@code signature:}, webhooks): the route's body is buffered up to the limit,
 * its HMAC signature checked by rampart-auth's GitHub, Stripe-style or generic scheme (constant-time
 * comparison, timestamp tolerance, replay memory), and only then is the request proxied — with the
 * body exactly as received. A body over the limit cannot be verified and is refused with 413; a
 * signature that does not verify is 401 {@code invalid-signature} with the reason
 * ({@code missing-signature}, {@code bad-signature}, {@code replayed}, …) in the
 * {@code signature.rejected} event, never the secret or the signature.
 */
public final class SignedRequestGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "signature";
    private static final String CHALLENGE = "Signature realm=\"rampart\"";
    private static final Duration MAX_TOLERANCE = Duration.ofHours(1);

    private final RequestSignatureVerifier verifier;
    private final String scheme;
    private final long inspectionLimit;

    private SignedRequestGuard(RequestSignatureVerifier verifier, String scheme, long inspectionLimit) {
        this.verifier = verifier;
        this.scheme = scheme;
        this.inspectionLimit = inspectionLimit;
    }

    /**
     * @param routeMaxBody the route's body limit, used when {@code max-body-size} is not set
     * @param path where the config is, e.g. {@code routes[2].signature}
     * @throws IllegalArgumentException whose message starts with the config path of what is wrong
     */
    public static SignedRequestGuard from(SignatureConfig config, long routeMaxBody, String path) {
        if (!SignatureConfig.SCHEMES.contains(config.scheme())) {
            throw new IllegalArgumentException(path + ".scheme: '" + config.scheme() + "' is not a scheme; allowed: "
                    + String.join(", ", SignatureConfig.SCHEMES));
        }
        if (config.secrets().isEmpty()) {
            throw new IllegalArgumentException(path + ".secrets: give the shared secret, e.g. [\"${WEBHOOK_SECRET}\"]");
        }
        if (config.tolerance() != null && (config.tolerance().isNegative() || config.tolerance().isZero()
                || config.tolerance().compareTo(MAX_TOLERANCE) > 0)) {
            throw new IllegalArgumentException(path + ".tolerance: must be between 1s and 1h");
        }
        List<HmacKey> keys = config.secrets().stream().map(HmacKey::ofUtf8).toList();
        RequestSignatureVerifier verifier;
        try {
            verifier = switch (config.scheme()) {
                case "github" -> {
                    GitHubSignatureScheme.Builder b = GitHubSignatureScheme.builder();
                    keys.forEach(b::key);
                    yield b.build();
                }
                case "stripe" -> {
                    StripeSignatureScheme.Builder b = StripeSignatureScheme.builder();
                    keys.forEach(b::key);
                    if (config.header() != null) {
                        b.headerName(config.header());
                    }
                    if (config.tolerance() != null) {
                        b.tolerance(config.tolerance());
                    }
                    yield b.build();
                }
                default -> generic(config, keys, path);
            };
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(path) ? e
                    : new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        long limit = config.maxBodySize() != null ? Math.min(config.maxBodySize().bytes(), routeMaxBody) : routeMaxBody;
        return new SignedRequestGuard(verifier, config.scheme(), limit);
    }

    private static GenericHmacScheme generic(SignatureConfig config, List<HmacKey> keys, String path) {
        if (config.header() == null) {
            throw new IllegalArgumentException(path + ".header: the generic scheme needs the signature header, "
                    + "e.g. X-Signature");
        }
        GenericHmacScheme.Builder b = GenericHmacScheme.builder().signatureHeader(config.header());
        keys.forEach(b::key);
        if (config.algorithm() != null) {
            b.algorithm(switch (config.algorithm().toLowerCase(Locale.ROOT)) {
                case "hmac-sha256" -> MacAlgorithm.HMAC_SHA256;
                case "hmac-sha384" -> MacAlgorithm.HMAC_SHA384;
                case "hmac-sha512" -> MacAlgorithm.HMAC_SHA512;
                default -> throw new IllegalArgumentException(path + ".algorithm: '" + config.algorithm()
                        + "' is not allowed; use hmac-sha256, hmac-sha384 or hmac-sha512");
            });
        }
        if (config.encoding() != null) {
            b.encoding(switch (config.encoding().toLowerCase(Locale.ROOT)) {
                case "hex" -> SignatureEncoding.HEX;
                case "base64" -> SignatureEncoding.BASE64;
                default -> throw new IllegalArgumentException(path + ".encoding: '" + config.encoding()
                        + "' is not allowed; use hex or base64");
            });
        }
        if (config.prefix() != null) {
            b.prefix(config.prefix());
        }
        if (config.timestampHeader() != null) {
            b.timestampHeader(config.timestampHeader());
        }
        if (config.tolerance() != null) {
            b.tolerance(config.tolerance());
        }
        if (config.nonceHeader() != null) {
            b.nonceHeader(config.nonceHeader());
        }
        if (config.signedContent() != null) {
            b.signedContent(config.signedContent());
        }
        return b.build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long requestBodyInspectionLimit() {
        return inspectionLimit;
    }

    @Override
    public CompletionStage<Decision> onRequestBody(Exchange exchange, byte[] body, boolean truncated) {
        if (truncated) {
            exchange.emit(NAME, "signature.rejected", SecurityEvent.Severity.LOW, "body-too-large",
                    Map.of("scheme", scheme, "limit", Long.toString(inspectionLimit)));
            return Decision.deny(413, "body-too-large", "A signed request body may be at most " + inspectionLimit
                    + " bytes on this route: a longer one cannot be verified.").toStage();
        }
        return check(exchange, body);
    }

    private CompletionStage<Decision> check(Exchange exchange, byte[] body) {
        SignedRequest request = SignedRequest.of(exchange.request().method(), exchange.request().uri(),
                name -> exchange.request().headers().getAll(name), body);
        Verdict verdict = verifier.verify(request);
        if (verdict.isAccepted()) {
            return Decision.proceedStage();
        }
        String code = verdict.rejection().map(r -> r.code()).orElse("bad-signature");
        SecurityEvent.Severity severity = code.equals("missing-signature") ? SecurityEvent.Severity.LOW
                : SecurityEvent.Severity.MEDIUM;
        exchange.emit(NAME, "signature.rejected", severity, code, Map.of("scheme", scheme));
        return Decision.deny(401, "invalid-signature", "The request signature did not verify ("
                + code.replace('-', ' ') + ").").withHeader("WWW-Authenticate", CHALLENGE).toStage();
    }
}

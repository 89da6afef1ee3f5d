package dev.rampart.auth.signature;

import java.util.List;

/**
 * GitHub webhooks: {@code X-Hub-Signature-256: sha256=<hex>}, the HMAC-SHA256 of the body under the
 * webhook secret (GitHub Docs, "Validating webhook deliveries").
 *
 * <p>GitHub signs no timestamp, so a captured delivery verifies again; put the route behind TLS and
 * make the handler idempotent on {@code X-GitHub-Delivery} (which is not signed either).
 */
public final class GitHubSignatureScheme implements RequestSignatureVerifier {

    static final String HEADER = "X-Hub-Signature-256";
    static final String LEGACY_HEADER = "X-Hub-Signature";

    private final List<HmacKey> keys;
    private final boolean acceptLegacySha1;

    private GitHubSignatureScheme(Builder b) {
        this.keys = b.keys.build("GitHubSignatureScheme");
        this.acceptLegacySha1 = b.acceptLegacySha1;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Verdict verify(SignedRequest request) {
        try {
            String header = request.singleHeader(HEADER, SignedRequest.MAX_SIGNATURE_HEADER_CHARS);
            if (header != null) {
                return check(request, HEADER, header, "sha256=", "HmacSHA256", 32);
            }
            // Only when the SHA-256 header is absent: never a second chance after a failed SHA-256 check.
            if (acceptLegacySha1) {
                String legacy = request.singleHeader(LEGACY_HEADER, SignedRequest.MAX_SIGNATURE_HEADER_CHARS);
                if (legacy != null) {
                    return check(request, LEGACY_HEADER, legacy, "sha1=", "HmacSHA1", 20);
                }
            }
            throw SignatureCheckFailed.missing(HEADER);
        } catch (SignatureCheckFailed failed) {
            return failed.verdict();
        }
    }

    private Verdict check(SignedRequest request, String name, String value, String prefix, String jcaName, int macLength)
            throws SignatureCheckFailed {
        if (!value.startsWith(prefix)) {
            throw SignatureCheckFailed.malformed(name + " must start with '" + prefix + "'");
        }
        byte[] mac = SignatureEncoding.HEX.decode(value.substring(prefix.length()));
        if (mac == null || mac.length != macLength) {
            throw SignatureCheckFailed.malformed(name + " must be '" + prefix + "' and " + 2 * macLength + " hex digits");
        }
        if (Hmac.verify(jcaName, keys, List.of(mac), request.body()) == null) {
            return Verdict.rejected(SignatureRejection.BAD_SIGNATURE,
                    name + " does not match the body under any configured secret");
        }
        return Verdict.accepted();
    }

    public static final class Builder {
        private final SigningKeys keys = new SigningKeys();
        private boolean acceptLegacySha1;

        private Builder() {
        }

        /** The webhook secret; add the new one beside the old while rotating it. */
        public Builder key(HmacKey key) {
            keys.add(key);
            return this;
        }

        /**
         * Also accept {@code X-Hub-Signature: sha1=<hex>} when the SHA-256 header is absent. Off by
         * default: GitHub sends both headers on every delivery, so only an old GitHub Enterprise Server
         * needs this, and accepting it lets a forger pick the weaker of the two checks (a downgrade).
         */
        public Builder acceptLegacySha1(boolean accept) {
            this.acceptLegacySha1 = accept;
            return this;
        }

        public GitHubSignatureScheme build() {
            return new GitHubSignatureScheme(this);
        }
    }

    @Override
    public String toString() {
        return "GitHubSignatureScheme[" + keys.size() + " key(s), legacy SHA-1 " + (acceptLegacySha1 ? "on" : "off") + "]";
    }
}

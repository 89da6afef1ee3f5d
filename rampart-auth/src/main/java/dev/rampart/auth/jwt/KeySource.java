package dev.rampart.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Where an issuer's public verification keys come from. Implementations are thread-safe. */
interface KeySource {

    /** Smallest RSA modulus accepted (NIST SP 800-131A, RFC 7518 §3.3). */
    int MIN_RSA_BITS = 2048;

    /** The keys that match; blocks only when the source must fetch. */
    List<JWK> select(JWKMatcher matcher, Instant now) throws JwtRejectedException;

    /** Whether {@link #select} would do network I/O if called now. */
    boolean wouldFetch(JWKMatcher matcher, Instant now);

    /**
     * The members of {@code set} that may verify signatures: public keys only, not marked for
     * encryption ({@code use}, RFC 7517 §4.2) nor for other operations ({@code key_ops}, §4.3),
     * RSA of at least 2048 bits.
     */
    static List<JWK> verificationKeys(JWKSet set) {
        return set.toPublicJWKSet().getKeys().stream()
                .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
                .filter(k -> k.getKeyOperations() == null || k.getKeyOperations().contains(KeyOperation.VERIFY))
                .filter(k -> !(k instanceof RSAKey) || k.size() >= MIN_RSA_BITS)
                .toList();
    }

    /** A fixed set of keys given at configuration time. */
    final class Static implements KeySource {
        private final List<JWK> keys;

        Static(JWKSet set) {
            this.keys = verificationKeys(set);
        }

        @Override
        public List<JWK> select(JWKMatcher matcher, Instant now) {
            return keys.stream().filter(matcher::matches).toList();
        }

        @Override
        public boolean wouldFetch(JWKMatcher matcher, Instant now) {
            return false;
        }
    }

    /** Keys held in this process that may change (see {@code TrustedIssuer.Builder.liveKeys}). */
    final class Live implements KeySource {
        private final Supplier<JWKSet> supplier;
        private volatile JWKSet lastSet;
        private volatile List<JWK> lastKeys = List.of();

        Live(Supplier<JWKSet> supplier) {
            this.supplier = supplier;
        }

        @Override
        public List<JWK> select(JWKMatcher matcher, Instant now) {
            JWKSet current = supplier.get();
            List<JWK> keys = lastKeys;
            if (current != lastSet) {
                // filtered once per distinct set the supplier hands out, not once per token
                keys = verificationKeys(current);
                lastKeys = keys;
                lastSet = current;
            }
            return keys.stream().filter(matcher::matches).toList();
        }

        @Override
        public boolean wouldFetch(JWKMatcher matcher, Instant now) {
            return false;
        }
    }
}

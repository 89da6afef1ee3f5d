package dev.rampart.auth.jwt;

import java.security.Provider;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which JCA provider verifies RSA and ECDSA token signatures. Conscrypt (Google's JCA provider over
 * BoringSSL) verifies P-256 an order of magnitude faster than Bouncy Castle and the JDK's SunEC,
 * which is what a cold token costs; it ships native code for Linux (x86-64, aarch64) and Windows
 * x86-64. Where its native library cannot load, verification falls back to Bouncy Castle, with the
 * same results, only slower. The Wycheproof vectors run through whichever is in use.
 */
final class SignatureProviders {

    private static final Logger log = LoggerFactory.getLogger(SignatureProviders.class);

    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final Provider FAST = loadConscrypt().orElse(BOUNCY_CASTLE);

    private SignatureProviders() {
    }

    /** The provider for RSA (RS*, PS*) and ECDSA (ES*) verification. */
    static Provider forVerification() {
        return FAST;
    }

    private static Optional<Provider> loadConscrypt() {
        try {
            if (org.conscrypt.Conscrypt.isAvailable()) {
                return Optional.of(org.conscrypt.Conscrypt.newProvider());
            }
            log.info("Conscrypt's native library is not available on this platform; token signatures are verified "
                    + "with Bouncy Castle");
        } catch (LinkageError e) {
            log.info("Conscrypt could not be loaded ({}); token signatures are verified with Bouncy Castle", e.toString());
        }
        return Optional.empty();
    }
}

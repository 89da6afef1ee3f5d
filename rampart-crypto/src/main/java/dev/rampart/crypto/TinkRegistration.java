package dev.rampart.crypto;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.signature.SignatureConfig;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.security.GeneralSecurityException;

/**
 * Registers the Tink key types Rampart uses, once per JVM: key generation and keyset parsing go
 * through Tink's global registry (primitives are built with {@code ConfigurationV0}).
 */
final class TinkRegistration {

    static {
        try {
            AeadConfig.register();
            DeterministicAeadConfig.register();
            MacConfig.register();
            SignatureConfig.register();
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TinkRegistration() {}

    /** Loading this class registers the key types; calling it makes sure the class is loaded. */
    static void ensure() {
        // the static initializer did the work
    }
}

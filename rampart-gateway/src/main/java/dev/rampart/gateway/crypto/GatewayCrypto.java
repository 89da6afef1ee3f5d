package dev.rampart.gateway.crypto;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.rampart.core.EventBus;
import dev.rampart.core.config.CryptoConfig;
import dev.rampart.crypto.Crypto;
import dev.rampart.crypto.CryptoException;
import dev.rampart.crypto.MasterKeySource;
import dev.rampart.crypto.TransitAuthorizer;
import dev.rampart.gateway.server.GatewayStartException;
import dev.rampart.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's crypto service: opened at start on the gateway's store with the master key from
 * the environment or {@code crypto.master-key-file}.
 *
 * <p>Three outcomes at start: a master key is given and matches (the service is available); no
 * master key and nothing encrypted yet (the gateway runs, the transit and secrets endpoints answer
 * 503 saying how to configure a key — a gateway that never uses crypto needs no key); or encrypted
 * data exists without a key, or with the wrong one (the start is refused with the library's
 * message, since serving without the keys would fail every call that needs them).
 */
public final class GatewayCrypto {

    private static final Logger log = LoggerFactory.getLogger(GatewayCrypto.class);

    /** What the 503 answers and the start log say when no master key is configured. */
    public static final String HOW_TO_CONFIGURE = "The crypto service has no master key. Generate one with "
            + "'rampart crypto new-master-key' and give it to the gateway in RAMPART_MASTER_KEY, in a file named by "
            + "RAMPART_MASTER_KEY_FILE or crypto.master-key-file, or as a passphrase in RAMPART_MASTER_PASSPHRASE; "
            + "then restart the gateway.";

    private final Crypto crypto;
    private final TransitAuthorizer authorizer;

    private GatewayCrypto(Crypto crypto, TransitAuthorizer authorizer) {
        this.crypto = crypto;
        this.authorizer = authorizer;
    }

    /**
     * Opens the service. Blocks on the store.
     *
     * @param authorizer decides each transit and secrets operation (the gateway passes {@link CryptoAuthorizer})
     * @throws GatewayStartException when encrypted data exists and the master key is missing or wrong,
     *     or the key cannot be read; the message is the library's, saying how to provide it
     */
    public static GatewayCrypto open(Store store, CryptoConfig config, Path baseDir, EventBus events,
            TransitAuthorizer authorizer) {
        Crypto crypto;
        try {
            MasterKeySource key = masterKeySource(config, baseDir, System.getenv()).orElse(null);
            crypto = Crypto.open(store, key, events, authorizer, Clock.systemUTC());
        } catch (CryptoException e) {
            throw new GatewayStartException("cannot open the crypto service: " + e.getMessage(), e);
        }
        if (!crypto.unlocked()) {
            log.warn("crypto service unavailable: no master key (transit and secrets endpoints answer 503)",
                    kv("how_to_configure", HOW_TO_CONFIGURE));
        }
        return new GatewayCrypto(crypto, authorizer);
    }

    /** What decides {@code transit:…} and {@code secrets:…} permissions; the secrets endpoints ask it themselves. */
    public TransitAuthorizer authorizer() {
        return authorizer;
    }

    /**
     * The master key the operator configured: one of the RAMPART_MASTER_KEY* variables, or the file
     * {@code crypto.master-key-file} names; empty when none.
     *
     * @throws CryptoException when both the config and the environment give one (which wins would be a guess)
     */
    public static Optional<MasterKeySource> masterKeySource(CryptoConfig config, Path baseDir,
            Map<String, String> environment) {
        Optional<MasterKeySource> fromEnvironment = MasterKeySource.fromEnvironment(environment);
        if (config.masterKeyFile() == null) {
            return fromEnvironment;
        }
        if (fromEnvironment.isPresent()) {
            throw new CryptoException(CryptoException.Reason.INVALID_INPUT, "crypto.master-key-file is set and so is one of "
                    + "RAMPART_MASTER_KEY, RAMPART_MASTER_KEY_FILE and RAMPART_MASTER_PASSPHRASE; give the master key one way");
        }
        return Optional.of(MasterKeySource.fromFile(baseDir.resolve(config.masterKeyFile()).normalize()));
    }

    /** The service when a master key is loaded; empty when the gateway runs without one. */
    public Optional<Crypto> available() {
        return crypto.unlocked() ? Optional.of(crypto) : Optional.empty();
    }

    /**
     * Rotates the transit keys whose auto-rotate period has passed; the gateway calls it on a timer
     * from a worker thread. Blocks on the store.
     */
    public List<String> rotateDue() {
        if (!crypto.unlocked()) {
            return List.of();
        }
        List<String> rotated = crypto.transit().rotateDue();
        if (!rotated.isEmpty()) {
            log.info("transit keys rotated on their auto-rotate period", kv("keys", rotated));
        }
        return rotated;
    }

    /** The config loader's view: {@code ${secret:path#key}} resolved against this service's secrets. */
    public String resolveSecretReference(String reference) {
        if (!crypto.unlocked()) {
            throw new CryptoException(CryptoException.Reason.MASTER_KEY_MISSING, "${secret:" + reference
                    + "} cannot be resolved: " + HOW_TO_CONFIGURE);
        }
        return crypto.secretReferences().resolve(reference);
    }
}

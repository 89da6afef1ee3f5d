package dev.rampart.gateway.config;

import dev.rampart.core.config.CryptoConfig;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.event.BoundedEventBus;
import dev.rampart.crypto.Crypto;
import dev.rampart.crypto.TransitAuthorizer;
import dev.rampart.gateway.crypto.GatewayCrypto;
import dev.rampart.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves {@code ${secret:...}} references for a load without a running gateway (start, CLI).
 *
 * <p>The chicken and the egg: the secrets live in the store that the same file's {@code store}
 * section names, under the master key that the environment or its {@code crypto} section gives. So
 * a first reading of the file takes only those two sections — where a secret reference is an error,
 * as it could never be resolved — opens the store and the crypto service, and the real load then
 * resolves the references against it. Both are closed when the load ends.
 */
final class ConfigSecretsFromStore implements ConfigSecrets, AutoCloseable {

    private static final String IN_BOOTSTRAP_SECTION = "the 'store' and 'crypto' sections cannot hold ${secret:...} "
            + "references: the secrets live in that store, under that master key; use ${ENV} or ${file:...} there";

    private final Store store;
    private final BoundedEventBus events;
    private final Crypto crypto;
    private final String unavailable;

    private ConfigSecretsFromStore(Store store, BoundedEventBus events, Crypto crypto, String unavailable) {
        this.store = store;
        this.events = events;
        this.crypto = crypto;
        this.unavailable = unavailable;
    }

    /**
     * Reads the {@code store} and {@code crypto} sections of {@code text} and opens what they name.
     *
     * @throws ConfigException when one of those sections itself holds a secret reference
     */
    static ConfigSecretsFromStore open(String text, Path baseDir, String fileName) {
        Findings bootstrap = new Findings(fileName, new SourceMap());
        ObjectNode tree = YamlSource.read(text, new References(System::getenv, baseDir, reference -> {
            throw new IllegalStateException(IN_BOOTSTRAP_SECTION);
        }), ConfigSchema.get(), bootstrap);
        List<ConfigIssue> inBootstrap = bootstrap.errors().stream()
                .filter(e -> e.path().equals("store") || e.path().startsWith("store.")
                        || e.path().equals("crypto") || e.path().startsWith("crypto."))
                .toList();
        if (!inBootstrap.isEmpty()) {
            throw new ConfigException(baseDir.resolve(fileName), inBootstrap);
        }
        if (tree == null) {
            // the real load reports why the file cannot be read
            return failing("the file cannot be read");
        }
        StoreConfig storeConfig;
        CryptoConfig cryptoConfig;
        try {
            storeConfig = section(tree, "store", StoreConfig.class, StoreConfig.defaults());
            cryptoConfig = section(tree, "crypto", CryptoConfig.class, CryptoConfig.defaults());
        } catch (JacksonException e) {
            return failing("the 'store' or 'crypto' section is not valid");
        }
        Store store;
        try {
            store = Store.open(storeConfig, baseDir);
        } catch (RuntimeException e) {
            return failing("the store named in 'store' cannot be opened (" + e.getMessage() + ")");
        }
        BoundedEventBus events = new BoundedEventBus(64, BoundedEventBus.OverflowPolicy.DROP);
        try {
            Crypto crypto = Crypto.open(store,
                    GatewayCrypto.masterKeySource(cryptoConfig, baseDir, System.getenv()).orElse(null), events,
                    TransitAuthorizer.localOperator(), Clock.systemUTC());
            if (!crypto.unlocked()) {
                return new ConfigSecretsFromStore(store, events, null, GatewayCrypto.HOW_TO_CONFIGURE);
            }
            return new ConfigSecretsFromStore(store, events, crypto, null);
        } catch (RuntimeException e) {
            events.close(0);
            store.close();
            return failing(e.getMessage());
        }
    }

    private static ConfigSecretsFromStore failing(String why) {
        return new ConfigSecretsFromStore(null, null, null, why);
    }

    private static <T> T section(ObjectNode tree, String name, Class<T> type, T defaults) {
        JsonNode node = tree.get(name);
        return node == null || node.isNull() ? defaults : ConfigMapper.mapper().treeToValue(node, type);
    }

    @Override
    public String resolve(String reference) {
        if (crypto == null) {
            throw new IllegalStateException("${secret:" + reference + "} cannot be resolved: " + unavailable);
        }
        return crypto.secretReferences().resolve(reference);
    }

    @Override
    public void close() {
        if (events != null) {
            events.close(0);
        }
        if (store != null) {
            store.close();
        }
    }
}

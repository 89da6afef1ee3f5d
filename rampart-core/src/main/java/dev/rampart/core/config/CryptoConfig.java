package dev.rampart.core.config;

import java.time.Duration;

/**
 * The crypto service ({@code crypto:}): transit keys and the secrets store, at rest under the
 * master key. The master key itself is never written in the config: it comes from
 * {@code RAMPART_MASTER_KEY}, {@code RAMPART_MASTER_KEY_FILE} or {@code RAMPART_MASTER_PASSPHRASE},
 * or from the file {@code master-key-file} names.
 */
public record CryptoConfig(
        @Doc("File holding the master key (base64 of 32 bytes, e.g. from 'rampart crypto new-master-key'); relative "
                + "paths are relative to the config file. Default: none, the RAMPART_MASTER_KEY, RAMPART_MASTER_KEY_FILE "
                + "or RAMPART_MASTER_PASSPHRASE environment variable gives it; setting both is an error.")
        String masterKeyFile,
        @Doc("How often transit keys with an auto-rotate period are checked and rotated when due. Default 1m.")
        Duration autoRotateCheckInterval) {

    public CryptoConfig {
        autoRotateCheckInterval = autoRotateCheckInterval == null ? Duration.ofMinutes(1) : autoRotateCheckInterval;
    }

    public static CryptoConfig defaults() {
        return new CryptoConfig(null, null);
    }
}

package dev.rampart.gateway.config;

/**
 * Where {@code ${secret:path#key}} references in the config are looked up: the secrets store of
 * the crypto service ({@code SecretReferences::resolve}). The config loader calls it with the text
 * between {@code ${secret:} and {@code }}.
 */
@FunctionalInterface
public interface ConfigSecrets {

    /**
     * The value of one reference.
     *
     * @param reference {@code path#key}, e.g. {@code db/orders#password}
     * @throws RuntimeException when it cannot be resolved; the message names the reference and says
     *     what to do, and holds no secret value
     */
    String resolve(String reference);
}

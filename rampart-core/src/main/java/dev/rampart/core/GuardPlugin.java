package dev.rampart.core;

import java.util.Map;

/**
 * A guard from outside Rampart: the service-provider interface of guard plugins. A plugin is a
 * directory of jars signed with {@code rampart sign}; the gateway verifies the signature against its
 * trusted keys before it creates a class loader for the jars, then finds the implementations with
 * {@link java.util.ServiceLoader} (each jar lists them in
 * {@code META-INF/services/dev.rampart.core.GuardPlugin}). Routes name a plugin and give it a config:
 *
 * <pre>{@code
 * routes:
 *   - id: orders
 *     plugins: [{ name: header-stamp, config: { header: X-Stamp, value: orders } }]
 * }</pre>
 *
 * <p>{@link #create} is called once per route at each (re)load; the guard it returns follows the
 * {@link Guard} contract (thread-safe, never blocking the event loop).
 */
public interface GuardPlugin {

    /** The name routes use, unique among the loaded plugins: letters, digits, '.', '_' or '-'. */
    String name();

    /**
     * Builds the guard of one route.
     *
     * @param config the route's {@code config} map for this plugin, as YAML gave it (strings, numbers,
     *     booleans, lists and maps); empty when absent
     * @throws IllegalArgumentException when the config is wrong; the message says what is allowed and
     *     becomes a config error at the route's key
     */
    Guard create(Map<String, Object> config);
}

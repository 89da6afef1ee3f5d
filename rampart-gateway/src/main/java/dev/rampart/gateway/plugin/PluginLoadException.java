package dev.rampart.gateway.plugin;

/**
 * A plugin that may not be loaded: its signature did not verify, it holds no guard plugin, or the
 * plugins' settings are wrong. The message names the plugin directory (or the setting) and the reason;
 * {@link #configKey} is the config key it is reported at.
 */
public final class PluginLoadException extends RuntimeException {

    private final String configKey;

    PluginLoadException(String configKey, String message, Throwable cause) {
        super(message, cause);
        this.configKey = configKey;
    }

    PluginLoadException(String configKey, String message) {
        this(configKey, message, null);
    }

    /** The config key the problem belongs to, e.g. {@code plugins.directory}. */
    public String configKey() {
        return configKey;
    }
}

package dev.rampart.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One plugin guard on a route ({@code routes[].plugins[]}): which plugin, and its settings. */
public record PluginGuardConfig(
        @Doc("The plugin's name, as the plugin declares it (GuardPlugin.name()).") String name,
        @Doc("Settings handed to the plugin as they are written; what is allowed is the plugin's to say.")
        Map<String, Object> config) {

    public PluginGuardConfig {
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
}

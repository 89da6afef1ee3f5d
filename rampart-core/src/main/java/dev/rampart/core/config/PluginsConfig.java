package dev.rampart.core.config;

import java.util.List;

/**
 * Guard plugins ({@code plugins:}): a directory with one subdirectory per plugin, each holding jars
 * and the {@code rampart.sig} that {@code rampart sign} wrote over them; only a plugin whose
 * signature verifies against one of the trusted keys is loaded, and any other is a config error.
 */
public record PluginsConfig(
        @Doc("Directory holding one subdirectory per plugin (its jars and the rampart.sig written by 'rampart sign'); "
                + "relative paths are relative to the config file. Absent: no plugins.") String directory,
        @Doc("Files of the Ed25519 public keys (JWK or JWK Set, e.g. from 'rampart signing-key') whose signatures "
                + "are trusted; required with directory.") List<String> trustedKeys) {

    public PluginsConfig {
        trustedKeys = trustedKeys == null ? List.of() : List.copyOf(trustedKeys);
    }

    public static PluginsConfig none() {
        return new PluginsConfig(null, null);
    }
}

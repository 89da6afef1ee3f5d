package dev.rampart.gateway.config;

import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.config.RouteConfig;
import dev.rampart.gateway.plugin.GuardPlugins;
import dev.rampart.gateway.plugin.PluginLoadException;
import java.nio.file.Path;

/**
 * The checks of {@code plugins} and of the routes' {@code plugins}: every plugin directory verified
 * and loaded as the gateway will load it (so a plugin that is not signed by a trusted key, or whose
 * files changed, makes the config invalid: the gateway refuses to start, and a reload is refused),
 * and every route's plugin guard built once, so an unknown name or a config its plugin refuses is an
 * error at its key. The class loaders made for the check are closed again.
 */
final class PluginRules {

    private PluginRules() {
    }

    static void check(RampartConfig config, Path baseDir, Findings findings) {
        GuardPlugins plugins;
        try {
            plugins = GuardPlugins.load(config.plugins(), baseDir);
        } catch (PluginLoadException e) {
            findings.error(e.configKey(), e.getMessage());
            return;
        }
        try (plugins) {
            for (int i = 0; i < config.routes().size(); i++) {
                RouteConfig route = config.routes().get(i);
                String at = SourceMap.child(SourceMap.element("routes", i), "plugins");
                for (int j = 0; j < route.plugins().size(); j++) {
                    String entry = SourceMap.element(at, j);
                    try {
                        plugins.guard(route.plugins().get(j), entry);
                    } catch (IllegalArgumentException e) {
                        findings.errorNamingItsPath(e.getMessage(), entry);
                    }
                }
            }
        }
    }
}

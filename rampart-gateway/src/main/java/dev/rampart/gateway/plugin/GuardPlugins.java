package dev.rampart.gateway.plugin;

import dev.rampart.core.Guard;
import dev.rampart.core.GuardPlugin;
import dev.rampart.core.config.PluginGuardConfig;
import dev.rampart.core.config.PluginsConfig;
import dev.rampart.crypto.ArtifactSigning;
import dev.rampart.crypto.ArtifactVerificationException;
import dev.rampart.crypto.CryptoException;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The guard plugins of one config: every subdirectory of {@code plugins.directory} is one plugin,
 * its jars signed by {@code rampart sign} into {@code rampart.sig}. Each is verified first — the
 * signature by one of {@code plugins.trusted-keys}, every file's SHA-256, no file missing, none
 * added — and only then gets a class loader, so no byte of an unverified jar is ever run. Any
 * failure stops the whole load, naming the plugin directory and the reason: a gateway never runs
 * without a plugin its routes were written for, and never with one nobody signed.
 *
 * <p>A plugin's class loader has the gateway's as parent (plugins see {@code rampart-core}'s
 * {@link Guard} API); only the {@link GuardPlugin} implementations defined by its own jars count,
 * found with {@link ServiceLoader}. The class loader reads copies of the jars in a directory of
 * the gateway's own (owner-only, deleted on exit), each checked again against the signed digest
 * after copying: a jar swapped in the plugin directory after the check is never what runs.
 */
public final class GuardPlugins implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String DIRECTORY_KEY = "plugins.directory";

    private final Map<String, GuardPlugin> byName;
    private final List<URLClassLoader> loaders;
    private final List<Path> copies;

    private GuardPlugins(Map<String, GuardPlugin> byName, List<URLClassLoader> loaders, List<Path> copies) {
        this.byName = Collections.unmodifiableMap(byName);
        this.loaders = List.copyOf(loaders);
        this.copies = List.copyOf(copies);
    }

    /** No plugins. */
    public static GuardPlugins none() {
        return new GuardPlugins(new LinkedHashMap<>(), List.of(), List.of());
    }

    /**
     * Verifies and loads every plugin under {@code config.directory()}.
     *
     * @param baseDir what relative paths are relative to (the config file's directory)
     * @throws PluginLoadException naming the plugin directory or setting, and why
     */
    public static GuardPlugins load(PluginsConfig config, Path baseDir) {
        if (config.directory() == null) {
            return none();
        }
        if (config.trustedKeys().isEmpty()) {
            throw new PluginLoadException("plugins.trusted-keys", "plugins need the public keys their signatures are "
                    + "checked with: list the files of the trusted keys (e.g. from 'rampart signing-key'), e.g. "
                    + "trusted-keys: [keys/plugins.pub.jwk]");
        }
        List<OctetKeyPair> trusted = new ArrayList<>();
        for (int i = 0; i < config.trustedKeys().size(); i++) {
            Path file = baseDir.resolve(config.trustedKeys().get(i)).normalize();
            try {
                trusted.addAll(ArtifactSigning.readTrustedKeys(file));
            } catch (CryptoException e) {
                throw new PluginLoadException("plugins.trusted-keys[" + i + "]", e.getMessage(), e);
            }
        }
        Path root = baseDir.resolve(config.directory()).normalize();
        if (!Files.isDirectory(root)) {
            throw new PluginLoadException(DIRECTORY_KEY, root + " is not a directory; create it with one subdirectory "
                    + "per plugin, or remove the plugins section");
        }
        Map<String, GuardPlugin> byName = new LinkedHashMap<>();
        List<URLClassLoader> loaders = new ArrayList<>();
        List<Path> copies = new ArrayList<>();
        try {
            for (Path plugin : entries(root)) {
                loadOne(plugin, trusted, byName, loaders, copies);
            }
        } catch (RuntimeException e) {
            new GuardPlugins(byName, loaders, copies).close();
            throw e;
        }
        return new GuardPlugins(byName, loaders, copies);
    }

    private static void loadOne(Path plugin, List<OctetKeyPair> trusted, Map<String, GuardPlugin> byName,
            List<URLClassLoader> loaders, List<Path> copyDirectories) {
        if (!Files.isDirectory(plugin)) {
            throw refused(plugin, "it is not a directory; every plugin is a subdirectory holding its jars and rampart.sig");
        }
        if (!Files.isRegularFile(plugin.resolve(ArtifactSigning.SIGNATURE_FILE))) {
            throw refused(plugin, "it has no " + ArtifactSigning.SIGNATURE_FILE + "; sign it with 'rampart sign --key KEY "
                    + plugin + "'");
        }
        ArtifactSigning.Verified verified;
        try {
            verified = ArtifactSigning.verifyDirectory(trusted, plugin);
        } catch (ArtifactVerificationException | CryptoException e) {
            throw refused(plugin, e.getMessage());
        }
        List<URL> jars = new ArrayList<>();
        Path copies = null;
        for (Map.Entry<String, String> file : verified.sha256ByFile().entrySet()) {
            if (file.getKey().endsWith(".jar")) {
                if (copies == null) {
                    copies = privateDirectory(plugin);
                    copyDirectories.add(copies);
                }
                jars.add(verifiedCopy(plugin, file.getKey(), file.getValue(), copies.resolve(jars.size() + ".jar")));
            }
        }
        if (jars.isEmpty()) {
            throw refused(plugin, "its signed files hold no jar");
        }
        URLClassLoader loader = new URLClassLoader("plugin-" + plugin.getFileName(), jars.toArray(URL[]::new),
                GuardPlugin.class.getClassLoader());
        loaders.add(loader);
        int found = 0;
        try {
            for (ServiceLoader.Provider<GuardPlugin> provider : ServiceLoader.load(GuardPlugin.class, loader).stream().toList()) {
                if (provider.type().getClassLoader() != loader) {
                    continue;   // the gateway's own classpath, seen through the parent
                }
                GuardPlugin guardPlugin = provider.get();
                String name = guardPlugin.name();
                if (name == null || !NAME.matcher(name).matches()) {
                    throw refused(plugin, provider.type().getName() + " declares the name '" + name
                            + "'; a plugin name is letters, digits, '.', '_' or '-'");
                }
                if (byName.putIfAbsent(name, guardPlugin) != null) {
                    throw refused(plugin, "the plugin name '" + name + "' is taken by another plugin; names are unique");
                }
                found++;
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw refused(plugin, "its guard plugins cannot be loaded: " + e.getMessage());
        }
        if (found == 0) {
            throw refused(plugin, "its jars declare no guard plugin (a META-INF/services/" + GuardPlugin.class.getName()
                    + " file naming the implementing classes)");
        }
    }

    private static Path privateDirectory(Path plugin) {
        try {
            Path dir = Files.createTempDirectory("rampart-plugin-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            throw refused(plugin, "cannot make a private directory for its verified jars: " + e.getMessage());
        }
    }

    /** Copies one signed jar and checks the copy against the signed digest; the URL of the copy. */
    private static URL verifiedCopy(Path plugin, String name, String sha256, Path copy) {
        try {
            byte[] bytes = Files.readAllBytes(plugin.resolve(name));
            if (!HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).equals(sha256)) {
                throw refused(plugin, name + " changed while it was being verified");
            }
            Files.write(copy, bytes);
            copy.toFile().deleteOnExit();
            return copy.toUri().toURL();
        } catch (IOException | NoSuchAlgorithmException e) {
            throw refused(plugin, "cannot copy " + name + ": " + e.getMessage());
        }
    }

    /** The loaded plugins' names. */
    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * The guard one route's {@code plugins[i]} entry asks for.
     *
     * @param path the entry's config path, e.g. {@code routes[2].plugins[0]}, for errors
     * @throws IllegalArgumentException naming the key: an unknown plugin, or a config the plugin refused
     */
    public Guard guard(PluginGuardConfig entry, String path) {
        GuardPlugin plugin = entry.name() == null ? null : byName.get(entry.name());
        if (plugin == null) {
            throw new IllegalArgumentException(path + ".name: no plugin named '" + entry.name() + "'; loaded: "
                    + (byName.isEmpty() ? "none (set plugins.directory)" : String.join(", ", byName.keySet())));
        }
        Guard guard;
        try {
            guard = plugin.create(entry.config());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + ".config: plugin '" + entry.name() + "' refused its config: "
                    + e.getMessage(), e);
        }
        if (guard == null) {
            throw new IllegalArgumentException(path + ": plugin '" + entry.name() + "' made no guard");
        }
        return guard;
    }

    /**
     * Closes the plugins' class loaders and deletes the verified copies of their jars; guards
     * already built keep the classes they loaded. The config check closes what it loaded; a running
     * config's plugins are left to the garbage collector and removed at exit.
     */
    @Override
    public void close() {
        closeAll(loaders);
        for (Path dir : copies) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // left for deleteOnExit
            }
        }
    }

    private static List<Path> entries(Path root) {
        try (Stream<Path> list = Files.list(root)) {
            return list.sorted().toList();
        } catch (IOException e) {
            throw new PluginLoadException(DIRECTORY_KEY, "cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static PluginLoadException refused(Path plugin, String reason) {
        return new PluginLoadException(DIRECTORY_KEY, "plugin " + plugin + " is not loaded: " + reason);
    }

    private static void closeAll(List<URLClassLoader> loaders) {
        for (URLClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                // nothing to do: the jar stays open until the loader is collected
            }
        }
    }
}

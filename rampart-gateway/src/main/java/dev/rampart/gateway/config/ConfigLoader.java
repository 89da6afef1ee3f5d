package dev.rampart.gateway.config;

import dev.rampart.core.config.RampartConfig;
import dev.rampart.crypto.SecretReferences;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads {@code rampart.yaml}: reads the YAML, resolves {@code ${...}} references, checks the
 * result against the published {@link ConfigSchema}, binds it to {@link RampartConfig}, and runs
 * the {@link ConfigRules} a schema cannot express. Every error of a stage is reported together;
 * a later stage runs only when the earlier ones found none, as it needs their result.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * Loads and checks a config file, references resolved from the process environment. When the
     * file holds {@code ${secret:...}} references, the store and master key it names are opened for
     * the time of the load to resolve them ({@link ConfigSecretsFromStore}).
     *
     * @throws ConfigException with every error found, each at its line, column and key path
     */
    public static LoadedConfig load(Path file) {
        return load(file, null);
    }

    /**
     * Loads and checks a config file, {@code ${secret:...}} references resolved by {@code secrets}
     * (a running gateway passes its crypto service, so a reload opens nothing); null to open the
     * store the file names when a secret reference needs it.
     *
     * @throws ConfigException with every error found, each at its line, column and key path
     */
    public static LoadedConfig load(Path file, ConfigSecrets secrets) {
        Path absolute = file.toAbsolutePath().normalize();
        Path baseDir = absolute.getParent();
        String fileName = absolute.getFileName() == null ? absolute.toString() : absolute.getFileName().toString();
        Findings findings = new Findings(fileName, new SourceMap());

        String text = read(absolute, findings);
        if (text != null && secrets == null && text.contains(SecretReferences.PREFIX)) {
            try (ConfigSecretsFromStore fromStore = ConfigSecretsFromStore.open(text, baseDir, fileName)) {
                return finish(absolute, baseDir, text, findings, fromStore);
            }
        }
        return finish(absolute, baseDir, text, findings, secrets);
    }

    private static LoadedConfig finish(Path absolute, Path baseDir, String text, Findings findings, ConfigSecrets secrets) {
        References references = secrets == null ? new References(System::getenv, baseDir)
                : new References(System::getenv, baseDir, secrets);
        ObjectNode tree = text == null ? null : YamlSource.read(text, references, ConfigSchema.get(), findings);
        if (tree != null) {
            ConfigSchema.get().check(tree, findings);
        }
        RampartConfig config = null;
        if (!findings.hasErrors()) {
            config = ConfigMapper.bind(tree, findings);
        }
        if (config != null) {
            ConfigRules.check(config, baseDir, findings);
        }
        if (findings.hasErrors()) {
            throw new ConfigException(absolute, findings.errors());
        }
        return new LoadedConfig(config, absolute, baseDir, findings.warnings(), findings.source().referencedPaths());
    }

    private static String read(Path file, Findings findings) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            findings.fileError("the file does not exist (give the config file's path, e.g. --config rampart.yaml)");
        } catch (CharacterCodingException e) {
            findings.fileError("the file is not UTF-8 text; save it as UTF-8");
        } catch (IOException | SecurityException e) {
            findings.fileError("the file cannot be read: " + e);
        }
        return null;
    }
}

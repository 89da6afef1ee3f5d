package dev.rampart.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Resolves the references a config value may hold, so that no secret has to be written in the file:
 * <ul>
 *   <li>{@code ${NAME}}: the environment variable; an error when it is not set;</li>
 *   <li>{@code ${NAME:-default}}: the variable, or {@code default} when it is unset or empty (as in
 *       a POSIX shell);</li>
 *   <li>{@code ${file:/run/secrets/db}}: the file's content (UTF-8) without its trailing line
 *       breaks; a relative path is relative to the config file's directory;</li>
 *   <li>{@code ${secret:db/orders#password}}: key {@code password} of the current version of secret
 *       {@code db/orders} in the crypto service's secrets store (see {@link ConfigLoader} for how the
 *       store is opened before the references are resolved);</li>
 *   <li>{@code $${}: a literal {@code ${}.</li>
 * </ul>
 * References are resolved inside string values after the YAML is parsed, never in the text before
 * it: a secret holding {@code #}, {@code ": "} or a line break therefore stays one value and can
 * neither cut the file short nor add keys to it, and line numbers stay those of the file.
 */
final class References {

    /** Secrets are small; the limit keeps {@code ${file:/dev/zero}} from filling the heap. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String SYNTAX = "write ${NAME}, ${NAME:-default}, ${file:/path} or ${secret:path#key}, "
            + "or $${ for a literal '${'";
    static final String SECRET_PREFIX = "secret:";

    private final UnaryOperator<String> environment;
    private final Path baseDir;
    private final ConfigSecrets secrets;

    References(UnaryOperator<String> environment, Path baseDir) {
        this(environment, baseDir, reference -> {
            throw new IllegalStateException("${secret:" + reference + "}: secret references need the crypto service");
        });
    }

    /** @param secrets looks up {@code ${secret:path#key}} references */
    References(UnaryOperator<String> environment, Path baseDir, ConfigSecrets secrets) {
        this.environment = environment;
        this.baseDir = baseDir;
        this.secrets = secrets;
    }

    /** A value after resolution, and whether any reference contributed to it (then it is never shown). */
    record Resolved(String value, boolean referenced) {
    }

    /** A reference that cannot be resolved; the message names it and says what to do, and holds no secret. */
    static final class UnresolvableReference extends Exception {
        private static final long serialVersionUID = 1L;

        UnresolvableReference(String message) {
            super(message, null, false, false);
        }
    }

    Resolved resolve(String text) throws UnresolvableReference {
        if (text.indexOf('$') < 0) {
            return new Resolved(text, false);
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean referenced = false;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new UnresolvableReference("'${' is not closed by '}'; " + SYNTAX);
                }
                String body = text.substring(i + 2, end);
                if (body.contains("${")) {
                    throw new UnresolvableReference("'${" + body + "}': references cannot be nested; " + SYNTAX);
                }
                out.append(lookUp(body));
                referenced = true;
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return new Resolved(out.toString(), referenced);
    }

    private String lookUp(String body) throws UnresolvableReference {
        if (body.startsWith("file:")) {
            return readFile(body.substring("file:".length()));
        }
        if (body.startsWith(SECRET_PREFIX)) {
            try {
                return secrets.resolve(body.substring(SECRET_PREFIX.length()));
            } catch (RuntimeException e) {
                throw new UnresolvableReference(e.getMessage() == null ? "${" + body + "} cannot be resolved: " + e
                        : e.getMessage());
            }
        }
        int dash = body.indexOf(":-");
        String name = dash < 0 ? body : body.substring(0, dash);
        String fallback = dash < 0 ? null : body.substring(dash + 2);
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new UnresolvableReference("'${" + body + "}' is not a reference: a variable name is letters, digits "
                    + "and '_', not starting with a digit; " + SYNTAX);
        }
        String value = environment.apply(name);
        if (fallback != null && (value == null || value.isEmpty())) {
            return fallback;
        }
        if (value == null) {
            throw new UnresolvableReference("environment variable " + name + " is not set; set it, or give a default "
                    + "with ${" + name + ":-default}");
        }
        return value;
    }

    private String readFile(String name) throws UnresolvableReference {
        if (name.isEmpty()) {
            throw new UnresolvableReference("'${file:}' names no file; write e.g. ${file:/run/secrets/db-password}");
        }
        Path path;
        try {
            path = baseDir.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new UnresolvableReference("${file:" + name + "}: '" + name + "' is not a valid path");
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(path)) {
            content = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new UnresolvableReference("${file:" + name + "}: " + path + " does not exist");
        } catch (IOException | SecurityException e) {
            throw new UnresolvableReference("${file:" + name + "}: " + path + " cannot be read (" + e + ")");
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new UnresolvableReference("${file:" + name + "}: " + path + " is larger than 1MB; a referenced "
                    + "file holds one secret value");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new UnresolvableReference("${file:" + name + "}: " + path + " is not UTF-8 text");
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}

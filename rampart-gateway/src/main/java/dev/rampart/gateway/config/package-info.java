/**
 * Loading {@code rampart.yaml}: what a config that loads is guaranteed to be.
 *
 * <pre>{@code
 * LoadedConfig loaded = ConfigLoader.load(Path.of("rampart.yaml")); // or ConfigException
 * loaded.config();   // RampartConfig, every default filled in
 * loaded.baseDir();  // relative paths in the config (data-dir, certificates) resolve against it
 * loaded.warnings(); // e.g. an admin listener on a public address
 * }</pre>
 *
 * <h2>References</h2>
 * String values may hold {@code ${NAME}} (an environment variable; an error when unset),
 * {@code ${NAME:-default}} (the default when unset or empty), {@code ${file:/run/secrets/x}} (the
 * file's content without trailing line breaks; relative to the config file's directory) and
 * {@code ${secret:db/orders#password}} (a key of a secret in the crypto service's secrets store) and
 * {@code $${} for a literal {@code ${}. They are resolved inside values after the YAML is parsed,
 * so a secret cannot change the file's structure. Where a key takes a number or {@code true/false},
 * a reference that yields one counts as one ({@code port: ${PORT}}). A value that came from a
 * reference is never shown: not in an error, a warning, a log line, nor the effective config.
 *
 * <p>Secret references live in the store the same file names, under the master key: a first
 * reading takes the {@code store} and {@code crypto} sections alone (a secret reference there is an
 * error), opens the store and the crypto service, and the load proper resolves the references
 * against it; a running gateway's reloads use its own crypto service instead.
 *
 * <h2>Errors</h2>
 * A bad file raises a {@link dev.rampart.gateway.config.ConfigException} carrying every error
 * found, not only the first, each as {@code file:line:column: key.path: what is wrong; what is
 * allowed}:
 * <pre>
 * rampart.yaml:12:7: routes[0].match.pathPrefix: unknown key (did you mean 'path-prefix'?); allowed: hosts, path, path-prefix, methods
 * rampart.yaml:20:20: limits.idle-timeout: '5 minutes' is not a duration; write e.g. 250ms, 10s, 5m, 2h or 90d
 * </pre>
 * The stages run in order: YAML syntax and references; the JSON Schema of
 * {@link dev.rampart.gateway.config.ConfigSchema} (unknown keys, types, required keys, durations,
 * sizes, enum values); binding to the records of {@code dev.rampart.core.config}; and the checks a
 * schema cannot express (unique route ids, path templates, upstream URLs, CIDR blocks, host names,
 * CORS, security headers, TLS files, ports, positive limits). Each stage reports all it finds; a
 * later stage runs only when the earlier ones found nothing, as it needs their result.
 *
 * <p>A key written twice, a YAML alias, a second document, an empty file, or a top level that is
 * not a mapping is an error. A known key written with no value ({@code cors:}) counts as absent.
 * Methods in {@code match.methods} must be upper case: they are case-sensitive and compared
 * exactly, so {@code get} would never match and is refused rather than silently changed.
 *
 * <h2>Guarantees</h2>
 * A config that loads has passed the same checks the guards, matchers and listeners make when the
 * gateway builds them (those checks are called, not copied), its TLS files exist and are readable,
 * and {@link dev.rampart.gateway.config.EffectiveConfig} shows it without secrets.
 * {@link dev.rampart.gateway.config.ConfigWatcher} reports each new content of the file once,
 * loaded and checked the same way.
 */
package dev.rampart.gateway.config;

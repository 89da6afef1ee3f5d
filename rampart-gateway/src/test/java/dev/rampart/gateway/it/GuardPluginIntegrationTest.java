package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.rampart.crypto.ArtifactSigning;
import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guard plugins end to end: a real plugin jar compiled here from source, signed with an Ed25519
 * key through rampart-crypto, loaded by a real gateway and run on real requests; and each way a
 * plugin directory can be wrong — a changed jar, an added file, a removed file, a signature by a
 * key that is not trusted — refusing the config with the plugin directory and the reason.
 */
class GuardPluginIntegrationTest {

    /** Stamps a configured response header, and refuses requests that carry X-Refuse-Me. */
    private static final String PLUGIN_SOURCE = """
            package example.plugin;

            import dev.rampart.core.Decision;
            import dev.rampart.core.Exchange;
            import dev.rampart.core.Guard;
            import dev.rampart.core.GuardPlugin;
            import dev.rampart.core.ResponseHead;
            import java.util.Map;
            import java.util.concurrent.CompletionStage;

            public final class HeaderStamp implements GuardPlugin {
                @Override
                public String name() {
                    return "header-stamp";
                }

                @Override
                public Guard create(Map<String, Object> config) {
                    if (!(config.get("header") instanceof String header) || !(config.get("value") instanceof String value)) {
                        throw new IllegalArgumentException("header and value are required strings");
                    }
                    return new Guard() {
                        @Override
                        public String name() {
                            return "header-stamp";
                        }

                        @Override
                        public CompletionStage<Decision> onRequest(Exchange exchange) {
                            return exchange.request().headers().contains("X-Refuse-Me")
                                    ? Decision.deny(403, "stamp-refused", "The stamp plugin refused this request.").toStage()
                                    : Decision.proceedStage();
                        }

                        @Override
                        public void onResponse(Exchange exchange, ResponseHead response) {
                            response.headers().set(header, value);
                        }
                    };
                }
            }
            """;

    /** The compiled plugin, built once for all tests (javac is the slow part). */
    private static byte[] pluginJar;

    @TempDir
    Path dir;

    @BeforeAll
    static void compilePlugin(@TempDir Path build) throws Exception {
        pluginJar = compiledPluginJar(build);
    }

    private Path pluginDir;
    private Path privateKey;

    @BeforeEach
    void buildAndSignPlugin() throws Exception {
        pluginDir = Files.createDirectories(dir.resolve("plugins/header-stamp"));
        Files.write(pluginDir.resolve("header-stamp.jar"), pluginJar);
        Files.writeString(pluginDir.resolve("NOTICE.txt"), "header-stamp test plugin\n");
        privateKey = dir.resolve("signing.jwk");
        OctetKeyPair trusted = ArtifactSigning.generateKey(privateKey);
        Files.writeString(dir.resolve("trusted.jwk"), trusted.toJSONString());
        ArtifactSigning.signDirectory(ArtifactSigning.readPrivateKey(privateKey), pluginDir, Instant.now());
    }

    private String config(TestUpstream upstream) {
        return """
                plugins: {directory: plugins, trusted-keys: [trusted.jwk]}
                routes:
                  - id: stamped
                    match: {path-prefix: /api}
                    upstream: {urls: [%s]}
                    plugins: [{name: header-stamp, config: {header: X-Stamp, value: orders}}]
                """.formatted(upstream == null ? "http://127.0.0.1:9" : upstream.url());
    }

    @Test
    void verifiedPluginRunsOnRealRequests() throws Exception {
        try (TestUpstream upstream = new TestUpstream("behind-plugin");
                GatewayHarness gw = GatewayHarness.start(dir, config(upstream), false)) {
            HttpResponse<String> ok = gw.get("/api/orders");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-Stamp")).hasValue("orders");

            HttpResponse<String> refused = gw.get("/api/orders", "X-Refuse-Me", "1");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("stamp-refused");
            assertThat(refused.headers().firstValue("X-Stamp")).hasValue("orders");
            assertThat(gw.adminGet("/admin/routes").body()).contains("header-stamp");
        }
    }

    @Test
    void reloadIsRefusedWhenAPluginNoLongerVerifiesAndTheRunningPluginStays() throws Exception {
        try (TestUpstream upstream = new TestUpstream("behind-plugin");
                GatewayHarness gw = GatewayHarness.start(dir, config(upstream), false)) {
            Files.writeString(pluginDir.resolve("added.jar"), "slipped in after signing");

            HttpResponse<String> reload = gw.adminPost("/admin/config/reload");
            assertThat(reload.statusCode()).isEqualTo(422);
            assertThat(reload.body()).contains("plugins.directory").contains("not in the manifest: added.jar");
            assertThat(gw.get("/api/orders").headers().firstValue("X-Stamp")).hasValue("orders");
        }
    }

    @Test
    void tamperedJarIsRefused() throws Exception {
        Path jar = pluginDir.resolve("header-stamp.jar");
        byte[] bytes = Files.readAllBytes(jar);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(jar, bytes);

        assertRefused("changed (SHA-256 differs): header-stamp.jar");
    }

    @Test
    void extraFileIsRefused() throws Exception {
        Files.writeString(pluginDir.resolve("extra.jar"), "not signed");

        assertRefused("not in the manifest: extra.jar");
    }

    @Test
    void missingFileIsRefused() throws Exception {
        Files.delete(pluginDir.resolve("NOTICE.txt"));

        assertRefused("missing: NOTICE.txt");
    }

    @Test
    void signatureByAnUntrustedKeyIsRefused() throws Exception {
        Path otherKey = dir.resolve("other.jwk");
        ArtifactSigning.generateKey(otherKey);
        ArtifactSigning.signDirectory(ArtifactSigning.readPrivateKey(otherKey), pluginDir, Instant.now());

        assertRefused("which is not among the trusted keys");
    }

    @Test
    void unsignedDirectoryIsRefused() throws Exception {
        Files.delete(pluginDir.resolve(ArtifactSigning.SIGNATURE_FILE));

        assertRefused("it has no rampart.sig");
    }

    @Test
    void unknownPluginAndRefusedPluginConfigAreErrorsAtTheirKeys() throws Exception {
        Files.writeString(dir.resolve("rampart.yaml"), """
                plugins: {directory: plugins, trusted-keys: [trusted.jwk]}
                routes:
                  - id: a
                    match: {path-prefix: /a}
                    upstream: {urls: ["http://127.0.0.1:9"]}
                    plugins: [{name: header-stmp}, {name: header-stamp, config: {header: X-Stamp}}]
                """);
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("rampart.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("routes[0].plugins[0].name: no plugin named 'header-stmp'; loaded: header-stamp")
                .hasMessageContaining("routes[0].plugins[1].config: plugin 'header-stamp' refused its config: "
                        + "header and value are required strings");
    }

    /** The gateway refuses to start, and the error names the plugin directory and why. */
    private void assertRefused(String reason) throws Exception {
        assertThatThrownBy(() -> GatewayHarness.start(dir, config(null), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("plugins.directory: plugin " + pluginDir + " is not loaded")
                .hasMessageContaining(reason);
    }

    // ---- building the plugin ----

    /** Compiles {@link #PLUGIN_SOURCE} against the test's class path into a jar with its service file. */
    private static byte[] compiledPluginJar(Path build) throws Exception {
        Path src = Files.createDirectories(build.resolve("src/example/plugin")).resolve("HeaderStamp.java");
        Files.writeString(src, PLUGIN_SOURCE);
        Path classes = Files.createDirectories(build.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, "--release", "17", "-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString(), src.toString());
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.rampart.core.GuardPlugin"));
            out.write("example.plugin.HeaderStamp\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar.toByteArray();
    }
}

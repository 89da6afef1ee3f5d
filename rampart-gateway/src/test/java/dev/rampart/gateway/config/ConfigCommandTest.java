package dev.rampart.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.gateway.cli.ConfigCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code rampart config validate} and {@code rampart config schema}, run in-process. */
class ConfigCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new ConfigCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void validatePrintsValidWithTheRouteCountAndExits0() {
        Path file = TestConfigs.demo(dir);

        assertThat(run("validate", file.toString())).isZero();

        assertThat(out.toString()).isEqualTo(file + ": valid (3 routes)" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void validatePrintsTheWarnings() {
        Path file = TestConfigs.write(dir, "admin:\n  host: 0.0.0.0\n" + TestConfigs.ROUTE);

        assertThat(run("validate", file.toString())).isZero();

        assertThat(out.toString().lines()).containsExactly(file + ": valid (1 route)",
                "warning: rampart.yaml:2:9: admin.host: the admin API listens on 0.0.0.0, reachable from other "
                        + "machines; keep it on 127.0.0.1 unless a firewall or private network guards that address");
    }

    @Test
    void validatePrintsEveryErrorAndExits1() {
        Path file = TestConfigs.write(dir, "admin:\n  port: x\n  colour: red\n" + TestConfigs.ROUTE);

        assertThat(run("validate", file.toString())).isEqualTo(1);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).containsExactly(
                "invalid config " + file.toAbsolutePath() + " (2 errors):",
                "  rampart.yaml:2:9: admin.port: expected a whole number, found the string 'x'",
                "  rampart.yaml:3:3: admin.colour: unknown key; allowed: enabled, host, port");
    }

    @Test
    void validateOfAMissingFileExits1() {
        assertThat(run("validate", dir.resolve("missing.yaml").toString())).isEqualTo(1);

        assertThat(err.toString()).contains("missing.yaml: the file does not exist");
    }

    @Test
    void schemaPrintsTheJsonSchema() {
        assertThat(run("schema")).isZero();

        JsonNode schema = JsonMapper.shared().readTree(out.toString());
        assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.at("/properties/routes/type").asString()).isEqualTo("array");
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(run("validate", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: config validate", "FILE");
        assertThat(run("schema", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: config schema");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("validate", "schema");
    }

    @Test
    void withoutASubcommandPrintsUsage() {
        assertThat(run()).isZero();

        assertThat(out.toString()).contains("Usage: config", "validate", "schema");
    }

    @Test
    void validateWithoutAFileIsAUsageError() {
        assertThat(run("validate")).isEqualTo(2);

        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
    }
}

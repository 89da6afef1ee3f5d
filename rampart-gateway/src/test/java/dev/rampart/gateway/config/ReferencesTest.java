package dev.rampart.gateway.config;

import static dev.rampart.gateway.config.TestConfigs.ROUTE;
import static dev.rampart.gateway.config.TestConfigs.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.RampartConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${ENV}}, {@code ${ENV:-default}}, {@code ${file:...}} and {@code $${} in config values. */
class ReferencesTest {

    /** A variable no test machine sets. */
    private static final String UNSET = "RAMPART_TEST_NEVER_SET_4711";

    @TempDir
    Path dir;

    @BeforeEach
    void requireTheVariablesTheTestsRelyOn() {
        assertThat(System.getenv("HOME")).isNotEmpty();
        assertThat(System.getenv("PATH")).isNotEmpty();
        assertThat(System.getenv(UNSET)).isNull();
    }

    @Test
    void replacesAnEnvironmentVariableInsideAValue() {
        RampartConfig c = TestConfigs.load(dir, "store:\n  data-dir: ${HOME}/rampart\n  username: ${PATH}\n" + ROUTE).config();

        assertThat(c.store().dataDir()).isEqualTo(System.getenv("HOME") + "/rampart");
        assertThat(c.store().username()).isEqualTo(System.getenv("PATH"));
    }

    @Test
    void reportsAnUnsetVariableByNameAtItsLineAndColumn() {
        assertThat(errors(dir, "store:\n  password: ${" + UNSET + "}\n" + ROUTE)).containsExactly(
                "rampart.yaml:2:13: store.password: environment variable " + UNSET + " is not set; set it, "
                        + "or give a default with ${" + UNSET + ":-default}");
    }

    @Test
    void usesTheDefaultWhenTheVariableIsUnset() {
        RampartConfig c = TestConfigs.load(dir, "store:\n  username: ${" + UNSET + ":-rampart}\n"
                + "  data-dir: ${HOME:-/nowhere}\n" + ROUTE).config();

        assertThat(c.store().username()).isEqualTo("rampart");
        assertThat(c.store().dataDir()).isEqualTo(System.getenv("HOME"));
    }

    @Test
    void readsAFileRelativeToTheConfigWithoutItsTrailingNewline() {
        TestConfigs.write(dir, "secrets/db-password", "s3cret: with # yaml syntax\n");

        RampartConfig c = TestConfigs.load(dir, "store:\n  password: ${file:secrets/db-password}\n" + ROUTE).config();

        assertThat(c.store().password()).isEqualTo("s3cret: with # yaml syntax");
    }

    @Test
    void readsAFileByAbsolutePath() {
        Path secret = TestConfigs.write(dir, "abs-secret", "value\r\n\r\n");

        RampartConfig c = TestConfigs.load(dir, "store:\n  password: ${file:" + secret.toAbsolutePath() + "}\n" + ROUTE)
                .config();

        assertThat(c.store().password()).isEqualTo("value");
    }

    @Test
    void reportsAFileThatCannotBeRead() {
        assertThat(errors(dir, "store:\n  password: ${file:secrets/missing}\n" + ROUTE)).containsExactly(
                "rampart.yaml:2:13: store.password: ${file:secrets/missing}: " + dir.toAbsolutePath().resolve("secrets/missing")
                        + " does not exist");
    }

    @Test
    void doubleDollarEscapesALiteralReference() {
        RampartConfig c = TestConfigs.load(dir, "security-headers:\n  extra:\n    X-Template: \"$${not-a-reference} and $5\"\n"
                + ROUTE).config();

        assertThat(c.securityHeaders().extra()).containsEntry("X-Template", "${not-a-reference} and $5");
    }

    @Test
    void ignoresReferencesInComments() {
        RampartConfig c = TestConfigs.load(dir, "# password: ${" + UNSET + "}\n" + ROUTE).config();

        assertThat(c.store().password()).isNull();
    }

    @Test
    void aReferenceYieldsANumberOrFlagWhereTheKeyTakesOne() {
        TestConfigs.write(dir, "port", "8181\n");

        RampartConfig c = TestConfigs.load(dir, """
                listeners:
                  http:
                    port: ${file:port}
                    enabled: ${%s:-true}
                admin:
                  port: "${%s:-9191}"
                """.formatted(UNSET, UNSET) + ROUTE).config();

        assertThat(c.listeners().http().port()).isEqualTo(8181);
        assertThat(c.listeners().http().enabled()).isTrue();
        assertThat(c.admin().port()).isEqualTo(9191);
    }

    private static final String SYNTAX = "${NAME}, ${NAME:-default}, ${file:/path} or ${secret:path#key}, or $${ for a literal '${'";

    @Test
    void reportsMalformedReferences() {
        assertThat(errors(dir, """
                store:
                  username: ${unclosed
                  password: ${not a name}
                  data-dir: ${%s:-${HOME}}
                """.formatted(UNSET) + ROUTE)).containsExactly(
                "rampart.yaml:2:13: store.username: '${' is not closed by '}'; write " + SYNTAX,
                "rampart.yaml:3:13: store.password: '${not a name}' is not a reference: a variable name is letters, "
                        + "digits and '_', not starting with a digit; write " + SYNTAX,
                "rampart.yaml:4:13: store.data-dir: '${" + UNSET + ":-${HOME}': references cannot be nested; write "
                        + SYNTAX);
    }

    @Test
    void neverShowsAReferencedValueInAnError() {
        TestConfigs.write(dir, "timeout", "correct-horse-battery-staple");
        TestConfigs.write(dir, "origin", "https://secret.example.com/path");

        String schemaErrors = String.join("\n", errors(dir, """
                limits:
                  idle-timeout: ${file:timeout}
                admin:
                  port: ${file:timeout}
                """ + ROUTE));
        String ruleErrors = String.join("\n", errors(dir, """
                routes:
                  - id: main
                    match:
                      path-prefix: /
                    upstream:
                      urls: [http://127.0.0.1:9000]
                    cors:
                      allowed-origins: ["${file:origin}"]
                """));

        assertThat(schemaErrors).doesNotContain("correct-horse")
                .contains("rampart.yaml:2:17: limits.idle-timeout: '********' is not a duration")
                .contains("rampart.yaml:4:9: admin.port: expected a whole number, found the string '********'");
        assertThat(ruleErrors).doesNotContain("secret.example.com")
                .startsWith("rampart.yaml:8:25: routes[0].cors.allowed-origins[0]: '********' has a path");
    }

    @Test
    void anErrorElsewhereInTheFileIsStillReportedWithAnUnsetVariable() {
        assertThat(errors(dir, "store:\n  password: ${" + UNSET + "}\n  colour: red\n" + ROUTE)).hasSize(2)
                .anySatisfy(e -> assertThat(e).startsWith("rampart.yaml:2:13: store.password: environment variable"))
                .anySatisfy(e -> assertThat(e).startsWith("rampart.yaml:3:3: store.colour: unknown key"));
    }
}

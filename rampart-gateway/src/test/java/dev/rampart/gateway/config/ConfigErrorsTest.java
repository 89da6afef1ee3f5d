package dev.rampart.gateway.config;

import static dev.rampart.gateway.config.TestConfigs.ROUTE;
import static dev.rampart.gateway.config.TestConfigs.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors of YAML syntax and of the schema: each with file, line, column, key path, what is wrong and what is allowed. */
class ConfigErrorsTest {

    @TempDir
    Path dir;

    @Test
    void unknownKeyListsTheAllowedKeys() {
        assertThat(errors(dir, """
                routes:
                  - id: main
                    match:
                      path-prefix: /api
                      colour: blue
                    upstream:
                      urls: [http://127.0.0.1:9000]
                """)).containsExactly(
                "rampart.yaml:5:7: routes[0].match.colour: unknown key; allowed: hosts, path, path-prefix, methods");
    }

    @Test
    void unknownKeySuggestsTheClosestKeyForOtherCaseStylesAndTypos() {
        assertThat(errors(dir, """
                limits:
                  maxBodySize: 1MB
                  idle_timeout: 5s
                  header-read-timout: 5s
                """ + ROUTE)).containsExactly(
                "rampart.yaml:2:3: limits.maxBodySize: unknown key (did you mean 'max-body-size'?); allowed: "
                        + "max-header-size, max-header-count, max-uri-length, max-body-size, header-read-timeout, "
                        + "body-read-timeout, idle-timeout",
                "rampart.yaml:3:3: limits.idle_timeout: unknown key (did you mean 'idle-timeout'?); allowed: "
                        + "max-header-size, max-header-count, max-uri-length, max-body-size, header-read-timeout, "
                        + "body-read-timeout, idle-timeout",
                "rampart.yaml:4:3: limits.header-read-timout: unknown key (did you mean 'header-read-timeout'?); "
                        + "allowed: max-header-size, max-header-count, max-uri-length, max-body-size, "
                        + "header-read-timeout, body-read-timeout, idle-timeout");
    }

    @Test
    void unknownKeyAtTheTopLevelNeedsNoValueToBeReported() {
        assertThat(errors(dir, "rutes:\n" + ROUTE)).singleElement().asString()
                .startsWith("rampart.yaml:1:1: rutes: unknown key (did you mean 'routes'?); allowed: listeners, admin,");
    }

    @Test
    void wrongTypeSaysWhatWasExpectedAndFound() {
        assertThat(errors(dir, """
                admin:
                  port: nine
                  enabled: yes
                trusted-hosts: api.example.com
                """ + ROUTE)).containsExactly(
                "rampart.yaml:2:9: admin.port: expected a whole number, found the string 'nine'",
                "rampart.yaml:3:12: admin.enabled: expected true or false, found the string 'yes'",
                "rampart.yaml:4:16: trusted-hosts: expected a list, found the string 'api.example.com'");
    }

    @Test
    void badDurationAndSizeShowTheAcceptedSyntax() {
        assertThat(errors(dir, """
                limits:
                  idle-timeout: 5 minutes
                  max-body-size: 10 parsecs
                """ + ROUTE)).containsExactly(
                "rampart.yaml:2:17: limits.idle-timeout: '5 minutes' is not a duration; write e.g. 250ms, 10s, 5m, 2h or 90d",
                "rampart.yaml:3:18: limits.max-body-size: '10 parsecs' is not a size; write e.g. 512, 16KB, 10MB or 1GB");
    }

    @Test
    void badEnumValueListsTheAllowedValues() {
        assertThat(errors(dir, "events:\n  when-full: block\nstore:\n  type: mysql\n" + ROUTE)).containsExactly(
                "rampart.yaml:2:14: events.when-full: 'block' is not allowed; allowed: drop, backpressure",
                "rampart.yaml:4:9: store.type: 'mysql' is not allowed; allowed: sqlite, postgresql");
    }

    @Test
    void missingRequiredKeyIsPlacedAtItsSectionAndSaysWhatItIsFor() {
        assertThat(errors(dir, """
                routes:
                  - id: main
                    match:
                      path-prefix: /
                """)).containsExactly("rampart.yaml:2:5: routes[0].upstream: required key is missing "
                + "(Where the route sends requests.)");
    }

    @Test
    void reportsEveryErrorTogetherInFileOrder() {
        ConfigException e = TestConfigs.exception(dir, """
                listeners:
                  http:
                    port: high
                routes:
                  - id: a
                    match:
                      pathPrefix: /a
                    upstream:
                      urls: [http://127.0.0.1:9000]
                      response-timeout: forever
                  - id: b
                    match:
                      path-prefix: /b
                """);

        assertThat(e.errors()).extracting(ConfigIssue::toString).containsExactly(
                "rampart.yaml:3:11: listeners.http.port: expected a whole number, found the string 'high'",
                "rampart.yaml:7:7: routes[0].match.pathPrefix: unknown key (did you mean 'path-prefix'?); "
                        + "allowed: hosts, path, path-prefix, methods",
                "rampart.yaml:10:25: routes[0].upstream.response-timeout: 'forever' is not a duration; "
                        + "write e.g. 250ms, 10s, 5m, 2h or 90d",
                "rampart.yaml:11:5: routes[1].upstream: required key is missing (Where the route sends requests.)");
        assertThat(e.errors().get(0).line()).isEqualTo(3);
        assertThat(e.errors().get(0).column()).isEqualTo(11);
        assertThat(e.errors().get(0).path()).isEqualTo("listeners.http.port");
    }

    @Test
    void exceptionMessageListsEveryErrorHeadedByTheFile() {
        ConfigException e = TestConfigs.exception(dir, "admin:\n  port: x\n  colour: red\n" + ROUTE);

        assertThat(e.file()).isEqualTo(dir.resolve("rampart.yaml").toAbsolutePath());
        assertThat(e.getMessage().lines()).containsExactly(
                "invalid config " + dir.resolve("rampart.yaml").toAbsolutePath() + " (2 errors):",
                "  rampart.yaml:2:9: admin.port: expected a whole number, found the string 'x'",
                "  rampart.yaml:3:3: admin.colour: unknown key; allowed: enabled, host, port");
    }

    @Test
    void yamlSyntaxErrorGivesLineColumnAndTheParsersMessage() {
        assertThat(errors(dir, "routes: [this is not: valid")).containsExactly(
                "rampart.yaml:1:28: YAML syntax: expected ',' or ']', but got <stream end> "
                        + "(while parsing a flow sequence at 1:9)");
    }

    @Test
    void badIndentationIsASyntaxError() {
        assertThat(errors(dir, "admin:\n  port: 1\n host: x\n")).singleElement().asString()
                .startsWith("rampart.yaml:3:2: YAML syntax: ");
    }

    @Test
    void emptyFileIsAnError() {
        assertThat(errors(dir, "")).singleElement().asString().startsWith("rampart.yaml:1:1: the file is empty");
        assertThat(errors(dir, "# only a comment\n")).singleElement().asString()
                .startsWith("rampart.yaml:1:1: the file is empty");
    }

    @Test
    void topLevelThatIsNotAMappingIsAnError() {
        assertThat(errors(dir, "- id: main\n")).containsExactly(
                "rampart.yaml:1:1: the top level must be a mapping of keys (listeners:, routes:, ...), found a list");
        assertThat(errors(dir, "just text\n")).containsExactly(
                "rampart.yaml:1:1: the top level must be a mapping of keys (listeners:, routes:, ...), found a single value");
    }

    @Test
    void keyGivenTwiceIsAnError() {
        assertThat(errors(dir, "admin:\n  port: 1\n  port: 2\n" + ROUTE)).containsExactly(
                "rampart.yaml:3:3: admin.port: key given twice (first at line 2); keep one");
    }

    @Test
    void yamlAliasIsAnError() {
        assertThat(errors(dir, "admin:\n  host: &h 127.0.0.1\nlisteners:\n  http:\n    host: *h\n" + ROUTE))
                .containsExactly("rampart.yaml:5:11: listeners.http.host: YAML aliases (*h) are not supported; "
                        + "write the value out");
    }

    @Test
    void secondYamlDocumentIsAnError() {
        assertThat(errors(dir, ROUTE + "---\nadmin:\n  port: 1\n")).singleElement().asString()
                .startsWith("rampart.yaml:8:1: a second YAML document starts here");
    }

    @Test
    void missingFileIsAnErrorNamingTheFile() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("nope.yaml: the file does not exist");
    }

    @Test
    void fileThatIsNotUtf8IsAnError() throws Exception {
        Path file = dir.resolve("rampart.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rampart.yaml: the file is not UTF-8 text");
    }

    @Test
    void numberTooLargeForItsKeyIsPlacedAtTheKey() {
        assertThat(errors(dir, "admin:\n  port: 99999999999\n" + ROUTE)).singleElement().asString()
                .startsWith("rampart.yaml:2:9: admin.port: ");
    }
}

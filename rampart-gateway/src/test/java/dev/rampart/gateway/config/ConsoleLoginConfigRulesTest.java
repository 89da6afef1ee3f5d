package dev.rampart.gateway.config;

import static dev.rampart.gateway.config.TestConfigs.errors;
import static dev.rampart.gateway.config.TestConfigs.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of the users: and sessions: sections, each placed at the key it concerns. */
class ConsoleLoginConfigRulesTest {

    @TempDir
    Path dir;

    @Test
    void refusesKeysThatAreNot32BytesAndSettingsThatCannotWork() {
        assertThat(errors(dir, """
                users:
                  totp-key: c2hvcnQ=
                  max-login-failures: 0
                  max-client-failures: 0
                sessions:
                  csrf-key: "not base64!"
                  idle-timeout: 30s
                  absolute-timeout: 10s
                  same-site: lax
                  allowed-origins: [https://admin.example.com/console, "ftp://x"]
                """ + TestConfigs.ROUTE)).containsExactly(
                "rampart.yaml:2:13: users.totp-key: decodes to 5 bytes, needs 32 (e.g. 'openssl rand -base64 32')",
                "rampart.yaml:3:23: users.max-login-failures: must be at least 1, got 0",
                "rampart.yaml:4:24: users.max-client-failures: must be at least 1, got 0",
                "rampart.yaml:6:13: sessions.csrf-key: is not base64; give 32 random bytes in base64, e.g. from "
                        + "'openssl rand -base64 32'",
                "rampart.yaml:7:17: sessions.idle-timeout: must be at least 2m (last use is written every minute), got PT30S",
                "rampart.yaml:8:21: sessions.absolute-timeout: must be at least sessions.idle-timeout (PT30S), got PT10S",
                "rampart.yaml:10:21: sessions.allowed-origins[0]: 'https://admin.example.com/console' is not an origin; "
                        + "write scheme://host[:port] without a path, e.g. https://admin.example.com",
                "rampart.yaml:10:56: sessions.allowed-origins[1]: 'ftp://x' is not an origin; write scheme://host[:port] "
                        + "without a path, e.g. https://admin.example.com");
    }

    @Test
    void aKeyWrittenInTheFileIsAWarningAReferencedOneIsNot() throws Exception {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Files.writeString(dir.resolve("csrf-key"), key);
        assertThat(warnings(dir, """
                users:
                  totp-key: %s
                sessions:
                  csrf-key: ${file:csrf-key}
                """.formatted(key) + TestConfigs.ROUTE)).singleElement().asString()
                .startsWith("rampart.yaml:2:13: users.totp-key: the key is written in the config file");
    }
}

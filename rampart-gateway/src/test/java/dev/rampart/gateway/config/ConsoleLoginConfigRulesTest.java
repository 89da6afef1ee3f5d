package dev.rampart.gateway.config;

import static dev.rampart.gateway.config.TestConfigs.errors;
import static dev.rampart.gateway.config.TestConfigs.load;
import static dev.rampart.gateway.config.TestConfigs.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.auth.lockout.LockoutPolicy;
import dev.rampart.auth.password.Argon2idParameters;
import dev.rampart.auth.password.PasswordOwner;
import dev.rampart.auth.password.PasswordPolicy;
import dev.rampart.auth.password.PolicyViolation;
import dev.rampart.core.config.UsersConfig;
import dev.rampart.gateway.console.ConsoleLogin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    @Test
    void refusesPasswordRulesArgon2idCostsAndLockoutTimesOutsideTheirRanges() {
        assertThat(errors(dir, """
                users:
                  lockout-duration: 0s
                  max-lockout-duration: 2d
                  failure-window: 10s
                  password:
                    min-length: 6
                    max-length: 32
                    history: 30
                  argon2id:
                    memory-kib: 8192
                    iterations: 1
                    parallelism: 0
                """ + TestConfigs.ROUTE)).containsExactly(
                "rampart.yaml:2:21: users.lockout-duration: must be between 1s and users.max-lockout-duration (PT48H), "
                        + "got PT0S",
                "rampart.yaml:3:25: users.max-lockout-duration: must be between users.lockout-duration and 24h, got PT48H",
                "rampart.yaml:4:19: users.failure-window: must be between 1m and 30d, got PT10S",
                "rampart.yaml:6:17: users.password.min-length: must be between 8 (NIST SP 800-63B's least) and "
                        + "users.password.max-length (32), got 6",
                "rampart.yaml:7:17: users.password.max-length: must be between 64 and 4096 (NIST SP 800-63B: permit at "
                        + "least 64 characters), got 32",
                "rampart.yaml:8:14: users.password.history: must be between 0 and 24, got 30",
                "rampart.yaml:10:17: users.argon2id.memory-kib: must be between 19456 and 4194304 (19456 KiB = 19 MiB "
                        + "is the OWASP minimum for Argon2id), got 8192",
                "rampart.yaml:11:17: users.argon2id.iterations: must be between 2 and 64 (2 passes at 19 MiB is the "
                        + "OWASP minimum), got 1",
                "rampart.yaml:12:18: users.argon2id.parallelism: must be between 1 and 255, got 0");
    }

    @Test
    void theGatewayBuildsItsPasswordRulesHashingAndLockoutFromTheSection() {
        UsersConfig users = load(dir, """
                users:
                  lockout-duration: 5m
                  max-lockout-duration: 24h
                  failure-window: 30d
                  password: { min-length: 12, max-length: 256, history: 5 }
                  argon2id: { memory-kib: 19456, iterations: 2, parallelism: 1 }
                """ + TestConfigs.ROUTE).config().users();

        LockoutPolicy lockout = ConsoleLogin.lockoutPolicy(users);
        assertThat(lockout.waitIncrement()).isEqualTo(Duration.ofMinutes(5));
        assertThat(lockout.maxWait()).isEqualTo(Duration.ofHours(24));
        assertThat(lockout.failureResetTime()).isEqualTo(Duration.ofDays(30));
        assertThat(ConsoleLogin.passwordHasher(users).parameters()).isEqualTo(new Argon2idParameters(19456, 2, 1));
        PasswordPolicy policy = ConsoleLogin.passwordPolicy(users, dir);
        assertThat(policy.history()).isEqualTo(5);
        assertThat(policy.check("twelve chars", PasswordOwner.of("alice")).acceptable()).isTrue();
        assertThat(policy.check("eleven char", PasswordOwner.of("alice")).violations())
                .extracting(PolicyViolation::code).containsExactly("password.too_short");
        assertThat(policy.check("x".repeat(257), PasswordOwner.of("alice")).violations())
                .extracting(PolicyViolation::code).containsExactly("password.too_long");

        UsersConfig defaults = UsersConfig.defaults();
        assertThat(ConsoleLogin.passwordHasher(defaults).parameters()).isEqualTo(Argon2idParameters.DEFAULT);
        assertThat(ConsoleLogin.lockoutPolicy(defaults).maxWait()).isEqualTo(LockoutPolicy.DEFAULT.maxWait());
        assertThat(ConsoleLogin.passwordPolicy(defaults, dir).check("fourteen chars", PasswordOwner.of("alice")).acceptable())
                .isFalse();
    }

    @Test
    void permanentLockoutAppliesToAccountsOnlyAndIsOffByDefault() {
        UsersConfig users = load(dir, """
                users:
                  permanent-lockout-after: 3
                """ + TestConfigs.ROUTE).config().users();
        assertThat(ConsoleLogin.accountLockoutPolicy(users).maxTemporaryLockouts()).hasValue(3);
        assertThat(ConsoleLogin.lockoutPolicy(users).maxTemporaryLockouts()).isEmpty();
        assertThat(ConsoleLogin.accountLockoutPolicy(UsersConfig.defaults()).maxTemporaryLockouts()).isEmpty();
        assertThat(errors(dir, """
                users:
                  permanent-lockout-after: -1
                """ + TestConfigs.ROUTE)).containsExactly(
                "rampart.yaml:2:28: users.permanent-lockout-after: must be between 0 and 100, got -1");
    }

    @Test
    void requiredCharacterClassesAndTheBlocklistFileAreEnforced() throws Exception {
        Files.writeString(dir.resolve("common-passwords.txt"), "correct horse battery staple\n\n  Tr0ub4dor&3xyzzy  \n");
        UsersConfig users = load(dir, """
                users:
                  password: { min-length: 12, require: [digit, symbol], blocklist-file: common-passwords.txt }
                """ + TestConfigs.ROUTE).config().users();

        PasswordPolicy policy = ConsoleLogin.passwordPolicy(users, dir);
        assertThat(policy.check("plainlettersonly", PasswordOwner.of("alice")).violations())
                .extracting(PolicyViolation::code)
                .containsExactly("password.missing_character_class", "password.missing_character_class");
        assertThat(policy.check("CORRECT HORSE BATTERY STAPLE", PasswordOwner.of("alice")).violations())
                .extracting(PolicyViolation::code).contains("password.blocklisted");
        assertThat(policy.check("tr0ub4dor&3XYZZY", PasswordOwner.of("alice")).violations())
                .extracting(PolicyViolation::code).containsExactly("password.blocklisted");
        assertThat(policy.check("9 lives & counting", PasswordOwner.of("alice")).acceptable()).isTrue();
    }

    @Test
    void aMissingBlocklistFileOrAnUnknownCharacterClassIsAnErrorAtItsKey() {
        assertThat(errors(dir, """
                users:
                  password:
                    blocklist-file: no-such-list.txt
                """ + TestConfigs.ROUTE)).singleElement().asString()
                .startsWith("rampart.yaml:3:21: users.password.blocklist-file: " + dir.resolve("no-such-list.txt"))
                .contains("does not exist or is not a file");
        assertThat(errors(dir, """
                users:
                  password: { require: [digits] }
                """ + TestConfigs.ROUTE)).singleElement().asString()
                .contains("users.password.require[0]").contains("lowercase, uppercase, digit, symbol");
    }
}

package dev.rampart.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.auth.apikey.ApiKeyAuthentication;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.net.IpAddresses;
import dev.rampart.gateway.server.Gateway;
import dev.rampart.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rampart keys}: keys made on the command line are the keys the gateway accepts. */
class KeysCommandTest {

    @TempDir
    Path dir;

    Path config;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void writeConfig() throws Exception {
        config = dir.resolve("rampart.yaml");
        Files.writeString(config, """
                store:
                  data-dir: ./data
                routes:
                  - id: a
                    match: { path-prefix: / }
                    upstream: { urls: ["http://127.0.0.1:9"] }
                """);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return new CommandLine(new RampartCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    private ApiKeyAuthentication authenticate(String key) {
        try (Store store = Store.open(new StoreConfig(null, dir.resolve("data").toString(), null, null, null, null), dir)) {
            return Gateway.apiKeysOf(store).authenticate(key, IpAddresses.parse("192.0.2.1"));
        }
    }

    @Test
    void createdKeyIsPrintedOnceAndAuthenticatesThroughTheGatewaysService() {
        assertThat(run("keys", "create", "-c", config.toString(), "--name", "ci", "--owner", "team-a",
                "--roles", "deployer,reader", "--scopes", "orders:read", "--expires", "90d")).isZero();
        String key = out.toString().trim();
        assertThat(key).startsWith("rmp_");
        assertThat(err.toString()).contains("shown once").doesNotContain(key);

        ApiKeyAuthentication auth = authenticate(key);
        assertThat(auth).isInstanceOf(ApiKeyAuthentication.Accepted.class);
        assertThat(((ApiKeyAuthentication.Accepted) auth).principal().roles()).containsExactlyInAnyOrder("deployer", "reader");

        assertThat(run("keys", "list", "-c", config.toString())).isZero();
        assertThat(out.toString()).contains("ci").contains("team-a").contains("enabled").doesNotContain(key);
    }

    @Test
    void rotateKeepsTheOldSecretForTheGraceAndRevokeEndsBoth() {
        run("keys", "create", "-c", config.toString(), "--name", "ci", "--owner", "team-a");
        String first = out.toString().trim();
        String id = first.substring(4, 16);

        assertThat(run("keys", "rotate", "-c", config.toString(), id, "--grace", "1h")).isZero();
        String second = out.toString().trim();
        assertThat(second).startsWith("rmp_" + id).isNotEqualTo(first);
        assertThat(authenticate(first)).isInstanceOf(ApiKeyAuthentication.Accepted.class);
        assertThat(authenticate(second)).isInstanceOf(ApiKeyAuthentication.Accepted.class);

        assertThat(run("keys", "revoke", "-c", config.toString(), id)).isZero();
        assertThat(authenticate(first)).isInstanceOf(ApiKeyAuthentication.Rejected.class);
        assertThat(authenticate(second)).isInstanceOf(ApiKeyAuthentication.Rejected.class);
        assertThat(run("keys", "list", "-c", config.toString())).isZero();
        assertThat(out.toString()).contains("revoked");
    }

    @Test
    void unknownIdAndBadInputAreClearErrors() {
        assertThat(run("keys", "revoke", "-c", config.toString(), "nope")).isEqualTo(1);
        assertThat(err.toString()).contains("no API key with that id");
        assertThat(run("keys", "create", "-c", config.toString(), "--name", "ci", "--owner", "x", "--expires", "soon"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("not a duration");
        assertThat(run("keys", "list", "-c", dir.resolve("missing.yaml").toString())).isEqualTo(1);
    }
}

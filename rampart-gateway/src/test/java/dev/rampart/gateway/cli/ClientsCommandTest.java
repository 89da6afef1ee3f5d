package dev.rampart.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.rampart.auth.oauth2.ClientAuthMethod;
import dev.rampart.auth.oauth2.OAuth2Clients;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.gateway.server.Gateway;
import dev.rampart.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rampart clients}: clients registered on the command line are the gateway's clients. */
class ClientsCommandTest {

    @TempDir
    Path dir;

    Path config;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void writeConfig() throws Exception {
        config = dir.resolve("rampart.yaml");
        Files.writeString(config, "store:\n  data-dir: ./data\n");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return new CommandLine(new RampartCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    private <T> T onClients(Function<OAuth2Clients, T> call) {
        try (Store store = Store.open(new StoreConfig(null, dir.resolve("data").toString(), null, null, null, null), dir)) {
            return call.apply(Gateway.oauth2ClientsOf(store));
        }
    }

    private java.util.Optional<dev.rampart.auth.oauth2.OAuth2Client> authenticated(String id, String secret) {
        return onClients(c -> c.authenticateSecret(id, secret));
    }

    private String printed(String field) {
        Matcher m = Pattern.compile(field + ": (\\S+)").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        return m.group(1);
    }

    @Test
    void aSecretClientIsPrintedOnceAndItsSecretAuthenticates() {
        assertThat(run("clients", "create", "-c", config.toString(), "--name", "billing", "--scopes",
                "invoices:read,invoices:write", "--roles", "billing")).isZero();
        String id = printed("client_id");
        String secret = printed("client_secret");
        assertThat(err.toString()).contains("shown once").doesNotContain(secret);

        assertThat(authenticated(id, secret)).hasValueSatisfying(client ->
                assertThat(client.scopes()).containsExactlyInAnyOrder("invoices:read", "invoices:write"));

        assertThat(run("clients", "list", "-c", config.toString())).isZero();
        assertThat(out.toString()).contains(id).contains("billing").contains("client_secret").doesNotContain(secret);
    }

    @Test
    void rotateSecretAndRevoke() {
        run("clients", "create", "-c", config.toString(), "--name", "batch");
        String id = printed("client_id");
        String first = printed("client_secret");

        assertThat(run("clients", "rotate-secret", "-c", config.toString(), id, "--grace", "0s")).isZero();
        String second = printed("client_secret");
        assertThat(authenticated(id, first)).isEmpty();
        assertThat(authenticated(id, second)).isPresent();

        assertThat(run("clients", "revoke", "-c", config.toString(), id)).isZero();
        assertThat(authenticated(id, second)).isEmpty();
        assertThat(run("clients", "revoke", "-c", config.toString(), "cli_0000000000000000")).isEqualTo(1);
        assertThat(err.toString()).contains("no OAuth2 client");
    }

    @Test
    void aClientWithKeysUsesPrivateKeyJwtAndGetsNoSecret() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        Path jwks = dir.resolve("client.jwks.json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());

        assertThat(run("clients", "create", "-c", config.toString(), "--name", "signer", "--jwks", jwks.toString())).isZero();
        String id = printed("client_id");
        assertThat(out.toString()).doesNotContain("client_secret");
        ClientAuthMethod method = onClients(c -> c.find(id).orElseThrow().authMethod());
        assertThat(method).isEqualTo(ClientAuthMethod.PRIVATE_KEY_JWT);

        Files.writeString(jwks, new JWKSet(key).toString(false));   // a private key must be refused
        assertThat(run("clients", "create", "-c", config.toString(), "--name", "leaky", "--jwks", jwks.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("private key material");
    }
}

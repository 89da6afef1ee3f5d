package dev.rampart.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rampart crypto|encrypt|decrypt|signing-key|sign|verify} on a config's store. */
class CryptoCommandsTest {

    @TempDir
    Path dir;

    Path config;
    Path masterKey;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void writeConfigAndMasterKey() throws Exception {
        config = dir.resolve("rampart.yaml");
        Files.writeString(config, """
                store:
                  data-dir: ./data
                routes:
                  - id: a
                    match: { path-prefix: / }
                    upstream: { urls: ["http://127.0.0.1:9"] }
                """);
        assertThat(run("crypto", "new-master-key")).isZero();
        assertThat(out.toString().trim()).hasSize(44);
        masterKey = Files.writeString(dir.resolve("master.key"), out.toString());
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return new CommandLine(new RampartCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void encryptThenDecryptRestoresTheFileAndATamperedOneWritesNothing() throws Exception {
        byte[] content = new byte[1_500_000];
        new Random(1).nextBytes(content);
        Path plain = Files.write(dir.resolve("dump.sql"), content);

        assertThat(run("encrypt", "-c", config.toString(), "--master-key-file", masterKey.toString(), plain.toString())).isZero();
        Path encrypted = dir.resolve("dump.sql.enc");
        assertThat(err.toString()).contains("key files version 1");
        Files.delete(plain);
        assertThat(run("decrypt", "-c", config.toString(), "--master-key-file", masterKey.toString(), encrypted.toString())).isZero();
        assertThat(Files.readAllBytes(plain)).isEqualTo(content);

        byte[] truncated = Arrays.copyOf(Files.readAllBytes(encrypted), 700_000);
        Path broken = Files.write(dir.resolve("broken.enc"), truncated);
        assertThat(run("decrypt", "-c", config.toString(), "--master-key-file", masterKey.toString(), broken.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("truncated or altered");
        assertThat(dir.resolve("broken")).doesNotExist();
    }

    @Test
    void withoutTheMasterKeyTheCommandsSayHowToGiveItAndRekeyMovesToANewOne() throws Exception {
        Path plain = Files.writeString(dir.resolve("notes.txt"), "private notes");
        run("encrypt", "-c", config.toString(), "--master-key-file", masterKey.toString(), plain.toString());
        Files.delete(plain);

        assertThat(run("decrypt", "-c", config.toString(), dir.resolve("notes.txt.enc").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no master key was given").contains("RAMPART_MASTER_KEY");

        run("crypto", "new-master-key");
        Path newKey = Files.writeString(dir.resolve("new.key"), out.toString());
        assertThat(run("crypto", "rekey-master", "-c", config.toString(), "--master-key-file", masterKey.toString(),
                "--new-key-file", newKey.toString())).isZero();
        assertThat(out.toString()).contains("Re-encrypted 1 keysets");

        assertThat(run("decrypt", "-c", config.toString(), "--master-key-file", masterKey.toString(),
                dir.resolve("notes.txt.enc").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("does not match");
        assertThat(run("decrypt", "-c", config.toString(), "--master-key-file", newKey.toString(),
                dir.resolve("notes.txt.enc").toString())).isZero();
        assertThat(Files.readString(plain)).isEqualTo("private notes");
    }

    @Test
    void signedDirectoryVerifiesAndAChangedFileFailsLoudly() throws Exception {
        Path plugin = Files.createDirectories(dir.resolve("plugin"));
        Files.writeString(plugin.resolve("plugin.jar"), "code");
        assertThat(run("signing-key", dir.resolve("signer.jwk").toString())).isZero();
        Path trusted = Files.writeString(dir.resolve("trusted.jwks"), out.toString());
        assertThat(err.toString()).contains("fingerprint");

        assertThat(run("sign", "--key", dir.resolve("signer.jwk").toString(), plugin.toString())).isZero();
        assertThat(plugin.resolve("rampart.sig")).exists();
        assertThat(run("verify", "--trusted", trusted.toString(), plugin.toString())).isZero();
        assertThat(out.toString()).startsWith("OK: 1 files, signed by ");

        Files.writeString(plugin.resolve("plugin.jar"), "patched code");
        Files.writeString(plugin.resolve("extra.jar"), "more");
        assertThat(run("verify", "--trusted", trusted.toString(), plugin.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("FAILED").contains("changed (SHA-256 differs): plugin.jar")
                .contains("not in the manifest: extra.jar");
    }

    @Test
    void secretsWrittenOnTheCommandLineAreReadBackByVersionAndCasConflictsFail() throws Exception {
        String[] common = {"-c", config.toString(), "--master-key-file", masterKey.toString()};
        Path passwordFile = Files.writeString(dir.resolve("pw.txt"), "s3cret\n");
        assertThat(run(concat(new String[] {"secrets", "put", "db/orders", "user=orders", "password=@" + passwordFile,
            "--cas", "0"}, common))).isZero();
        assertThat(out.toString()).contains("version 1").doesNotContain("s3cret");
        assertThat(run(concat(new String[] {"secrets", "put", "db/orders", "user=orders2", "--cas", "0"}, common))).isEqualTo(1);
        assertThat(err.toString()).contains("check-and-set failed");
        assertThat(run(concat(new String[] {"secrets", "put", "db/orders", "user=orders2", "--ttl", "forever"}, common)))
                .isEqualTo(2);

        assertThat(run(concat(new String[] {"secrets", "get", "db/orders", "--field", "password"}, common))).isZero();
        assertThat(out.toString()).isEqualTo("s3cret" + System.lineSeparator());
        assertThat(run(concat(new String[] {"secrets", "list", "db/"}, common))).isZero();
        assertThat(out.toString()).contains("db/orders").contains("v1").doesNotContain("s3cret");
        assertThat(run(concat(new String[] {"secrets", "delete", "db/orders"}, common))).isZero();
        assertThat(run(concat(new String[] {"secrets", "get", "db/orders"}, common))).isEqualTo(1);
        assertThat(err.toString()).contains("no readable version");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}

package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detached manifest signatures: what verifies, and that every kind of tampering is named. */
class ArtifactSigningTest {

    static final Instant SIGNED_AT = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dir;

    Path plugin;
    OctetKeyPair privateKey;
    List<OctetKeyPair> trusted;

    @BeforeEach
    void signAPlugin() throws Exception {
        plugin = Files.createDirectories(dir.resolve("plugin"));
        Files.writeString(plugin.resolve("plugin.jar"), "jar bytes");
        Files.createDirectories(plugin.resolve("conf"));
        Files.writeString(plugin.resolve("conf/rules.yaml"), "rules: []");
        OctetKeyPair publicKey = ArtifactSigning.generateKey(dir.resolve("signer.jwk"));
        Files.writeString(dir.resolve("trusted.jwks"), new JWKSet(publicKey).toString());
        privateKey = ArtifactSigning.readPrivateKey(dir.resolve("signer.jwk"));
        trusted = ArtifactSigning.readTrustedKeys(dir.resolve("trusted.jwks"));
        ArtifactSigning.signDirectory(privateKey, plugin, SIGNED_AT);
    }

    @Test
    void anUntouchedDirectoryVerifiesWithItsSignerAndTime() throws Exception {
        ArtifactSigning.Verified verified = ArtifactSigning.verifyDirectory(trusted, plugin);

        assertThat(verified.signerFingerprint()).isEqualTo(ArtifactSigning.fingerprint(privateKey));
        assertThat(verified.signedAt()).isEqualTo(SIGNED_AT);
        assertThat(verified.sha256ByFile()).containsOnlyKeys("conf/rules.yaml", "plugin.jar");
        assertThat(Files.readString(plugin.resolve("rampart.sig"))).startsWith("rampart-signed-manifest v1\nsigner ")
                .contains("time 2026-11-26T12:00:00Z");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("signer.jwk")))).isEqualTo("rw-------");
        assertThat(trusted.get(0).isPrivate()).isFalse();
    }

    @Test
    void changedMissingAndExtraFilesAreAllNamed() throws Exception {
        Files.writeString(plugin.resolve("plugin.jar"), "jar bytes, patched");
        Files.delete(plugin.resolve("conf/rules.yaml"));
        Files.writeString(plugin.resolve("backdoor.class"), "x");

        assertThatThrownBy(() -> ArtifactSigning.verifyDirectory(trusted, plugin))
                .isInstanceOfSatisfying(ArtifactVerificationException.class, e -> {
                    assertThat(e.mismatched()).containsExactly("plugin.jar");
                    assertThat(e.missing()).containsExactly("conf/rules.yaml");
                    assertThat(e.extra()).containsExactly("backdoor.class");
                })
                .hasMessageContaining("changed (SHA-256 differs): plugin.jar")
                .hasMessageContaining("missing: conf/rules.yaml")
                .hasMessageContaining("not in the manifest: backdoor.class");
    }

    @Test
    void anEditedManifestOrAnUntrustedSignerIsRefused() throws Exception {
        Path signature = plugin.resolve("rampart.sig");
        String original = Files.readString(signature);
        Files.writeString(signature, original.replace("time 2026-11-26T12:00:00Z", "time 2027-11-26T12:00:00Z"));
        assertThatThrownBy(() -> ArtifactSigning.verifyDirectory(trusted, plugin))
                .isInstanceOf(ArtifactVerificationException.class).hasMessageContaining("does not verify");

        Files.writeString(signature, original);
        OctetKeyPair stranger = ArtifactSigning.generateKey(dir.resolve("other.jwk"));
        assertThatThrownBy(() -> ArtifactSigning.verifyDirectory(List.of(stranger), plugin))
                .hasMessageContaining("which is not among the trusted keys");

        Files.writeString(signature, "hello\n");
        assertThatThrownBy(() -> ArtifactSigning.verifyDirectory(trusted, plugin))
                .hasMessageContaining("not a Rampart signature file");
    }

    @Test
    void explicitFilesAreSignedRelativeToTheSignatureFile() throws Exception {
        Path signature = dir.resolve("release.sig");
        ArtifactSigning.sign(privateKey, signature, List.of(plugin.resolve("plugin.jar")), SIGNED_AT);

        assertThat(ArtifactSigning.verify(trusted, signature, null).sha256ByFile()).containsOnlyKeys("plugin/plugin.jar");
        assertThatThrownBy(() -> ArtifactSigning.sign(privateKey, plugin.resolve("conf/x.sig"),
                List.of(plugin.resolve("plugin.jar")), SIGNED_AT)).hasMessageContaining("is outside");
        assertThatThrownBy(() -> ArtifactSigning.generateKey(dir.resolve("signer.jwk"))).hasMessageContaining("never overwritten");
    }
}

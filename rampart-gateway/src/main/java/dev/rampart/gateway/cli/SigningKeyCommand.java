package dev.rampart.gateway.cli;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.rampart.crypto.ArtifactSigning;
import dev.rampart.crypto.CryptoException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rampart signing-key FILE}: an Ed25519 key pair for {@code rampart sign}. */
@Command(name = "signing-key", mixinStandardHelpOptions = true,
        description = "Create an Ed25519 signing key: the private JWK goes to FILE (0600), the public JWK Set to stdout.")
final class SigningKeyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Where to write the private key (never overwritten).")
    Path privateKeyFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            OctetKeyPair publicKey = ArtifactSigning.generateKey(privateKeyFile);
            spec.commandLine().getOut().println(new JWKSet(publicKey).toString(true));
            spec.commandLine().getErr().println("Private key written to " + privateKeyFile + "; fingerprint "
                    + ArtifactSigning.fingerprint(publicKey) + ". Give verifiers the JWK Set above.");
            return 0;
        } catch (CryptoException e) {
            spec.commandLine().getErr().println("rampart: " + e.getMessage());
            return 1;
        }
    }
}

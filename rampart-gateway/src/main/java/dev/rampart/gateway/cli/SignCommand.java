package dev.rampart.gateway.cli;

import dev.rampart.crypto.ArtifactSigning;
import dev.rampart.crypto.CryptoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rampart sign --key FILE DIR|FILES}: a detached Ed25519 signature over a manifest of the
 * files' SHA-256 digests. A single directory is signed whole into {@code DIR/rampart.sig}.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign a directory (into DIR/rampart.sig) or files (into --signature) with an Ed25519 key.")
final class SignCommand implements Callable<Integer> {

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Private key JWK ('rampart signing-key').")
    Path key;

    @Option(names = "--signature", paramLabel = "FILE",
            description = "Signature file for FILES (default: rampart.sig in the current directory); names are relative to its directory.")
    Path signature;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "One directory, or files.")
    List<Path> targets;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            var privateKey = ArtifactSigning.readPrivateKey(key);
            Path written;
            if (targets.size() == 1 && Files.isDirectory(targets.get(0)) && signature == null) {
                written = ArtifactSigning.signDirectory(privateKey, targets.get(0), Instant.now());
            } else {
                written = signature != null ? signature : Path.of(ArtifactSigning.SIGNATURE_FILE);
                ArtifactSigning.sign(privateKey, written, targets, Instant.now());
            }
            spec.commandLine().getOut().println(written);
            spec.commandLine().getErr().println("Signed by " + ArtifactSigning.fingerprint(privateKey) + ".");
            return 0;
        } catch (CryptoException e) {
            spec.commandLine().getErr().println("rampart: " + e.getMessage());
            return 1;
        }
    }
}

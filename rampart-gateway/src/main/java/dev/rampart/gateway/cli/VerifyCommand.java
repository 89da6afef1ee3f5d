package dev.rampart.gateway.cli;

import dev.rampart.crypto.ArtifactSigning;
import dev.rampart.crypto.ArtifactVerificationException;
import dev.rampart.crypto.CryptoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rampart verify --trusted KEYS DIR}: every digest and the signature, or a loud failure naming each file. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a signed directory (DIR/rampart.sig) or a signature file against trusted public keys.")
final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--trusted", required = true, paramLabel = "FILE", description = "Trusted public key: a JWK or a JWK Set.")
    Path trusted;

    @Option(names = "--signature", paramLabel = "FILE",
            description = "Signature file to check (its listed files are checked; no extra-file check).")
    Path signature;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Signed directory: also fails on files not in the manifest.")
    Path directory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            var keys = ArtifactSigning.readTrustedKeys(trusted);
            ArtifactSigning.Verified verified;
            if (signature != null) {
                verified = ArtifactSigning.verify(keys, signature, null);
            } else if (directory != null && Files.isDirectory(directory)) {
                verified = ArtifactSigning.verifyDirectory(keys, directory);
            } else {
                spec.commandLine().getErr().println("rampart: give a signed directory or --signature FILE");
                return 2;
            }
            spec.commandLine().getOut().println("OK: " + verified.sha256ByFile().size() + " files, signed by "
                    + verified.signerFingerprint() + " at " + verified.signedAt());
            return 0;
        } catch (ArtifactVerificationException e) {
            spec.commandLine().getErr().println("rampart: FAILED: " + e.getMessage());
            return 1;
        } catch (CryptoException e) {
            spec.commandLine().getErr().println("rampart: " + e.getMessage());
            return 1;
        }
    }
}

package dev.rampart.gateway.cli;

import dev.rampart.core.Principal;
import dev.rampart.crypto.Crypto;
import dev.rampart.crypto.FileEncryption;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rampart decrypt FILE}: the reverse of {@code rampart encrypt}; no output unless the whole file verifies. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = "Decrypt a file made by 'rampart encrypt'; a truncated or altered file fails and writes nothing.")
final class DecryptCommand extends CryptoCommand.OnCrypto {

    @Parameters(paramLabel = "FILE", description = "The encrypted file.")
    Path input;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Output (default: FILE without .enc, or FILE.dec); never overwritten.")
    Path output;

    @Override
    void run(Crypto crypto, Principal operator, PrintWriter out, PrintWriter err) {
        String name = input.getFileName().toString();
        Path target = output != null ? output
                : input.resolveSibling(name.endsWith(".enc") && name.length() > 4 ? name.substring(0, name.length() - 4) : name + ".dec");
        FileEncryption.Header header = crypto.files().decrypt(operator, input, target);
        out.println(target);
        err.println("Decrypted with key " + header.keyName() + " version " + header.version() + ".");
    }
}

package dev.rampart.gateway.cli;

import dev.rampart.core.Principal;
import dev.rampart.crypto.Crypto;
import dev.rampart.crypto.FileEncryption;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rampart encrypt FILE}: streaming AEAD under a transit key of the config's store. */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = "Encrypt a file of any size (AES-256-GCM-HKDF, 1 MiB segments) under a transit key.")
final class EncryptCommand extends CryptoCommand.OnCrypto {

    @Parameters(paramLabel = "FILE", description = "The file to encrypt.")
    Path input;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Output (default: FILE.enc); never overwritten.")
    Path output;

    @Option(names = "--key", defaultValue = FileEncryption.DEFAULT_KEY, paramLabel = "NAME",
            description = "Transit key (type aes256-gcm-hkdf-1mb, created on first use; default: ${DEFAULT-VALUE}).")
    String key;

    @Override
    void run(Crypto crypto, Principal operator, PrintWriter out, PrintWriter err) {
        Path target = output != null ? output : input.resolveSibling(input.getFileName() + ".enc");
        FileEncryption.Header header = crypto.files().encrypt(operator, key, input, target);
        out.println(target);
        err.println("Encrypted under key " + header.keyName() + " version " + header.version() + ".");
    }
}

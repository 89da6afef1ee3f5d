package dev.rampart.crypto;

import dev.rampart.core.Principal;
import dev.rampart.crypto.CryptoException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;

/**
 * Encrypts and decrypts files of any size in constant memory with Tink's streaming AEAD
 * (AES-256-GCM-HKDF, 1 MiB segments) under a transit key of type {@code aes256-gcm-hkdf-1mb}
 * (created on first use). Each segment is authenticated and the last one is marked, so an altered,
 * reordered or truncated file fails to decrypt.
 *
 * <p>File layout: the magic {@code RMPENC01}, the key name (2-byte length + UTF-8) and the key
 * version (4 bytes), then Tink's ciphertext. The header is the associated data of the stream,
 * so it cannot be changed either. Output is written to a temporary file in the target directory
 * and moved into place only when complete: a failed decryption leaves no plaintext behind.
 */
public final class FileEncryption {

    /** Key used when the caller names none. */
    public static final String DEFAULT_KEY = "files";
    private static final byte[] MAGIC = "RMPENC01".getBytes(StandardCharsets.US_ASCII);

    private final Transit transit;

    FileEncryption(Transit transit) {
        this.transit = transit;
    }

    /** Key name and version found in an encrypted file's header. */
    public record Header(String keyName, int version) {}

    /** Encrypts {@code input} into {@code output} (which must not exist) under the latest version of {@code keyName}. */
    public Header encrypt(Principal caller, String keyName, Path input, Path output) {
        KeyVersion key = transit.streamingKeyForEncryption(caller, keyName);
        byte[] header = header(keyName, key.version);
        writeAtomically(output, temp -> {
            try (InputStream in = Files.newInputStream(input); OutputStream file = Files.newOutputStream(temp)) {
                file.write(header);
                try (OutputStream encrypting = key.streamingAead.newEncryptingStream(file, header)) {
                    in.transferTo(encrypting);
                }
            }
        });
        transit.recordFileOperation(caller, "encrypt", keyName, key.version, "ok", Map.of("file", fileName(input)));
        return new Header(keyName, key.version);
    }

    /** Decrypts {@code input} into {@code output} (which must not exist); on any failure no output is left. */
    public Header decrypt(Principal caller, Path input, Path output) {
        Header header;
        try (InputStream in = Files.newInputStream(input)) {
            header = readHeader(in, input);
        } catch (IOException e) {
            throw new CryptoException(Reason.IO, "cannot read " + input + ": " + e.getMessage(), e);
        }
        KeyVersion key = transit.streamingKeyForDecryption(caller, header.keyName(), header.version());
        byte[] headerBytes = header(header.keyName(), header.version());
        try {
            writeAtomically(output, temp -> {
                try (InputStream file = Files.newInputStream(input); OutputStream out = Files.newOutputStream(temp)) {
                    file.skipNBytes(headerBytes.length);
                    InputStream decrypting = key.streamingAead.newDecryptingStream(file, headerBytes);
                    copyDecrypted(decrypting, out, output);
                    decrypting.close();
                }
            });
        } catch (CryptoException e) {
            transit.recordFileOperation(caller, "decrypt", header.keyName(), header.version(), e.code(),
                    Map.of("file", fileName(input)));
            throw e;
        }
        transit.recordFileOperation(caller, "decrypt", header.keyName(), header.version(), "ok",
                Map.of("file", fileName(input)));
        return header;
    }

    /** Reads the header of an encrypted file without decrypting it. */
    public static Header readHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readHeader(in, file);
        } catch (IOException e) {
            throw new CryptoException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Header readHeader(InputStream in, Path file) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            byte[] magic = data.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CryptoException(Reason.INVALID_INPUT, file + " is not a Rampart-encrypted file (no RMPENC01 header)");
            }
            int length = data.readUnsignedShort();
            if (length == 0 || length > 128) {
                throw new CryptoException(Reason.INVALID_INPUT, file + " has a malformed header (key name length " + length + ")");
            }
            String name = new String(data.readNBytes(length), StandardCharsets.UTF_8);
            int version = data.readInt();
            if (version < 1) {
                throw new CryptoException(Reason.INVALID_INPUT, file + " has a malformed header (key version " + version + ")");
            }
            return new Header(name, version);
        } catch (EOFException e) {
            throw new CryptoException(Reason.INVALID_INPUT, file + " is truncated inside its header");
        }
    }

    private static byte[] header(String keyName, int version) {
        byte[] name = keyName.getBytes(StandardCharsets.UTF_8);
        var bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeShort(name.length);
            out.write(name);
            out.writeInt(version);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface FileWork {
        void writeTo(Path temp) throws IOException, GeneralSecurityException;
    }

    private static void writeAtomically(Path output, FileWork work) {
        Path target = output.toAbsolutePath();
        if (Files.exists(target)) {
            throw new CryptoException(Reason.IO, target + " already exists; remove it or choose another output");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
            work.writeTo(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (FileAlreadyExistsException e) {
            throw new CryptoException(Reason.IO, target + " already exists; remove it or choose another output", e);
        } catch (IOException e) {
            throw new CryptoException(Reason.IO, "cannot write " + target + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(Reason.DECRYPTION_FAILED, "cannot set up the stream for " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the partial file is in the target directory, owner-only, and named .partial
                }
            }
        }
    }

    /**
     * Copies plaintext out of Tink's decrypting stream. Tink reports a segment that fails
     * authentication, and a missing last segment (truncation), as an IOException on read.
     */
    private static void copyDecrypted(InputStream decrypting, OutputStream out, Path target) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            int n;
            try {
                n = decrypting.read(buffer);
            } catch (IOException e) {
                throw new CryptoException(Reason.DECRYPTION_FAILED, "the encrypted file is truncated or altered"
                        + " (a segment failed authentication); nothing was written to " + target, e);
            }
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
        }
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}

package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.CryptoException.Reason;
import dev.rampart.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming file encryption: round trips, header, and no plaintext left by a failed decryption. */
class FileEncryptionTest extends CryptoTestBase {

    @TempDir
    Path dir;

    Path plain;
    Path work;

    @Override
    Store openStore() {
        return TestStores.sqlite(dir);
    }

    @BeforeEach
    void writePlaintext() throws IOException {
        work = Files.createDirectory(dir.resolve("files"));
        byte[] content = new byte[2 * 1024 * 1024 + 12345]; // three 1 MiB segments, the last partial
        new Random(7).nextBytes(content);
        plain = Files.write(work.resolve("backup.tar"), content);
    }

    @Test
    void roundTripsAMultiSegmentFileAcrossARotationAndNamesKeyAndVersionInTheHeader() throws IOException {
        Path v1 = work.resolve("v1.enc");
        assertThat(crypto.files().encrypt(ADMIN, "files", plain, v1)).isEqualTo(new FileEncryption.Header("files", 1));
        crypto.transit().rotate(ADMIN, "files");
        Path v2 = work.resolve("v2.enc");
        crypto.files().encrypt(ADMIN, "files", plain, v2);

        assertThat(FileEncryption.readHeader(v2)).isEqualTo(new FileEncryption.Header("files", 2));
        crypto.files().decrypt(ADMIN, v1, work.resolve("v1.out"));
        crypto.files().decrypt(ADMIN, v2, work.resolve("v2.out"));
        assertThat(work.resolve("v1.out")).hasSameBinaryContentAs(plain);
        assertThat(work.resolve("v2.out")).hasSameBinaryContentAs(plain);
        assertThat(crypto.transit().read(ADMIN, "files").type()).isEqualTo(KeyType.AES256_GCM_HKDF_1MB);
    }

    @Test
    void aTruncatedFileFailsAndLeavesNoPlaintextBehind() throws IOException {
        Path encrypted = work.resolve("b.enc");
        crypto.files().encrypt(ADMIN, "files", plain, encrypted);
        byte[] whole = Files.readAllBytes(encrypted);
        for (int cut : new int[] {whole.length - 1, whole.length - 17, 1024 * 1024 + 40, 100, 30}) {
            Path truncated = Files.write(work.resolve("cut.enc"), Arrays.copyOf(whole, cut));
            Path out = work.resolve("cut.out");

            assertThatThrownBy(() -> crypto.files().decrypt(ADMIN, truncated, out)).as("cut at %d", cut)
                    .isInstanceOf(CryptoException.class).hasMessageContaining("truncated");
            assertThat(out).doesNotExist();
            assertThat(leftovers()).as("cut at %d", cut).isEmpty();
        }
    }

    @Test
    void alteringAnyRegionOfTheFileFailsDecryption() throws IOException {
        Path encrypted = work.resolve("b.enc");
        crypto.files().encrypt(ADMIN, "files", plain, encrypted);
        byte[] whole = Files.readAllBytes(encrypted);
        int[] positions = {0, 9, 12, 20, 40, 60, 1024 * 1024, 2 * 1024 * 1024 + 100, whole.length - 1};
        for (int position : positions) {
            byte[] altered = whole.clone();
            altered[position] ^= 0x01;
            Path file = Files.write(work.resolve("altered.enc"), altered);
            Path out = work.resolve("altered.out");

            assertThatThrownBy(() -> crypto.files().decrypt(ADMIN, file, out)).as("byte %d", position)
                    .isInstanceOf(CryptoException.class);
            assertThat(out).doesNotExist();
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void refusesToOverwriteAndRejectsFilesThatAreNotOurs() throws IOException {
        Path encrypted = work.resolve("b.enc");
        crypto.files().encrypt(ADMIN, "files", plain, encrypted);
        assertThatThrownBy(() -> crypto.files().encrypt(ADMIN, "files", plain, encrypted)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> crypto.files().decrypt(ADMIN, plain, work.resolve("x")))
                .hasMessageContaining("not a Rampart-encrypted file")
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.INVALID_INPUT);
        assertThatThrownBy(() -> crypto.files().decrypt(caller("nobody"), encrypted, work.resolve("y")))
                .hasMessageContaining("transit:decrypt:files");
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".partial")).toList();
        }
    }
}

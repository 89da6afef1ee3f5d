package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the master key comes from: environment variables and key files. */
class MasterKeySourceTest {

    @Test
    void theEnvironmentGivesExactlyOneKindOfMasterKey() {
        String base64 = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(MasterKeySource.fromEnvironment(Map.of())).isEmpty();
        assertThat(MasterKeySource.fromEnvironment(Map.of("RAMPART_MASTER_KEY", base64)).orElseThrow())
                .isInstanceOf(MasterKeySource.KeyBytes.class).hasToString("MasterKeySource.KeyBytes[***]");
        assertThat(MasterKeySource.fromEnvironment(Map.of("RAMPART_MASTER_PASSPHRASE", "a long passphrase")).orElseThrow())
                .isInstanceOf(MasterKeySource.Passphrase.class);
        assertThatThrownBy(() -> MasterKeySource.fromEnvironment(Map.of("RAMPART_MASTER_KEY", base64,
                "RAMPART_MASTER_PASSPHRASE", "a long passphrase"))).hasMessageContaining("set exactly one");
        assertThatThrownBy(() -> MasterKeySource.fromEnvironment(Map.of("RAMPART_MASTER_KEY", "c2hvcnQ=")))
                .hasMessageContaining("exactly 32 bytes, got 5");
        assertThatThrownBy(() -> MasterKeySource.fromEnvironment(Map.of("RAMPART_MASTER_KEY", "not base64!")))
                .hasMessageContaining("not base64").hasMessageNotContaining("not base64!");
    }

    @Test
    void aKeyFileHoldsBase64OrThe32RawBytes(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("key.b64"), Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        Path raw = Files.write(dir.resolve("key.bin"), new byte[32]);
        assertThat(MasterKeySource.fromFile(text)).isInstanceOf(MasterKeySource.KeyBytes.class);
        assertThat(MasterKeySource.fromEnvironment(Map.of("RAMPART_MASTER_KEY_FILE", raw.toString()))).isPresent();
        assertThatThrownBy(() -> MasterKeySource.fromFile(dir.resolve("absent")))
                .hasMessageContaining("cannot read the master key file");
        assertThatThrownBy(() -> MasterKeySource.passphrase("short".toCharArray())).hasMessageContaining("at least 12");
    }
}

package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.waf.transform.ByteText;
import dev.rampart.waf.transform.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PmFromFileTest {

    @TempDir
    Path rules;

    @Test
    void readsPhrasesRelativeToTheRulesDirectorySkippingCommentsAndBlanks() throws IOException {
        Files.writeString(rules.resolve("agents.data"), "# scanners\n\nnikto\r\n  sqlmap  \n#nessus\n");
        Pm pm = PmFromFile.create("agents.data", rules);
        assertThat(pm.matches("Nikto/2.1", RecordingContext.plain())).isTrue();
        assertThat(pm.matches("sqlmap", RecordingContext.plain())).isTrue();
        assertThat(pm.matches("nessus", RecordingContext.plain())).isFalse();
        assertThat(pm.matches("scanners", RecordingContext.plain())).isFalse();
    }

    @Test
    void readsSeveralFiles() throws IOException {
        Files.writeString(rules.resolve("a.data"), "alpha\n");
        Files.writeString(rules.resolve("b.data"), "beta\n");
        Pm pm = PmFromFile.create("a.data  b.data", rules);
        assertThat(pm.matches("BETA", RecordingContext.plain())).isTrue();
        assertThat(pm.matches("alpha", RecordingContext.plain())).isTrue();
    }

    @Test
    void matchesUtf8PhrasesAgainstUtf8Bytes() throws IOException {
        Files.writeString(rules.resolve("u.data"), "caf\u00e9\n", StandardCharsets.UTF_8);
        assertThat(PmFromFile.create("u.data", rules).matches(ByteText.ofUtf8("un caf\u00e9"), RecordingContext.plain()))
                .isTrue();
    }

    @Test
    void namesTheMissingFile() {
        assertThatThrownBy(() -> PmFromFile.create("missing.data", rules)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.data");
    }

    @Test
    void refusesRemoteFiles() {
        assertThatThrownBy(() -> PmFromFile.create("https://example.com/list.data", rules))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remote");
    }

    @Test
    void registersUnderBothNames() throws IOException {
        Files.writeString(rules.resolve("x.data"), "needle\n");
        assertThat(Operators.create("pmf", "x.data", rules).matches("a needle", RecordingContext.plain())).isTrue();
        assertThat(Operators.create("pmFromFile", "x.data", rules).matches("a needle", RecordingContext.plain())).isTrue();
    }

    @Test
    void loadsCoreRuleSetScannerList() {
        Path crs = SharedData.crsRules();
        Assumptions.assumeTrue(crs != null, "../shared/crs-v4.28.0/rules not found; CRS data check skipped");
        Pm pm = PmFromFile.create("scanners-user-agents.data", crs);
        assertThat(pm.matches("Mozilla/5.00 (Nikto/2.1.6)", RecordingContext.plain())).isTrue();
        assertThat(pm.matches("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", RecordingContext.plain())).isFalse();
    }
}

package dev.rampart.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The config's value syntaxes: sizes and durations. */
class ConfigValuesTest {

    @Test
    void parsesSizesInPowersOf1024() {
        assertThat(DataSize.parse("512").bytes()).isEqualTo(512);
        assertThat(DataSize.parse("16KB").bytes()).isEqualTo(16 * 1024);
        assertThat(DataSize.parse("10mb").bytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(DataSize.parse("1GiB").bytes()).isEqualTo(1L << 30);
        assertThat(DataSize.parse("1GB").toString()).isEqualTo("1GB");
        assertThat(DataSize.ofBytes(1000).toString()).isEqualTo("1000");
    }

    @Test
    void refusesBadOrOverflowingSizesSayingWhatIsAllowed() {
        assertThatThrownBy(() -> DataSize.parse("ten MB")).hasMessageContaining("16KB");
        assertThatThrownBy(() -> DataSize.parse("-5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataSize.parse("99999999999999GB")).hasMessageContaining("too large");
    }

    @Test
    void parsesAndFormatsDurations() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("90d")).isEqualTo(Duration.ofDays(90));
        assertThat(Durations.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThatThrownBy(() -> Durations.parse("10 seconds")).hasMessageContaining("250ms");
    }
}

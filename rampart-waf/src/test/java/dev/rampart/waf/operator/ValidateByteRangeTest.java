package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValidateByteRangeTest {

    @Test
    void matchesWhenAByteFallsOutsideTheRanges() {
        ValidateByteRange printable = new ValidateByteRange("9,10,13,32-126");
        assertThat(printable.matches("plain text\r\n\t~", RecordingContext.plain())).isFalse();
        assertThat(printable.matches("nul\0", RecordingContext.plain())).isTrue();
        assertThat(printable.matches("del\u007f", RecordingContext.plain())).isTrue();
        assertThat(printable.matches("\u00e9", RecordingContext.plain())).isTrue();
    }

    @Test
    void acceptsRangeEdgesInclusively() {
        ValidateByteRange range = new ValidateByteRange("1-255");
        assertThat(range.matches("\u0001\u00ff", RecordingContext.plain())).isFalse();
        assertThat(range.matches("\0", RecordingContext.plain())).isTrue();
    }

    @Test
    void neverMatchesEmptyValue() {
        assertThat(new ValidateByteRange("65").matches("", RecordingContext.plain())).isFalse();
    }

    @Test
    void rejectsEntriesThatAreNotBytesNamingThem() {
        assertThatThrownBy(() -> new ValidateByteRange("32-256")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32-256");
        assertThatThrownBy(() -> new ValidateByteRange("126-32")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> new ValidateByteRange("a-z")).hasMessageContaining("a-z");
        assertThatThrownBy(() -> new ValidateByteRange("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValidateByteRange("1,,2")).isInstanceOf(IllegalArgumentException.class);
    }
}

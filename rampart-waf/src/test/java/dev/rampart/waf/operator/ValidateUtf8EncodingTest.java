package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.waf.transform.ByteText;
import org.junit.jupiter.api.Test;

class ValidateUtf8EncodingTest {

    private static boolean invalid(String bytes) {
        return new ValidateUtf8Encoding().matches(bytes, RecordingContext.plain());
    }

    @Test
    void acceptsWellFormedUtf8() {
        assertThat(invalid("ascii")).isFalse();
        assertThat(invalid(ByteText.ofUtf8("caf\u00e9 \u20ac \ud83d\ude00"))).isFalse();
        assertThat(invalid("")).isFalse();
    }

    @Test
    void matchesOverlongEncodings() {
        // %c0%af is an overlong '/', the IIS traversal evasion.
        assertThat(invalid("\u00c0\u00af")).isTrue();
        assertThat(invalid("\u00e0\u0080\u00af")).isTrue();
    }

    @Test
    void matchesTruncatedSequencesAndStrayContinuationBytes() {
        assertThat(invalid("caf\u00c3")).isTrue();
        assertThat(invalid("\u0080")).isTrue();
        assertThat(invalid("\u00e2\u0082")).isTrue();
    }

    @Test
    void matchesSurrogatesAndCodePointsBeyondUnicode() {
        assertThat(invalid("\u00ed\u00a0\u0080")).isTrue();
        assertThat(invalid("\u00f4\u0090\u0080\u0080")).isTrue();
        assertThat(invalid("\u00ff")).isTrue();
    }
}

package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteTextTest {

    @Test
    void holdsOneCharPerByte() {
        String value = ByteText.of(new byte[] {(byte) 0xc3, (byte) 0xa9, 0});
        assertThat(value).isEqualTo("\u00c3\u00a9\0");
        assertThat(ByteText.bytes(value)).containsExactly((byte) 0xc3, (byte) 0xa9, 0);
        assertThat(ByteText.ofUtf8("\u00e9")).isEqualTo("\u00c3\u00a9");
    }

    @Test
    void readsHexDigitsOfEitherCase() {
        assertThat(ByteText.hasHexDigits("x3Fa", 1, 3)).isTrue();
        assertThat(ByteText.hasHexDigits("x3G", 1, 2)).isFalse();
        assertThat(ByteText.hasHexDigits("x3", 1, 2)).isFalse();
        assertThat(ByteText.hexNumber("ff1C", 0, 4)).isEqualTo(0xff1c);
    }

    @Test
    void countsCLocaleWhitespace() {
        assertThat(" \t\n\u000b\f\r".chars().allMatch(c -> ByteText.isSpace((char) c))).isTrue();
        assertThat(ByteText.isSpace('\u00a0')).isFalse();
        assertThat(ByteText.isSpace('\0')).isFalse();
    }
}

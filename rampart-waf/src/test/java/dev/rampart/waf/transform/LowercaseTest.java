package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LowercaseTest {

    private final Lowercase lowercase = new Lowercase();

    @Test
    void lowercasesAscii() {
        assertThat(lowercase.apply("SeLeCT 1 FROM Dual")).isEqualTo("select 1 from dual");
    }

    @Test
    void leavesBytesAboveAsciiAlone() {
        // UTF-8 of 'É' is c3 89; lowercasing must not touch either byte.
        String utf8 = ByteText.ofUtf8("\u00c9A");
        assertThat(lowercase.apply(utf8)).isEqualTo(ByteText.ofUtf8("\u00c9a"));
        assertThat(lowercase.apply("\u00c0")).isEqualTo("\u00c0");
    }

    @Test
    void returnsLowercaseValueUnchanged() {
        String value = "already lower 123";
        assertThat(lowercase.apply(value)).isSameAs(value);
    }
}

package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrimRightTest {

    @Test
    void removesTrailingWhitespaceOnly() {
        assertThat(new TrimRight().apply(" select \f\r\n")).isEqualTo(" select");
        assertThat(new TrimRight().apply("\n")).isEmpty();
    }
}

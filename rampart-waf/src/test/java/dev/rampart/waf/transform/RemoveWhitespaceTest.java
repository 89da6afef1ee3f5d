package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoveWhitespaceTest {

    private final RemoveWhitespace remove = new RemoveWhitespace();

    @Test
    void deletesAsciiWhitespaceAndNonBreakingSpace() {
        assertThat(remove.apply(" s\te\nl\u000be\fc\rt\u00a0")).isEqualTo("select");
    }

    @Test
    void keepsOtherControlBytes() {
        assertThat(remove.apply("a\u0001\u001fb")).isEqualTo("a\u0001\u001fb");
    }

    @Test
    void returnsValueWithoutWhitespaceUnchanged() {
        String value = "compact";
        assertThat(remove.apply(value)).isSameAs(value);
    }
}

package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UppercaseTest {

    private final Uppercase uppercase = new Uppercase();

    @Test
    void uppercasesAsciiOnly() {
        assertThat(uppercase.apply("post /a?b=1")).isEqualTo("POST /A?B=1");
        assertThat(uppercase.apply("\u00e9")).isEqualTo("\u00e9");
    }

    @Test
    void returnsUppercaseValueUnchanged() {
        String value = "GET";
        assertThat(uppercase.apply(value)).isSameAs(value);
    }
}

package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlEncodeTest {

    private final UrlEncode encode = new UrlEncode();

    @Test
    void encodesAllButLettersDigitsAndStar() {
        assertThat(encode.apply("a b<c>*1")).isEqualTo("a+b%3cc%3e*1");
        assertThat(encode.apply("-._~/\0\u00ff")).isEqualTo("%2d%2e%5f%7e%2f%00%ff");
    }

    @Test
    void roundTripsThroughUrlDecode() {
        String bytes = "x=1&y=<'\u00e9'> +";
        assertThat(new UrlDecode().apply(encode.apply(bytes))).isEqualTo(bytes);
    }
}

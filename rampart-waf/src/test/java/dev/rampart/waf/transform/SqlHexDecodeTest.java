package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlHexDecodeTest {

    private final SqlHexDecode decode = new SqlHexDecode();

    @Test
    void decodesHexLiteralsInPlace() {
        assertThat(decode.apply("select 0x756e696f6e from t")).isEqualTo("select union from t");
        assertThat(decode.apply("0X41420x43")).isEqualTo("ABC");
    }

    @Test
    void keepsTrailingOddDigitAndBareOx() {
        assertThat(decode.apply("0x4142f")).isEqualTo("ABf");
        assertThat(decode.apply("0x")).isEqualTo("0x");
        assertThat(decode.apply("0x4")).isEqualTo("0x4");
        assertThat(decode.apply("0xzz")).isEqualTo("0xzz");
    }

    @Test
    void returnsValueWithoutHexLiteralsUnchanged() {
        String value = "100 x 200";
        assertThat(decode.apply(value)).isSameAs(value);
    }
}

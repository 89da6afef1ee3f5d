package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlEntityDecodeTest {

    private final HtmlEntityDecode decode = new HtmlEntityDecode();

    @Test
    void decodesDecimalAndHexReferences() {
        assertThat(decode.apply("&#60;script&#x3E;")).isEqualTo("<script>");
        assertThat(decode.apply("&#X3c;")).isEqualTo("<");
    }

    @Test
    void acceptsReferencesWithoutSemicolon() {
        assertThat(decode.apply("&#106&#97vascript")).isEqualTo("javascript");
        assertThat(decode.apply("&lt b&gt")).isEqualTo("< b>");
        // The name runs to the first non-alphanumeric: &ltb is the unknown entity "ltb".
        assertThat(decode.apply("&ltb")).isEqualTo("&ltb");
    }

    @Test
    void decodesTheNamedEntitiesModSecurityKnowsCaseInsensitively() {
        assertThat(decode.apply("&quot;&amp;&lt;&gt;&nbsp;")).isEqualTo("\"&<>\u00a0");
        assertThat(decode.apply("&LT;&Quot;")).isEqualTo("<\"");
    }

    @Test
    void keepsUnknownOrIncompleteReferences() {
        assertThat(decode.apply("&copy; &#; &#x; & ;&")).isEqualTo("&copy; &#; &#x; & ;&");
        assertThat(decode.apply("&ltx;")).isEqualTo("&ltx;");
    }

    @Test
    void keepsOnlyTheLowByteOfLargeNumbers() {
        assertThat(decode.apply("&#x13c;")).isEqualTo("<");
        assertThat(decode.apply("&#99999999999999999999;")).hasSize(1);
    }
}

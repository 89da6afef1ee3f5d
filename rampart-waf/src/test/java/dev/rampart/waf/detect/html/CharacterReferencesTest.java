package dev.rampart.waf.detect.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CharacterReferencesTest {

    @Test
    void decimalAndHexReferencesDecodeWithOrWithoutSemicolon() {
        assertThat(CharacterReferences.decode("&#106;&#x61;&#118a&#0000115;")).isEqualTo("javas");
    }

    @Test
    void namedReferencesUsedForObfuscationDecodeCaseInsensitively() {
        assertThat(CharacterReferences.decode("javascript&colon;alert&lpar;1&rpar;&Tab;&NewLine;"))
                .isEqualTo("javascript:alert(1)\t\n");
    }

    @Test
    void unknownOrMalformedReferencesStayAsWritten() {
        assertThat(CharacterReferences.decode("Tom & Jerry &copy &#; &#xZZ;")).isEqualTo("Tom & Jerry &copy &#; &#xZZ;");
    }

    @Test
    void outOfRangeAndNulReferencesBecomeTheReplacementCharacter() {
        assertThat(CharacterReferences.decode("&#0;&#x110000;&#99999999999;")).isEqualTo("\ufffd\ufffd\ufffd");
    }

    @Test
    void textWithoutAmpersandIsReturnedAsIs() {
        String text = "plain";

        assertThat(CharacterReferences.decode(text)).isSameAs(text);
    }
}

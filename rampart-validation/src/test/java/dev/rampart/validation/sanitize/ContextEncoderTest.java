package dev.rampart.validation.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextEncoderTest {

    @Test
    void htmlTextNeutralisesMarkup() {
        assertThat(ContextEncoder.htmlText("<script>alert('x')</script> & more"))
                .isEqualTo("&lt;script&gt;alert('x')&lt;/script&gt; &amp; more"); // quotes need no encoding between tags
    }

    @Test
    void htmlAttributeCannotBreakOutOfQuotes() {
        String encoded = ContextEncoder.htmlAttribute("\" onmouseover=\"alert(1)");
        assertThat(encoded).doesNotContain("\"").startsWith("&#34;");
        assertThat(ContextEncoder.htmlAttribute("it's")).isEqualTo("it&#39;s");
    }

    @Test
    void javaScriptStringCannotCloseTheStringOrTheScriptBlock() {
        String encoded = ContextEncoder.javaScriptString("';alert(1);//</script><script>");
        assertThat(encoded).doesNotContain("'").doesNotContain("</script");
        assertThat(ContextEncoder.javaScriptString("line\nbreak\\")).isEqualTo("line\\nbreak\\\\");
    }

    @Test
    void urlComponentPercentEncodesDelimiters() {
        assertThat(ContextEncoder.urlComponent("a b&c=d/e?f#g\"<"))
                .isEqualTo("a%20b%26c%3Dd%2Fe%3Ff%23g%22%3C");
        assertThat(ContextEncoder.urlComponent("é")).isEqualTo("%C3%A9");
    }
}

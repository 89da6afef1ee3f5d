package dev.rampart.validation.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.owasp.html.HtmlPolicyBuilder;

class HtmlSanitizerTest {

    private final HtmlSanitizer richText = HtmlSanitizer.richText();

    @Test
    void keepsAllowedFormattingAndLinks() {
        assertThat(richText.sanitize("<p>Hello <b>world</b> <a href=\"https://example.com/x\">link</a></p>"))
                .isEqualTo("<p>Hello <b>world</b> <a href=\"https://example.com/x\" rel=\"nofollow\">link</a></p>");
    }

    // Classes of payloads from the OWASP XSS Filter Evasion Cheat Sheet, written for these tests.
    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",                               // script element
        "<SCRIPT SRC=//attacker.example/x.js></SCRIPT>",           // external script, upper case
        "<img src=x onerror=alert(1)>",                            // event handler
        "<svg/onload=alert(1)>",                                   // SVG with handler, no space
        "<body onload=alert(1)>",                                  // body handler
        "<iframe src=\"javascript:alert(1)\"></iframe>",           // frame with script URL
        "<a href=\"javascript:alert(1)\">x</a>",                   // script URL in a link
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",                   // mixed case scheme
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",             // entity-encoded tab inside the scheme
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>", // decimal entities
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>", // data URL
        "<div style=\"background:url(javascript:alert(1))\">x</div>", // CSS with script URL
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", // mutation XSS via foreign content
        "<<script>alert(1)//<</script>",                           // malformed nesting
        "<object data=\"javascript:alert(1)\"></object>",          // plugin content
        "<form action=\"javascript:alert(1)\"><input type=submit></form>", // form action
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->", // conditional comment
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">", // meta refresh
    })
    void removesScriptFromCheatSheetPayloads(String payload) {
        String clean = richText.sanitize(payload).toLowerCase();
        assertThat(clean).doesNotContain("<script", "javascript:", "onerror", "onload", "<iframe", "<object", "<svg", "<meta",
                "<style", "data:text", "<form");
        assertThat(clean).doesNotContain("alert(1)</");
    }

    @Test
    void reportsWhatWasRemoved() {
        HtmlSanitizer.Report report = richText.sanitizeWithReport("<p onclick=\"steal()\">hi</p><script>x</script>");
        assertThat(report.html()).isEqualTo("<p>hi</p>");
        assertThat(report.changed()).isTrue();
        assertThat(report.removed()).contains("script", "p@onclick");
        assertThat(richText.sanitizeWithReport("<p>fine</p>").changed()).isFalse();
    }

    @Test
    void textFormattingDropsLinksAndBlocksButKeepsTheirText() {
        assertThat(HtmlSanitizer.textFormatting().sanitize("<h1>Title</h1><a href=\"https://e.com\">go</a> <i>x</i>"))
                .isEqualTo("Titlego <i>x</i>");
    }

    @Test
    void acceptsACustomAllowlist() {
        HtmlSanitizer onlyParagraphs = HtmlSanitizer.of(new HtmlPolicyBuilder().allowElements("p").toFactory());
        assertThat(onlyParagraphs.sanitize("<p><b>x</b></p>")).isEqualTo("<p>x</p>");
    }

    @Test
    void encodesTextSoItCannotCloseTheContext() {
        assertThat(richText.sanitize("1 < 2 & \"quotes\"")).isEqualTo("1 &lt; 2 &amp; &#34;quotes&#34;");
        assertThat(richText.sanitize(null)).isEmpty();
    }
}

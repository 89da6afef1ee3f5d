package dev.rampart.validation.sanitize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPolicyTest {

    private final UrlPolicy web = UrlPolicy.webLinks();

    @Test
    void allowsOrdinaryWebLinks() {
        assertThat(web.isAllowed("https://example.com/orders?id=1&x=%20y#top")).isTrue();
        assertThat(web.isAllowed("http://[2001:db8::1]:8080/")).isTrue();
    }

    // Script-URL obfuscations from the XSS cheat-sheet classes: case, whitespace and control
    // characters, character references, and schemes that embed content.
    @ParameterizedTest
    @ValueSource(strings = {
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\u0001javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "jav&#x61;script:alert(1)",
        "jav&#97;script:alert(1)",
        "javascript&colon;alert(1)",
        "&#x6A;avascript:alert(1)",
        "javascript&#58;alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "\u00a0javascript:alert(1)",
        "\ufeffjavascript:alert(1)",
        "java%0ascript:alert(1)",
    })
    void refusesScriptAndDataUrlsHoweverObfuscated(String url) {
        assertThat(web.check(url).allowed()).as(url).isFalse();
    }

    @Test
    void refusesCredentialsBackslashesAndMalformedUrls() {
        assertThat(web.check("https://user:pass@example.com/").reason()).contains("credentials");
        assertThat(web.check("https://good.example@evil.example/").reason()).contains("credentials");
        assertThat(web.check("https:\\\\evil.example").reason()).contains("backslash");
        assertThat(web.check("https:///path-without-host").allowed()).isFalse();
        assertThat(web.check("ht tp://x").allowed()).isFalse();
        assertThat(web.check("").allowed()).isFalse();
        assertThat(web.check("ftp://files.example/").reason()).contains("scheme");
    }

    @Test
    void appliesTheHostAllowlistToAbsoluteAndSchemeRelativeUrls() {
        UrlPolicy ours = UrlPolicy.builder().hosts("example.com", "*.cdn.example").allowRelative(true).build();
        assertThat(ours.isAllowed("https://example.com/a")).isTrue();
        assertThat(ours.isAllowed("https://img.cdn.example/a.png")).isTrue();
        assertThat(ours.isAllowed("https://EXAMPLE.com./a")).isTrue();
        assertThat(ours.isAllowed("https://example.com.evil.example/")).isFalse();
        assertThat(ours.isAllowed("https://evilcdn.example/")).isFalse();
        assertThat(ours.isAllowed("//evil.example/x")).isFalse();
        assertThat(ours.isAllowed("/orders/1")).isTrue();
    }

    @Test
    void refusesRelativeUrlsUnlessAllowed() {
        assertThat(web.check("/orders/1").reason()).contains("relative");
        assertThat(UrlPolicy.builder().allowRelative(true).build().isAllowed("../orders?x=1")).isTrue();
    }

    @Test
    void allowsMailtoWhenConfiguredButNeverScriptSchemes() {
        UrlPolicy mail = UrlPolicy.builder().schemes("https", "mailto").build();
        assertThat(mail.isAllowed("mailto:orders@example.com")).isTrue();
        assertThatThrownBy(() -> UrlPolicy.builder().schemes("javascript")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UrlPolicy.builder().schemes("DATA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reasonsNeverEchoTheUrl() {
        assertThat(web.check("javascript:steal()").reason()).doesNotContain("steal");
    }
}

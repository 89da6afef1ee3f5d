package dev.rampart.waf.detect.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptUrlsTest {

    @Test
    void schemeIsFoundThroughCaseWhiteSpaceControlsAndReferences() {
        assertThat(ScriptUrls.scheme("JaVaScRiPt:x")).hasValue("javascript");
        assertThat(ScriptUrls.scheme("\u0001 java\tscr\nipt:x")).hasValue("javascript");
        assertThat(ScriptUrls.scheme("&#x6A;ava&#x09;script&colon;x")).hasValue("javascript");
        assertThat(ScriptUrls.scheme("vbscript:msgbox(1)")).hasValue("vbscript");
    }

    @Test
    void onlyScriptableDataUrlsCount() {
        assertThat(ScriptUrls.scheme("data:text/html,<script>x</script>")).hasValue("data");
        assertThat(ScriptUrls.scheme("data:image/svg+xml;base64,PHN2Zz4=")).hasValue("data");
        assertThat(ScriptUrls.scheme("data:image/png;base64,iVBORw0KGgo=")).isEmpty();
    }

    @Test
    void ordinaryUrlsAreSafe() {
        assertThat(ScriptUrls.scheme("https://example.com/javascript:x")).isEmpty();
        assertThat(ScriptUrls.scheme("/path?q=javascript:")).isEmpty();
    }

    @Test
    void wholeTextRunsScriptOnlyWhenCodeFollowsTheScheme() {
        assertThat(ScriptUrls.runsScript("javascript:alert(1)")).hasValue("javascript");
        assertThat(ScriptUrls.runsScript("javascript:window.name='x'")).hasValue("javascript");
        assertThat(ScriptUrls.runsScript("javascript://comment\nalert(1)")).hasValue("javascript");
        assertThat(ScriptUrls.runsScript("javascript:/**/alert`1`")).hasValue("javascript");
        assertThat(ScriptUrls.runsScript("JavaScript: how do I debounce a function()?")).isEmpty();
    }
}

package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrmatchTest {

    @Test
    void matchesLiteralSubstringCaseSensitively() {
        Strmatch strmatch = new Strmatch("WebZIP");
        assertThat(strmatch.matches("Mozilla/4.0 (compatible; WebZIP/3.5)", RecordingContext.plain())).isTrue();
        assertThat(strmatch.matches("webzip", RecordingContext.plain())).isFalse();
    }

    @Test
    void treatsRegexCharactersLiterally() {
        assertThat(new Strmatch("a.b*").matches("xa.b*y", RecordingContext.plain())).isTrue();
        assertThat(new Strmatch("a.b*").matches("axbb", RecordingContext.plain())).isFalse();
    }
}

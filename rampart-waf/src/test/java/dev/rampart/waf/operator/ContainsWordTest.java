package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainsWordTest {

    private final ContainsWord select = new ContainsWord("select");

    @Test
    void matchesTheArgumentAsAWholeWord() {
        assertThat(select.matches("1 union select x", RecordingContext.plain())).isTrue();
        assertThat(select.matches("select", RecordingContext.plain())).isTrue();
        assertThat(select.matches("(select)", RecordingContext.plain())).isTrue();
    }

    @Test
    void doesNotMatchInsideALongerWord() {
        assertThat(select.matches("a wide selection", RecordingContext.plain())).isFalse();
        assertThat(select.matches("_select", RecordingContext.plain())).isFalse();
        assertThat(select.matches("select1", RecordingContext.plain())).isFalse();
    }

    @Test
    void looksPastAnOccurrenceThatIsNotAWord() {
        assertThat(select.matches("selection then select", RecordingContext.plain())).isTrue();
    }

    @Test
    void isCaseSensitive() {
        assertThat(select.matches("SELECT", RecordingContext.plain())).isFalse();
    }

    @Test
    void emptyArgumentMatches() {
        assertThat(new ContainsWord("").matches("anything", RecordingContext.plain())).isTrue();
    }
}

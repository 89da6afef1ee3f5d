package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidateUrlEncodingTest {

    private final ValidateUrlEncoding validate = new ValidateUrlEncoding();

    @Test
    void acceptsValidEscapesAndPlainText() {
        assertThat(validate.matches("/a%20b%2Fc?d=%ff", RecordingContext.plain())).isFalse();
        assertThat(validate.matches("no escapes", RecordingContext.plain())).isFalse();
    }

    @Test
    void matchesNonHexEscape() {
        assertThat(validate.matches("%zz", RecordingContext.plain())).isTrue();
        assertThat(validate.matches("%2g", RecordingContext.plain())).isTrue();
    }

    @Test
    void matchesEscapeCutOffAtTheEnd() {
        assertThat(validate.matches("abc%4", RecordingContext.plain())).isTrue();
        assertThat(validate.matches("abc%", RecordingContext.plain())).isTrue();
    }

    @Test
    void checksEveryEscapeNotOnlyTheFirst() {
        assertThat(validate.matches("%41%41%4", RecordingContext.plain())).isTrue();
        assertThat(validate.matches("%25%", RecordingContext.plain())).isTrue();
    }
}

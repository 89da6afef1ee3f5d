package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectorOperatorsTest {

    /** A transaction's view for one rule, recording captures. */
    private static final class RecordingContext implements MatchContext {
        private final boolean capturing;
        private final Map<Integer, String> captures = new HashMap<>();

        RecordingContext(boolean capturing) {
            this.capturing = capturing;
        }

        @Override
        public String expandMacros(String text) {
            return text;
        }

        @Override
        public boolean capturing() {
            return capturing;
        }

        @Override
        public void capture(int index, String value) {
            captures.put(index, value);
        }
    }

    @Test
    void detectSqliMatchesAndCapturesTheFingerprintNotTheValue() {
        RecordingContext context = new RecordingContext(true);

        assertThat(new DetectSqli().matches("pa55word' or 1=1--", context)).isTrue();
        assertThat(context.captures).containsExactly(Map.entry(0, "'s&1=1c"));
    }

    @Test
    void detectXssMatchesAndCapturesTheFinding() {
        RecordingContext context = new RecordingContext(true);

        assertThat(new DetectXss().matches("<img src=x onerror=alert(1)>", context)).isTrue();
        assertThat(context.captures).containsExactly(Map.entry(0, "data:handler:onerror"));
    }

    @Test
    void nothingIsCapturedWithoutTheCaptureAction() {
        RecordingContext context = new RecordingContext(false);

        assertThat(new DetectSqli().matches("1 union select 1", context)).isTrue();
        assertThat(new DetectXss().matches("<script>", context)).isTrue();
        assertThat(context.captures).isEmpty();
    }

    @Test
    void benignValuesDoNotMatchOrCapture() {
        RecordingContext context = new RecordingContext(true);

        assertThat(new DetectSqli().matches("O'Brien", context)).isFalse();
        assertThat(new DetectXss().matches("a < b > c", context)).isFalse();
        assertThat(context.captures).isEmpty();
    }
}

package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EqTest {

    private static boolean eq(String argument, String value) {
        return new Eq(argument).matches(value, RecordingContext.plain());
    }

    @Test
    void comparesIntegers() {
        assertThat(eq("0", "0")).isTrue();
        assertThat(eq("0", "1")).isFalse();
        assertThat(eq("-5", "-5")).isTrue();
        assertThat(eq("+5", "5")).isTrue();
    }

    @Test
    void readsTheLeadingIntegerOfTheValueAsStoiDoes() {
        assertThat(eq("12", "12abc")).isTrue();
        assertThat(eq("12", "  12")).isTrue();
        assertThat(eq("0", "abc")).isTrue();
        assertThat(eq("0", "")).isTrue();
        assertThat(eq("0", "-")).isTrue();
    }

    @Test
    void saturatesNumbersBeyondSixtyFourBits() {
        assertThat(eq("9223372036854775807", "99999999999999999999999")).isTrue();
        assertThat(eq("-9223372036854775808", "-99999999999999999999999")).isTrue();
    }

    @Test
    void expandsTheOperandPerEvaluation() {
        Eq eq = new Eq("%{tx.expected}");
        assertThat(eq.matches("3", RecordingContext.plain().with("tx.expected", "3"))).isTrue();
        assertThat(eq.matches("3", RecordingContext.plain().with("tx.expected", "4"))).isFalse();
        assertThat(eq.matches("0", RecordingContext.plain())).isTrue();
    }

    @Test
    void rejectsAnOperandThatIsNeitherIntegerNorMacro() {
        assertThatThrownBy(() -> new Eq("zero")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'zero'");
        assertThatThrownBy(() -> new Eq("")).isInstanceOf(IllegalArgumentException.class);
    }
}

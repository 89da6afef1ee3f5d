package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WithinTest {

    @Test
    void matchesWhenTheValueOccursInTheList() {
        Within within = new Within("GET HEAD POST OPTIONS");
        assertThat(within.matches("POST", RecordingContext.plain())).isTrue();
        assertThat(within.matches("DELETE", RecordingContext.plain())).isFalse();
        assertThat(within.matches("post", RecordingContext.plain())).isFalse();
    }

    @Test
    void isASubstringTestSoDelimitersMatter() {
        assertThat(new Within("GET HEAD").matches("GE", RecordingContext.plain())).isTrue();
        assertThat(new Within("|application/json| |text/xml|").matches("|application/js|", RecordingContext.plain()))
                .isFalse();
    }

    @Test
    void expandsTheListMacroPerEvaluation() {
        Within within = new Within("%{tx.allowed_methods}");
        assertThat(within.matches("PUT", RecordingContext.plain().with("tx.allowed_methods", "GET PUT"))).isTrue();
        assertThat(within.matches("PUT", RecordingContext.plain().with("tx.allowed_methods", "GET"))).isFalse();
    }

    @Test
    void emptyValueIsWithinAnything() {
        assertThat(new Within("GET").matches("", RecordingContext.plain())).isTrue();
    }

    @Test
    void capturesTheValue() {
        RecordingContext context = RecordingContext.withCapture();
        new Within("a b c").matches("b", context);
        assertThat(context.captures).containsEntry(0, "b");
    }
}

package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BeginsWithTest {

    @Test
    void matchesPrefixCaseSensitively() {
        assertThat(new BeginsWith("GET").matches("GET / HTTP/1.1", RecordingContext.plain())).isTrue();
        assertThat(new BeginsWith("GET").matches("get / HTTP/1.1", RecordingContext.plain())).isFalse();
        assertThat(new BeginsWith("GET").matches(" GET", RecordingContext.plain())).isFalse();
        assertThat(new BeginsWith("GET").matches("GE", RecordingContext.plain())).isFalse();
    }

    @Test
    void expandsMacrosAndCaptures() {
        RecordingContext context = RecordingContext.withCapture().with("tx.prefix", "/api");
        assertThat(new BeginsWith("%{tx.prefix}").matches("/api/users", context)).isTrue();
        assertThat(context.captures).containsEntry(0, "/api");
    }
}

package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainsTest {

    @Test
    void matchesSubstringCaseSensitively() {
        assertThat(new Contains(".php").matches("GET /index.php HTTP/1.1", RecordingContext.plain())).isTrue();
        assertThat(new Contains(".php").matches("GET /index.PHP HTTP/1.1", RecordingContext.plain())).isFalse();
    }

    @Test
    void expandsMacros() {
        Contains contains = new Contains("%{request_headers.host}");
        assertThat(contains.matches("http://example.com/x", RecordingContext.plain().with("request_headers.host", "example.com")))
                .isTrue();
    }

    @Test
    void emptyArgumentMatchesEverything() {
        assertThat(new Contains("").matches("", RecordingContext.plain())).isTrue();
    }

    @Test
    void capturesTheFoundText() {
        RecordingContext context = RecordingContext.withCapture();
        assertThat(new Contains("admin").matches("/admin/x", context)).isTrue();
        assertThat(context.captures).containsEntry(0, "admin");
    }
}

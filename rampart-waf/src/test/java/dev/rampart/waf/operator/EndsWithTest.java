package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndsWithTest {

    @Test
    void matchesSuffixCaseSensitively() {
        assertThat(new EndsWith("HTTP/1.1").matches("GET / HTTP/1.1", RecordingContext.plain())).isTrue();
        assertThat(new EndsWith("HTTP/1.1").matches("GET / http/1.1", RecordingContext.plain())).isFalse();
        assertThat(new EndsWith("HTTP/1.1").matches("GET / HTTP/1.1 ", RecordingContext.plain())).isFalse();
    }

    @Test
    void expandsMacroWithinTheArgument() {
        EndsWith sameSite = new EndsWith(".%{request_headers.host}");
        assertThat(sameSite.matches("www.example.com", RecordingContext.plain().with("request_headers.host", "example.com")))
                .isTrue();
        assertThat(sameSite.matches("evilexample.com", RecordingContext.plain().with("request_headers.host", "example.com")))
                .isFalse();
    }
}

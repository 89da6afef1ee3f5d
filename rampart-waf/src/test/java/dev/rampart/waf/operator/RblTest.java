package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RblTest {

    @Test
    void loadsButNeverQueriesNorMatches() {
        Operator rbl = Operators.create("rbl", "dnsbl.httpbl.org", null);
        assertThat(rbl.matches("127.0.0.2", RecordingContext.plain())).isFalse();
    }

    @Test
    void requiresAZone() {
        assertThatThrownBy(() -> new Rbl(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zone");
    }
}

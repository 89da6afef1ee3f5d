package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpMatchFromFileTest {

    @TempDir
    Path rules;

    @Test
    void readsBlocksOnePerLineRelativeToTheRulesDirectory() throws IOException {
        Files.writeString(rules.resolve("proxies.data"), "# load balancers\n192.0.2.0/24\n\n2001:db8::7\n");
        IpMatch ipMatch = IpMatchFromFile.create("proxies.data", rules);
        assertThat(ipMatch.matches("192.0.2.200", RecordingContext.plain())).isTrue();
        assertThat(ipMatch.matches("2001:db8::7", RecordingContext.plain())).isTrue();
        assertThat(ipMatch.matches("198.51.100.1", RecordingContext.plain())).isFalse();
    }

    @Test
    void registersUnderBothNames() throws IOException {
        Files.writeString(rules.resolve("p.data"), "203.0.113.9\n");
        assertThat(Operators.create("ipMatchF", "p.data", rules).matches("203.0.113.9", RecordingContext.plain())).isTrue();
        assertThat(Operators.create("ipMatchFromFile", "p.data", rules).matches("203.0.113.9", RecordingContext.plain()))
                .isTrue();
    }

    @Test
    void namesTheBadLine() throws IOException {
        Files.writeString(rules.resolve("bad.data"), "192.0.2.0/24\n192.0.2.300\n");
        assertThatThrownBy(() -> IpMatchFromFile.create("bad.data", rules)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("192.0.2.300");
    }
}

package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpMatchTest {

    private final IpMatch trusted = IpMatch.ofList("127.0.0.1,::1, 10.0.0.0/8,2001:db8::/32");

    @Test
    void matchesAddressesAndBlocksOfBothFamilies() {
        assertThat(trusted.matches("127.0.0.1", RecordingContext.plain())).isTrue();
        assertThat(trusted.matches("10.255.0.7", RecordingContext.plain())).isTrue();
        assertThat(trusted.matches("::1", RecordingContext.plain())).isTrue();
        assertThat(trusted.matches("2001:db8:1::5", RecordingContext.plain())).isTrue();
        assertThat(trusted.matches("11.0.0.1", RecordingContext.plain())).isFalse();
        assertThat(trusted.matches("2001:db9::1", RecordingContext.plain())).isFalse();
    }

    @Test
    void matchesIpv4MappedClientAgainstIpv4Block() {
        assertThat(trusted.matches("::ffff:10.1.2.3", RecordingContext.plain())).isTrue();
    }

    @Test
    void neverMatchesAValueThatIsNotAnAddress() {
        assertThat(trusted.matches("localhost", RecordingContext.plain())).isFalse();
        assertThat(trusted.matches("", RecordingContext.plain())).isFalse();
        assertThat(trusted.matches("10.0.0", RecordingContext.plain())).isFalse();
    }

    @Test
    void rejectsAnInvalidEntryNamingIt() {
        assertThatThrownBy(() -> IpMatch.ofList("10.0.0.0/8,not-an-ip")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-an-ip");
        assertThatThrownBy(() -> IpMatch.ofList(" , ")).isInstanceOf(IllegalArgumentException.class);
    }
}

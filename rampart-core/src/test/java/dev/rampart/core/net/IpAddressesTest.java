package dev.rampart.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "0.0.0.0", "255.255.255.255", "2001:db8::1", "[2001:db8::1]", "::1", "::ffff:10.0.0.1"})
    void parsesLiterals(String text) {
        assertThat(IpAddresses.isLiteral(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "010.0.0.1", "1.2.3", "1.2.3.4.5", "256.0.0.1", "0x7f.0.0.1",
        "127.1", "fe80::1%eth0", "", "1.2.3.4 "})
    void refusesNamesShortFormsOctalAndZoneIdsWithoutADnsLookup(String text) {
        assertThat(IpAddresses.isLiteral(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "01.2.3.4"})
    void errorNamesTheInput(String text) {
        assertThatThrownBy(() -> IpAddresses.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text);
    }
}

package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Md5Test {

    @Test
    void yieldsTheSixteenByteBinaryDigest() {
        String digest = new Md5().apply("abc");
        assertThat(digest).hasSize(16);
        // RFC 1321 test suite.
        assertThat(new HexEncode().apply(digest)).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(new HexEncode().apply(new Md5().apply(""))).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }
}

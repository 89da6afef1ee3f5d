package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha1Test {

    @Test
    void yieldsTheTwentyByteBinaryDigest() {
        String digest = new Sha1().apply("abc");
        assertThat(digest).hasSize(20);
        // FIPS 180-2 test vector for "abc".
        assertThat(new HexEncode().apply(digest)).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    @Test
    void hashesTheBytesOfTheValue() {
        assertThat(new HexEncode().apply(new Sha1().apply(""))).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    }
}

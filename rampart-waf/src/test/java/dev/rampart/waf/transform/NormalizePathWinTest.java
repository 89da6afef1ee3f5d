package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizePathWinTest {

    private final NormalizePathWin normalize = new NormalizePathWin();

    @Test
    void treatsBackslashesAsSlashes() {
        assertThat(normalize.apply("c:\\windows\\..\\boot.ini")).isEqualTo("c:/boot.ini");
        assertThat(normalize.apply("\\..\\..\\win.ini")).isEqualTo("/win.ini");
    }

    @Test
    void mixesBothSeparators() {
        assertThat(normalize.apply("a/b\\..//c\\")).isEqualTo("a/c/");
    }
}

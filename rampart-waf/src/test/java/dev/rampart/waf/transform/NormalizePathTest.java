package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizePathTest {

    private final NormalizePath normalize = new NormalizePath();

    @Test
    void resolvesDotSegmentsAndRepeatedSlashes() {
        assertThat(normalize.apply("/a/./b/../../etc//passwd")).isEqualTo("/etc/passwd");
        assertThat(normalize.apply("a/b/../c")).isEqualTo("a/c");
    }

    @Test
    void dropsParentSegmentsAboveTheRoot() {
        assertThat(normalize.apply("/../../etc/passwd")).isEqualTo("/etc/passwd");
    }

    @Test
    void keepsLeadingParentsOfARelativePath() {
        assertThat(normalize.apply("../../etc/passwd")).isEqualTo("../../etc/passwd");
        assertThat(normalize.apply("a/../../b")).isEqualTo("../b");
    }

    @Test
    void keepsATrailingSlash() {
        assertThat(normalize.apply("/a/b/../")).isEqualTo("/a/");
        assertThat(normalize.apply("/")).isEqualTo("/");
        assertThat(normalize.apply("//")).isEqualTo("/");
    }

    @Test
    void cleansToEmptyWhenNothingRemains() {
        assertThat(normalize.apply("./")).isEmpty();
        assertThat(normalize.apply("a/..")).isEmpty();
        assertThat(normalize.apply("")).isEmpty();
    }

    @Test
    void leavesBackslashesAlone() {
        assertThat(normalize.apply("a\\..\\b")).isEqualTo("a\\..\\b");
    }
}

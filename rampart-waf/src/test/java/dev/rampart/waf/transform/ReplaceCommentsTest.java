package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplaceCommentsTest {

    private final ReplaceComments replace = new ReplaceComments();

    @Test
    void replacesEachCommentWithOneSpace() {
        assertThat(replace.apply("union/**/select/* x */1")).isEqualTo("union select 1");
    }

    @Test
    void replacesUnterminatedCommentToTheEnd() {
        assertThat(replace.apply("select/* rest")).isEqualTo("select ");
    }

    @Test
    void keepsLoneTerminatorAndOtherCommentStyles() {
        assertThat(replace.apply("a*/b -- c # d")).isEqualTo("a*/b -- c # d");
    }

    @Test
    void doesNotNestComments() {
        assertThat(replace.apply("/* /* */x*/")).isEqualTo(" x*/");
    }
}

package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoveCommentsTest {

    private final RemoveComments remove = new RemoveComments();

    @Test
    void deletesCAndHtmlComments() {
        assertThat(remove.apply("sel/**/ect<!-- x -->1")).isEqualTo("select1");
    }

    @Test
    void deletesUnterminatedCommentToTheEnd() {
        assertThat(remove.apply("a/* b")).isEqualTo("a");
        assertThat(remove.apply("a<!-- b")).isEqualTo("a");
    }

    @Test
    void cutsTheValueAtALineComment() {
        assertThat(remove.apply("1 or 1=1-- comment")).isEqualTo("1 or 1=1");
        assertThat(remove.apply("1 or 1=1# comment")).isEqualTo("1 or 1=1");
    }

    @Test
    void returnsValueWithoutCommentsUnchanged() {
        String value = "a - b * c / d";
        assertThat(remove.apply(value)).isSameAs(value);
    }
}

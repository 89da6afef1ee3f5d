package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoveCommentsCharTest {

    private final RemoveCommentsChar remove = new RemoveCommentsChar();

    @Test
    void deletesTheMarkersKeepingTheText() {
        assertThat(remove.apply("sel/*x*/ect")).isEqualTo("selxect");
        assertThat(remove.apply("<!--a-->b--c#d")).isEqualTo("abcd");
    }

    @Test
    void prefersTheLongestMarker() {
        // "<!--" is one marker, not "<!" followed by "--".
        assertThat(remove.apply("<!--")).isEmpty();
        assertThat(remove.apply("--->")).isEqualTo("->");
    }

    @Test
    void returnsValueWithoutMarkersUnchanged() {
        String value = "a-b*c/d<e";
        assertThat(remove.apply(value)).isSameAs(value);
    }
}

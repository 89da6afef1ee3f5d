package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PmTest {

    @Test
    void matchesAnyPhraseAnywhereCaseInsensitively() {
        Pm pm = Pm.ofPhrases("nikto sqlmap  nessus");
        assertThat(pm.matches("Mozilla/5.0 SQLMap/1.7", RecordingContext.plain())).isTrue();
        assertThat(pm.matches("xxniktoxx", RecordingContext.plain())).isTrue();
        assertThat(pm.matches("Mozilla/5.0 Firefox", RecordingContext.plain())).isFalse();
    }

    @Test
    void capturesTheFirstPhraseAsWrittenInTheValue() {
        RecordingContext context = RecordingContext.withCapture();
        assertThat(Pm.ofPhrases("document.cookie window.location").matches("x=Document.Cookie;y", context)).isTrue();
        assertThat(context.captures).containsExactlyEntriesOf(java.util.Map.of(0, "Document.Cookie"));
    }

    @Test
    void findsOverlappingPhrases() {
        Pm pm = Pm.ofPhrases("abcd bc");
        assertThat(pm.matches("xabcx", RecordingContext.plain())).isTrue();
    }

    @Test
    void matchesPhrasesWithPunctuation() {
        assertThat(Pm.ofPhrases("?> <![cdata[").matches("<?php echo 1 ?>", RecordingContext.plain())).isTrue();
        assertThat(Pm.ofPhrases("<![cdata[").matches("<![CDATA[x]]>", RecordingContext.plain())).isTrue();
    }

    @Test
    void rejectsEmptyPhraseList() {
        assertThatThrownBy(() -> Pm.ofPhrases("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("phrases");
    }

    @Test
    void doesNotMatchEmptyValue() {
        assertThat(Pm.ofPhrases("a").matches("", RecordingContext.plain())).isFalse();
    }
}

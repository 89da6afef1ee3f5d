package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.waf.transform.ByteText;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RxTest {

    private static boolean rx(String pattern, String value) {
        return new Rx(pattern).matches(value, RecordingContext.plain());
    }

    @Test
    void findsAMatchAnywhereInTheValue() {
        assertThat(rx("select", "1 union select 2")).isTrue();
        assertThat(rx("^select", "1 union select 2")).isFalse();
    }

    @Test
    void honoursInlineFlags() {
        assertThat(rx("(?i)SeLeCt", "select")).isTrue();
        assertThat(rx("(?i:a)b", "AB")).isFalse();
        assertThat(rx("SELECT", "select")).isFalse();
    }

    @Test
    void dotMatchesNewlineAsModSecurityCompilesWithDotAll() {
        assertThat(rx("<script>.*</script>", "<script>\nalert(1)\n</script>")).isTrue();
    }

    @Test
    void anchorsMatchAtLineBreaksAsModSecurityCompilesMultiLine() {
        assertThat(rx("^\\d+$", "123\n")).isTrue();
        assertThat(rx("^admin$", "user\nadmin\nx")).isTrue();
        assertThat(rx("\\A\\d+\\z", "123\n")).isFalse();
    }

    @Test
    void whitespaceClassIncludesVerticalTab() {
        assertThat(rx("union\\s+select", "union\u000bselect")).isTrue();
        assertThat(rx("a\\Sb", "a\u000bb")).isFalse();
        assertThat(rx("a[\\s]b", "a\u000bb")).isTrue();
        assertThat(rx("a[^\\s]b", "a\u000bb")).isFalse();
        assertThat(rx("a[\\S]b", "a\u000bb")).isFalse();
        assertThat(rx("a[\\S]b", "axb")).isTrue();
        assertThat(rx("a[\\s\\S]b", "a\u000bb")).isTrue();
    }

    @Test
    void escapedBackslashBeforeSIsNotAClass() {
        assertThat(rx("a\\\\s", "a\\s")).isTrue();
        assertThat(rx("a\\\\s", "a ")).isFalse();
        assertThat(rx("\\Q\\s\\E", "\\s")).isTrue();
    }

    @Test
    void closingBracketFirstInAClassIsAMember() {
        assertThat(rx("[]\\s]", "\u000b")).isTrue();
        assertThat(rx("[^]\\s]", "\u000b")).isFalse();
        assertThat(rx("[[:alpha:]\\s]+$", "ab\u000b")).isTrue();
    }

    @Test
    void wordBoundaryIsAsciiSoUtf8LetterBytesAreNotWordCharacters() {
        String cafe = ByteText.ofUtf8("caf\u00e9");
        assertThat(rx("\\bcaf\\b", cafe)).isTrue();
        assertThat(rx("^\\w+$", cafe)).isFalse();
    }

    @Test
    void hexEscapeMatchesTheRawByte() {
        assertThat(rx("\\xc3\\xa9", ByteText.ofUtf8("\u00e9"))).isTrue();
        assertThat(rx("[\\x80-\\xff]", "ascii only")).isFalse();
    }

    @Test
    void capturesWholeMatchAndUpToNineGroups() {
        RecordingContext context = RecordingContext.withCapture();
        assertThat(new Rx("(a)(x)?(b)").matches("--ab--", context)).isTrue();
        assertThat(context.captures).containsEntry(0, "ab").containsEntry(1, "a").containsEntry(2, "").containsEntry(3, "b")
                .hasSize(4);

        RecordingContext many = RecordingContext.withCapture();
        new Rx("(1)(2)(3)(4)(5)(6)(7)(8)(9)(10)(11)").matches("1234567891011", many);
        assertThat(many.captures).containsOnlyKeys(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).containsEntry(9, "9");
    }

    @Test
    void wholeLinePatternCapturesTheWholeValueAsTheRegexDoes() {
        // ^.*$ (CRS 920450/920451 on header names) is answered without running the regex for a
        // one-line value; a value with newlines goes to the regex. Both give what RE2 gives.
        for (String value : new String[] {"User-Agent", "", "x-Forwarded-For ", "a\nb", "a\n", "\u00e9t\u00e9"}) {
            RecordingContext context = RecordingContext.withCapture();
            assertThat(new Rx("^.*$").matches(value, context)).as(value).isTrue();
            com.google.re2j.Matcher reference = com.google.re2j.Pattern.compile("(?sm)^.*$").matcher(value);
            assertThat(reference.find()).isTrue();
            assertThat(context.captures).as(value).containsExactly(java.util.Map.entry(0, reference.group()));
        }
    }

    @Test
    void recordsNothingWithoutCaptureAction() {
        RecordingContext context = RecordingContext.plain();
        new Rx("(a)").matches("a", context);
        assertThat(context.captures).isEmpty();
    }

    @Test
    void expandsMacrosPerEvaluation() {
        Rx rx = new Rx("^%{tx.allowed}$");
        assertThat(rx.matches("GET", RecordingContext.plain().with("tx.allowed", "GET|POST"))).isTrue();
        assertThat(rx.matches("GET", RecordingContext.plain().with("tx.allowed", "PUT"))).isFalse();
    }

    @Test
    void rejectsPatternThatIsNoRegexNamingIt() {
        assertThatThrownBy(() -> new Rx("a(b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a(b");
    }

    @Test
    void makesPossessiveQuantifiersGreedyAndKeepsLinearTime() {
        Rx possessive = new Rx("^a++b?+c*+d{2}+$");
        assertThat(possessive.linearTime()).isTrue();
        assertThat(possessive.matches("aaabccdd", RecordingContext.plain())).isTrue();
        // Escaped quantifier characters are literals: "\*+" is one or more '*'.
        assertThat(rx("^\\*+$", "***")).isTrue();
        assertThat(rx("^x{2}+$", "xx")).isTrue();
        assertThat(rx("^a}+$", "a}}")).isTrue();
    }

    @Test
    void runsLookAroundAndBackReferencesOnTheBudgetedFallback() {
        Rx phpOpenTag = new Rx("<\\?(?!xml)");
        assertThat(phpOpenTag.linearTime()).isFalse();
        assertThat(phpOpenTag.matches("<?php echo 1;", RecordingContext.plain())).isTrue();
        assertThat(phpOpenTag.matches("<?xml version=1?>", RecordingContext.plain())).isFalse();

        Rx tautology = new Rx("(\\w+)\\s*=\\s*\\1\\b");
        assertThat(tautology.matches("1 or abc = abc", RecordingContext.plain())).isTrue();
        assertThat(tautology.matches("1 or abc = abd", RecordingContext.plain())).isFalse();
    }

    @Test
    void fallbackKeepsTheSameSemantics() {
        // Multi-line '$' before a trailing newline, vertical tab as whitespace, ASCII-only \b.
        assertThat(rx("^(?=x)x\\d+$", "x123\n")).isTrue();
        assertThat(rx("(?=u)union\\s+select", "union\u000bselect")).isTrue();
        assertThat(rx("(?=c)\\bcaf\\b", ByteText.ofUtf8("caf\u00e9"))).isTrue();
        assertThat(rx("(?i)(?=s)SELECT", "select")).isTrue();
        assertThat(rx("(?=a)a.b", "a\nb")).isTrue();
    }

    @Test
    void fallbackCapturesGroups() {
        RecordingContext context = RecordingContext.withCapture();
        assertThat(new Rx("(?<=id=)(\\d+)").matches("?id=42", context)).isTrue();
        assertThat(context.captures).containsEntry(0, "42").containsEntry(1, "42");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void stopsCatastrophicBacktrackingWithABudgetError() {
        // Exponential in a backtracking engine: (a|a)* tries 2^n ways before the back-reference fails.
        Rx catastrophic = new Rx("^(a|a)*\\1$");
        String value = "a".repeat(64) + "!";
        assertThatThrownBy(() -> catastrophic.matches(value, RecordingContext.plain()))
                .isInstanceOf(RegexBudgetExceededException.class)
                .hasMessageContaining("65-byte value")
                .hasMessageNotContaining("aaaa!");
    }

    @Test
    void emptyPatternMatchesEverything() {
        assertThat(rx("", "")).isTrue();
        assertThat(rx("", "x")).isTrue();
    }
}

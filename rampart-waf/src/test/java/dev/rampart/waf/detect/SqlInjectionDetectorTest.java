package dev.rampart.waf.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlInjectionDetectorTest {

    private final SqlInjectionDetector detector = new SqlInjectionDetector();

    @Test
    void fingerprintNamesContextAndTokenClassesOnly() {
        assertThat(detector.detect("secret' OR 1=1--")).hasValue("'s&1=1c");
        assertThat(detector.detect("1 union select password from users")).hasValue("-1UEbkb");
    }

    @Test
    void fingerprintIsCappedInLength() {
        assertThat(detector.detect("1 and (select 1 from t where a=1 and b=2 and c=3)").orElseThrow())
                .hasSize(1 + SqlInjectionDetector.FINGERPRINT_TOKENS);
    }

    @Test
    void eachQuotingContextIsTried() {
        assertThat(detector.detect("x\" or \"a\"=\"a")).hasValueSatisfying(fp -> assertThat(fp).startsWith("\""));
        assertThat(detector.detect("id` = 1 or 1=1 --")).hasValueSatisfying(fp -> assertThat(fp).startsWith("`"));
    }

    @Test
    void apostrophesInNamesAndJsonAreBenign() {
        assertThat(detector.detect("O'Brien")).isEmpty();
        assertThat(detector.detect("{\"name\":\"O'Brien\",\"note\":\"it's for my mum's birthday\"}")).isEmpty();
    }

    @Test
    void sqlWordsInProseAreBenign() {
        assertThat(detector.detect("I want to select and drop some files from the union of two folders")).isEmpty();
        assertThat(detector.detect("How do I write 'SELECT * FROM users' in postgres?")).isEmpty();
    }

    @Test
    void emptyInputIsBenign() {
        assertThat(detector.detect("")).isEmpty();
    }

    @Test
    void obfuscationWithCommentsCaseAndControlWhitespaceIsSeenThrough() {
        assertThat(detector.detect("1/**/UnIoN/**/sElEcT/**/1,2")).isPresent();
        assertThat(detector.detect("1'\u000bor\u000b'1'='1")).isPresent();
        assertThat(detector.detect("1 /*!50000or*/ 1=1")).isPresent();
    }

    @Test
    void markdownInlineCodeIsNotABacktickBreakOut() {
        assertThat(detector.detect("Add `--dry-run` to preview the changes.")).isEmpty();
        assertThat(detector.detect("Use `#` for comments in Python and `--` in SQL.")).isEmpty();
    }

    @Test
    void quoteAfterWhiteSpaceOpensAQuotationThatNeedsAStrongConstruct() {
        assertThat(detector.detect("allow-credentials: true  # never together with \"*\"")).isEmpty();
        assertThat(detector.detect("admin'*'")).isPresent();
        assertThat(detector.detect("name ' or 1=1 --")).isPresent();
    }
}

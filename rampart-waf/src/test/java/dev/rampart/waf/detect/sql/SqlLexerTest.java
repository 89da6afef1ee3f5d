package dev.rampart.waf.detect.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static String signature(String input, QuoteContext context) {
        StringBuilder out = new StringBuilder();
        for (SqlToken token : SqlLexer.tokenize(input, context)) {
            out.append(token.signature());
        }
        return out.toString();
    }

    @Test
    void quotedContextStartsWithTheRestOfTheApplicationsLiteral() {
        List<SqlToken> tokens = SqlLexer.tokenize("abc' or 1=1", QuoteContext.SINGLE);

        assertThat(tokens.get(0).type()).isEqualTo(SqlTokenType.STRING);
        assertThat(tokens.get(0).closed()).isTrue();
        assertThat(tokens.get(0).end()).isEqualTo(4);
        assertThat(signature("abc' or 1=1", QuoteContext.SINGLE)).isEqualTo("s&1=1");
    }

    @Test
    void inputWithoutTheClosingQuoteStaysOneUnclosedLiteral() {
        List<SqlToken> tokens = SqlLexer.tokenize("it is fine or 1=1 --", QuoteContext.DOUBLE);

        assertThat(tokens).singleElement().satisfies(token -> assertThat(token.closed()).isFalse());
    }

    @Test
    void doubledQuoteAndBackslashEscapeDoNotCloseTheLiteral() {
        assertThat(SqlLexer.tokenize("O''Brien", QuoteContext.SINGLE)).singleElement()
                .satisfies(token -> assertThat(token.closed()).isFalse());
        assertThat(SqlLexer.tokenize("O\\'Brien", QuoteContext.SINGLE)).singleElement()
                .satisfies(token -> assertThat(token.closed()).isFalse());
    }

    @Test
    void backtickContextBreaksOutOnlyAtABacktick() {
        assertThat(signature("id` from users", QuoteContext.BACKTICK)).isEqualTo("skb");
        assertThat(SqlLexer.tokenize("it's", QuoteContext.BACKTICK)).singleElement()
                .satisfies(token -> assertThat(token.closed()).isFalse());
    }

    @Test
    void dashDashAndHashCommentsReachingTheEndTruncate() {
        assertThat(signature("1 --x", QuoteContext.NONE)).isEqualTo("1c");
        assertThat(signature("1 # x", QuoteContext.NONE)).isEqualTo("1c");
        assertThat(signature("1 /* open", QuoteContext.NONE)).isEqualTo("1c");
    }

    @Test
    void lineCommentEndsAtTheLineBreak() {
        assertThat(signature("1 -- note\nor 2", QuoteContext.NONE)).isEqualTo("1&1");
    }

    @Test
    void closedBlockCommentIsWhiteSpace() {
        assertThat(signature("1/**/union/**/select/**/2", QuoteContext.NONE)).isEqualTo("1UE1");
    }

    @Test
    void mysqlExecutableCommentIsReadAsCode() {
        assertThat(signature("1 /*!50000union*/ /*!select*/ 2", QuoteContext.NONE)).isEqualTo("1UE1");
    }

    @Test
    void numbersIncludeHexBinaryDecimalAndExponentForms() {
        assertThat(signature("0x7e 0b101 1.5 .5 1e10 2E-3", QuoteContext.NONE)).isEqualTo("111111");
    }

    @Test
    void operatorsAreLexedLongestFirst() {
        assertThat(signature("a<=>b a<>b a!=b a||b a&&b a::int a:=1 a<<1", QuoteContext.NONE))
                .isEqualTo("b=bb=bb=bb&bb&bbobbo1bo1");
    }

    @Test
    void wordsAreClassifiedAsKeywordsAndFunctionsOnlyBeforeAParenthesis() {
        assertThat(signature("sleep (5)", QuoteContext.NONE)).isEqualTo("f(1)");
        assertThat(signature("sleep well", QuoteContext.NONE)).isEqualTo("bb");
        assertThat(signature("UNION Select FROM", QuoteContext.NONE)).isEqualTo("UEk");
    }

    @Test
    void variablesAndPrefixedLiteralsAreSingleTokens() {
        assertThat(signature("@@version @x N'abc' x'41'", QuoteContext.NONE)).isEqualTo("vvss");
    }

    @Test
    void delimitedIdentifiersAreNotStrings() {
        assertThat(signature("[users] `id`", QuoteContext.NONE)).isEqualTo("ii");
    }
}

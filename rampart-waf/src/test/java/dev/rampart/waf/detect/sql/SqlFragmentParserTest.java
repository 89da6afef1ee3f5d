package dev.rampart.waf.detect.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlFragmentParserTest {

    private static Set<SqlConstruct> constructs(String input, QuoteContext context) {
        return SqlFragmentParser.constructs(input, SqlLexer.lazily(input, context), context);
    }

    @Test
    void tautologyAfterBreakOutIsADecisiveBooleanTest() {
        assertThat(constructs("x' or 'a'='a", QuoteContext.SINGLE)).contains(SqlConstruct.BOOLEAN);
        assertThat(constructs("1 or 1=1", QuoteContext.NONE)).contains(SqlConstruct.BOOLEAN);
    }

    @Test
    void logicBetweenPlainStringsIsGrammaticalButNotDecisive() {
        Set<SqlConstruct> found = constructs("x' and ' not ' or '", QuoteContext.SINGLE);

        assertThat(found).containsOnly(SqlConstruct.WEAK_LOGIC);
        assertThat(SqlFragmentParser.changesQueryStructure(found, QuoteContext.SINGLE)).isFalse();
    }

    @Test
    void quotationInProseNeedsAStrongConstruct() {
        assertThat(constructs("use 'and' not 'or'", QuoteContext.SINGLE)).isEmpty();
        assertThat(constructs("the value '=' here", QuoteContext.SINGLE)).isEmpty();
        assertThat(constructs("name ' union select 1 --", QuoteContext.SINGLE)).contains(SqlConstruct.UNION);
    }

    @Test
    void twoValuesSideBySideAreNotSql() {
        assertThat(constructs("O'Brien and Smith", QuoteContext.SINGLE)).isEmpty();
        assertThat(constructs("2 apples or 3 pears", QuoteContext.NONE)).isEmpty();
    }

    @Test
    void quotedFragmentMustLeaveALiteralForTheApplicationsClosingQuote() {
        assertThat(constructs("x' + 'y", QuoteContext.SINGLE)).contains(SqlConstruct.ARITHMETIC);
        assertThat(constructs("x' + y", QuoteContext.SINGLE)).isEmpty();
    }

    @Test
    void commentHidesTheRestOfTheQuery() {
        assertThat(constructs("admin'--", QuoteContext.SINGLE)).containsOnly(SqlConstruct.COMMENT);
    }

    @Test
    void unionNeedsASelect() {
        assertThat(constructs("1 union select a, b from t where c = 1", QuoteContext.NONE)).contains(SqlConstruct.UNION);
        assertThat(constructs("1 union jack", QuoteContext.NONE)).isEmpty();
    }

    @Test
    void stackedStatementMustHaveTheShapeOfOne() {
        assertThat(constructs("1; drop table users", QuoteContext.NONE)).contains(SqlConstruct.STACKED);
        assertThat(constructs("1; drop it later", QuoteContext.NONE)).isEmpty();
        assertThat(constructs("1; shutdown", QuoteContext.NONE)).contains(SqlConstruct.STACKED);
    }

    @Test
    void waitforDelayIsATimeDelayEvenInsideTsqlIf() {
        assertThat(constructs("1 waitfor delay '0:0:5'", QuoteContext.NONE)).contains(SqlConstruct.TIME_DELAY);
        assertThat(constructs("x'; if (1=1) waitfor delay '0:0:5'--", QuoteContext.SINGLE)).contains(SqlConstruct.TIME_DELAY);
    }

    @Test
    void attackFunctionArgumentsAreSkippedButTheirSubqueriesCount() {
        Set<SqlConstruct> found = constructs("1 and extractvalue(1,concat(0x7e,(select user())))", QuoteContext.NONE);

        assertThat(found).contains(SqlConstruct.ATTACK_FUNCTION, SqlConstruct.BOOLEAN);
    }

    @Test
    void columnCountProbeByPositionIsAClauseButOrderByNameIsWeak() {
        assertThat(constructs("1 order by 3", QuoteContext.NONE)).containsOnly(SqlConstruct.CLAUSE);
        assertThat(constructs("1 order by name", QuoteContext.NONE)).containsOnly(SqlConstruct.WEAK_CLAUSE);
    }

    @Test
    void betweenAndIsNotALogicOperator() {
        assertThat(constructs("1 and 2 between 1 and 3", QuoteContext.NONE)).containsOnly(SqlConstruct.BOOLEAN);
    }

    @Test
    void closingParenthesesMayCloseTheApplicationsOwn() {
        assertThat(constructs("1)) or ((1=1", QuoteContext.NONE)).contains(SqlConstruct.BOOLEAN);
    }

    @Test
    void valueContextRejectsProseStartingWithAWord() {
        assertThat(constructs("select the best option", QuoteContext.NONE)).isEmpty();
        assertThat(SqlFragmentParser.changesQueryStructure(constructs("having fun", QuoteContext.NONE), QuoteContext.NONE))
                .isFalse();
    }

    @Test
    void numberOnlyOperandIsDecisiveOnlyAfterABreakOut() {
        assertThat(SqlFragmentParser.changesQueryStructure(constructs("1 or 2", QuoteContext.NONE), QuoteContext.NONE)).isFalse();
        assertThat(constructs("x' or 1 or 'y", QuoteContext.SINGLE)).contains(SqlConstruct.BOOLEAN);
    }

    @Test
    void strongConstructCountsEvenWhenTheApplicationsQuoteWouldDangle() {
        assertThat(constructs("EmptyValue' and 526=527", QuoteContext.SINGLE)).contains(SqlConstruct.BOOLEAN);
        assertThat(constructs("EmptyValue' = 'x' 'y", QuoteContext.SINGLE)).isEmpty();
    }

    @Test
    void delayCallAfterBreakOutStatesIntentEvenWhenNotValidSql() {
        assertThat(constructs("a@b.c\" sleep(10.to_i) \"", QuoteContext.DOUBLE)).containsOnly(SqlConstruct.ATTACK_FUNCTION);
        assertThat(constructs("a\" sleep well \"", QuoteContext.DOUBLE)).isEmpty();
    }

    @Test
    void caseExpressionsAndInListsParse() {
        assertThat(constructs("1 and case when 1=1 then 1 else 0 end", QuoteContext.NONE)).contains(SqlConstruct.BOOLEAN);
        assertThat(constructs("1 or 1 in (1, 2)", QuoteContext.NONE)).contains(SqlConstruct.BOOLEAN);
    }

    @Test
    void breakOutOfAValueListContinuesTheListThenStacks() {
        Set<SqlConstruct> found = constructs("x', '4', '2');declare @q varchar(99);exec master.dbo.xp_dirtree @q;",
                QuoteContext.SINGLE);

        assertThat(found).contains(SqlConstruct.STACKED);
    }

    @Test
    void columnNameMayLeadOnlyBeforeWhatEndsOrExtendsTheQuery() {
        assertThat(constructs("test)); drop table users--", QuoteContext.NONE)).contains(SqlConstruct.STACKED);
        assertThat(constructs("x union select 1", QuoteContext.NONE)).contains(SqlConstruct.UNION);
        assertThat(constructs("hello; how are you", QuoteContext.NONE)).isEmpty();
    }

    @Test
    void comparisonWithAllOrAnySubqueryParses() {
        assertThat(constructs("a@b.c' and email = all (select email) or '", QuoteContext.SINGLE))
                .contains(SqlConstruct.BOOLEAN, SqlConstruct.SUBQUERY);
    }

    @Test
    void dialectOperatorsGlobSimilarToAndNotnullParse() {
        assertThat(constructs("x' and password glob 'a*", QuoteContext.SINGLE)).contains(SqlConstruct.BOOLEAN);
        assertThat(constructs("x' and email not similar to 'y", QuoteContext.SINGLE)).contains(SqlConstruct.BOOLEAN);
        assertThat(constructs("x' or email notnull--", QuoteContext.SINGLE)).contains(SqlConstruct.BOOLEAN);
    }

    @Test
    void unmistakableAttackCallAfterBreakOutCountsButCommonWordsDoNot() {
        assertThat(constructs("/a.txt' (select load_file('x'))", QuoteContext.SINGLE))
                .containsOnly(SqlConstruct.ATTACK_FUNCTION);
        assertThat(constructs("it's the user(s) and version(2) that matter", QuoteContext.SINGLE)).isEmpty();
        assertThat(constructs("I can't sleep (at all) and our benchmark(s) suffer", QuoteContext.SINGLE)).isEmpty();
    }

    @Test
    void procedureClauseTakesACallOnly() {
        assertThat(constructs("1 procedure analyse()", QuoteContext.NONE)).contains(SqlConstruct.CLAUSE);
        assertThat(constructs("      'procedure',", QuoteContext.SINGLE)).isEmpty();
    }
}

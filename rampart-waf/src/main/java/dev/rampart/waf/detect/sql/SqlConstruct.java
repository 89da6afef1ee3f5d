package dev.rampart.waf.detect.sql;

/** What a fragment does to the query it lands in, as {@link SqlFragmentParser} recognises it. */
public enum SqlConstruct {
    /** {@code OR 1=1}, {@code AND 'a'='a'}, {@code || sleep(1)}: a logic operator with a test that decides the row filter. */
    BOOLEAN,
    /** A logic operator whose operand is only a word or a string ({@code 'use ' and ' not '}): grammatical, not decisive. */
    WEAK_LOGIC,
    /** A comparison right after the break-out ({@code ''=''}). */
    COMPARISON,
    ARITHMETIC,
    UNION,
    /** A second statement after {@code ;}. */
    STACKED,
    /** {@code WAITFOR DELAY}: SQL Server's time-based blind probe. */
    TIME_DELAY,
    /** {@code ORDER BY 3}, {@code HAVING}, {@code PROCEDURE ANALYSE}, {@code INTO OUTFILE}. */
    CLAUSE,
    /** {@code ORDER BY name}, {@code LIMIT 5}: clause-shaped, and also how people write. */
    WEAK_CLAUSE,
    /** A call to a known SQL function in the injected expression. */
    FUNCTION,
    /** A call to a delay, error-extraction, file or catalogue function ({@code SLEEP}, {@code EXTRACTVALUE}). */
    ATTACK_FUNCTION,
    SUBQUERY,
    /** A comment that hides the rest of the application's query. */
    COMMENT,
    /** Parentheses, unary operators or {@code CASE}s nested deeper than any query needs; parsing stops there. */
    NESTING
}

package dev.rampart.waf.detect.sql;

/**
 * One lexeme of the input: its class, where it is ({@code start} inclusive, {@code end}
 * exclusive), the keyword or function it names ({@link SqlWord#NONE} otherwise), and for a
 * {@link SqlTokenType#STRING} its quote character and whether it was closed.
 */
public record SqlToken(SqlTokenType type, int start, int end, SqlWord word, char quote, boolean closed) {

    static SqlToken of(SqlTokenType type, int start, int end) {
        return new SqlToken(type, start, end, SqlWord.NONE, '\0', true);
    }

    public boolean is(SqlWord expected) {
        return word == expected;
    }

    public boolean isWordOf(SqlWord.Kind kind) {
        return word.kind() == kind;
    }

    /** The fingerprint letter: keywords and functions by kind, other tokens by class. */
    public char signature() {
        return type == SqlTokenType.WORD && word != SqlWord.NONE ? word.kind().signature() : type.signature();
    }
}

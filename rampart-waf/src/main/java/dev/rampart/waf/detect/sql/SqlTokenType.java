package dev.rampart.waf.detect.sql;

/** The classes of lexeme {@link SqlLexer} produces; {@link #signature} is the fingerprint letter. */
public enum SqlTokenType {
    /** A quoted literal; {@link SqlToken#closed()} tells whether its closing quote was seen. */
    STRING('s'),
    NUMBER('1'),
    /** {@code @name} or {@code @@name}: a user or system variable. */
    VARIABLE('v'),
    /** A word; {@link SqlToken#word()} classifies it when it is a keyword or a known function. */
    WORD('b'),
    /** A quoted identifier ({@code `name`}, {@code [name]}) outside the context being broken out of. */
    IDENTIFIER('i'),
    COMPARISON('='),
    /** Arithmetic, bitwise and concatenation operators, {@code ::} casts and {@code :=} assignment. */
    ARITHMETIC('o'),
    /** {@code &&} and {@code ||}. */
    LOGIC('&'),
    /** {@code !} and {@code ~}. */
    UNARY('!'),
    OPEN_PAREN('('),
    CLOSE_PAREN(')'),
    COMMA(','),
    DOT('.'),
    SEMICOLON(';'),
    /** A {@code --}, {@code #} or unterminated block comment that runs to the end of the input. */
    TRUNCATING_COMMENT('c'),
    /** A character no SQL dialect gives a meaning here. */
    OTHER('?');

    private final char signature;

    SqlTokenType(char signature) {
        this.signature = signature;
    }

    public char signature() {
        return signature;
    }
}

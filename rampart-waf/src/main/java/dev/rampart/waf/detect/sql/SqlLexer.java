package dev.rampart.waf.detect.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into SQL lexemes the way a database would read it once placed in a query at a
 * given {@link QuoteContext}. In a quoted context the first token is the rest of the literal the
 * application opened: closed when the input contains the closing quote (the text broke out),
 * unclosed when it does not (the whole input stays data).
 *
 * <p>Comments follow the dialects: {@code --} and {@code #} run to the end of the line and
 * {@code /* *}{@code /} blocks are white space, except that one reaching the end of the input
 * becomes a {@link SqlTokenType#TRUNCATING_COMMENT} (it hides the rest of the application's
 * query). MySQL's executable comments {@code /*!} and {@code /*!50000} are read as the code
 * they contain, because MySQL runs it. Backslash escapes a quote in a literal, as in MySQL's
 * default mode, and a doubled quote always does.
 */
public final class SqlLexer {

    private final String input;
    private final int length;
    private final List<SqlToken> tokens = new ArrayList<>();
    private int pos;
    private int openExecutableComments;

    private SqlLexer(String input) {
        this.input = input;
        this.length = input.length();
    }

    /** All lexemes of {@code input} read from {@code context}. */
    public static List<SqlToken> tokenize(String input, QuoteContext context) {
        SqlTokens tokens = lazily(input, context);
        tokens.count();
        return tokens.asList();
    }

    /**
     * The lexemes of {@code input} read from {@code context}, lexed only as far as they are
     * asked for: the grammar rejects most prose within its first few tokens.
     */
    public static SqlTokens lazily(String input, QuoteContext context) {
        SqlLexer lexer = new SqlLexer(input);
        if (context != QuoteContext.NONE) {
            lexer.readQuoted(context.quote(), 0);
        }
        return new SqlTokens(lexer, lexer.tokens);
    }

    /** Lexes until one more token is read or the input ends; whether a token was added. */
    boolean advance() {
        int before = tokens.size();
        while (pos < length && tokens.size() == before) {
            step();
        }
        return tokens.size() > before;
    }

    private void step() {
        char c = input.charAt(pos);
        if (isSpace(c)) {
            pos++;
        } else if (c == '\'' || c == '"') {
            pos++;
            readQuoted(c, pos - 1);
        } else if (c == '`') {
            readDelimitedIdentifier('`');
        } else if (c == '[' && input.indexOf(']', pos) > pos + 1) {
            readDelimitedIdentifier(']');
        } else if (isDigit(c) || (c == '.' && pos + 1 < length && isDigit(input.charAt(pos + 1)))) {
            readNumber();
        } else if (isWordStart(c)) {
            readWord();
        } else if (c == '@') {
            readVariable();
        } else {
            readPunctuation(c);
        }
    }

    /** Reads a literal whose opening quote is already consumed; {@code start} is where the token begins. */
    private void readQuoted(char quote, int start) {
        while (pos < length) {
            char c = input.charAt(pos);
            if (c == '\\' && quote != '`') {
                pos += 2;
            } else if (c == quote) {
                if (pos + 1 < length && input.charAt(pos + 1) == quote) {
                    pos += 2;
                } else {
                    pos++;
                    tokens.add(new SqlToken(SqlTokenType.STRING, start, pos, SqlWord.NONE, quote, true));
                    return;
                }
            } else {
                pos++;
            }
        }
        pos = length;
        tokens.add(new SqlToken(SqlTokenType.STRING, start, length, SqlWord.NONE, quote, false));
    }

    private void readDelimitedIdentifier(char closing) {
        int start = pos;
        int end = input.indexOf(closing, pos + 1);
        if (end < 0) {
            pos = length;
            tokens.add(new SqlToken(SqlTokenType.STRING, start, length, SqlWord.NONE, closing, false));
            return;
        }
        pos = end + 1;
        tokens.add(SqlToken.of(SqlTokenType.IDENTIFIER, start, pos));
    }

    private void readNumber() {
        int start = pos;
        if (input.charAt(pos) == '0' && pos + 1 < length && (input.charAt(pos + 1) | 0x20) == 'x') {
            pos += 2;
            while (pos < length && Character.digit(input.charAt(pos), 16) >= 0) {
                pos++;
            }
        } else if (input.charAt(pos) == '0' && pos + 1 < length && (input.charAt(pos + 1) | 0x20) == 'b'
                && pos + 2 < length && (input.charAt(pos + 2) == '0' || input.charAt(pos + 2) == '1')) {
            pos += 2;
            while (pos < length && (input.charAt(pos) == '0' || input.charAt(pos) == '1')) {
                pos++;
            }
        } else {
            skipDigits();
            if (pos < length && input.charAt(pos) == '.') {
                pos++;
                skipDigits();
            }
            if (pos + 1 < length && (input.charAt(pos) | 0x20) == 'e'
                    && (isDigit(input.charAt(pos + 1))
                        || ((input.charAt(pos + 1) == '-' || input.charAt(pos + 1) == '+')
                            && pos + 2 < length && isDigit(input.charAt(pos + 2))))) {
                pos += 2;
                skipDigits();
            }
        }
        tokens.add(SqlToken.of(SqlTokenType.NUMBER, start, pos));
    }

    private void skipDigits() {
        while (pos < length && isDigit(input.charAt(pos))) {
            pos++;
        }
    }

    private void readWord() {
        int start = pos;
        while (pos < length && isWordPart(input.charAt(pos))) {
            pos++;
        }
        // N'…', X'…', B'…', E'…': national, hex, bit and escape-string literals.
        if (pos - start == 1 && pos < length && input.charAt(pos) == '\'' && "nNxXbBeE".indexOf(input.charAt(start)) >= 0) {
            pos++;
            readQuoted('\'', start);
            return;
        }
        String word = input.substring(start, pos).toLowerCase(Locale.ROOT);
        tokens.add(new SqlToken(SqlTokenType.WORD, start, pos, SqlWord.classify(word, nextIsParen()), '\0', true));
    }

    private boolean nextIsParen() {
        int i = pos;
        while (i < length && isSpace(input.charAt(i))) {
            i++;
        }
        return i < length && input.charAt(i) == '(';
    }

    private void readVariable() {
        int start = pos;
        pos++;
        if (pos < length && input.charAt(pos) == '@') {
            pos++;
        }
        if (pos < length && (input.charAt(pos) == '\'' || input.charAt(pos) == '"' || input.charAt(pos) == '`')) {
            char quote = input.charAt(pos);
            int end = input.indexOf(quote, pos + 1);
            pos = end < 0 ? length : end + 1;
        } else {
            while (pos < length && (isWordPart(input.charAt(pos)) || input.charAt(pos) == '.')) {
                pos++;
            }
        }
        tokens.add(SqlToken.of(pos - start > 1 ? SqlTokenType.VARIABLE : SqlTokenType.OTHER, start, pos));
    }

    private void readPunctuation(char c) {
        int start = pos;
        char next = pos + 1 < length ? input.charAt(pos + 1) : '\0';
        if ((c == '-' && next == '-') || c == '#') {
            skipLineComment(start);
            return;
        }
        if (c == '/' && next == '*') {
            skipBlockComment(start);
            return;
        }
        if (c == '*' && next == '/' && openExecutableComments > 0) {
            openExecutableComments--;
            pos += 2;
            return;
        }
        switch (c) {
            case '(' -> single(SqlTokenType.OPEN_PAREN);
            case ')' -> single(SqlTokenType.CLOSE_PAREN);
            case ',' -> single(SqlTokenType.COMMA);
            case ';' -> single(SqlTokenType.SEMICOLON);
            case '.' -> single(SqlTokenType.DOT);
            case '=' -> operator(next == '=' ? 2 : 1, SqlTokenType.COMPARISON);
            case '<' -> {
                if (next == '=' && pos + 2 < length && input.charAt(pos + 2) == '>') {
                    operator(3, SqlTokenType.COMPARISON);
                } else if (next == '<') {
                    operator(2, SqlTokenType.ARITHMETIC);
                } else {
                    operator(next == '=' || next == '>' ? 2 : 1, SqlTokenType.COMPARISON);
                }
            }
            case '>' -> {
                if (next == '>') {
                    operator(2, SqlTokenType.ARITHMETIC);
                } else {
                    operator(next == '=' ? 2 : 1, SqlTokenType.COMPARISON);
                }
            }
            case '!' -> {
                if (next == '=' || next == '<' || next == '>') {
                    operator(2, SqlTokenType.COMPARISON);
                } else {
                    single(SqlTokenType.UNARY);
                }
            }
            case '~' -> single(SqlTokenType.UNARY);
            case '|' -> operator(next == '|' ? 2 : 1, next == '|' ? SqlTokenType.LOGIC : SqlTokenType.ARITHMETIC);
            case '&' -> operator(next == '&' ? 2 : 1, next == '&' ? SqlTokenType.LOGIC : SqlTokenType.ARITHMETIC);
            case ':' -> {
                if (next == ':' || next == '=') {
                    operator(2, SqlTokenType.ARITHMETIC);
                } else {
                    single(SqlTokenType.OTHER);
                }
            }
            case '+', '-', '*', '/', '%', '^' -> single(SqlTokenType.ARITHMETIC);
            default -> single(SqlTokenType.OTHER);
        }
    }

    private void skipLineComment(int start) {
        int newline = input.indexOf('\n', pos);
        if (newline < 0) {
            pos = length;
            tokens.add(SqlToken.of(SqlTokenType.TRUNCATING_COMMENT, start, length));
        } else {
            pos = newline + 1;
        }
    }

    private void skipBlockComment(int start) {
        if (pos + 2 < length && input.charAt(pos + 2) == '!') {
            // MySQL executes the body of /*! … */ and /*!50000 … */ (version-gated): lex it as code.
            pos += 3;
            skipDigits();
            openExecutableComments++;
            return;
        }
        int close = input.indexOf("*/", pos + 2);
        if (close < 0) {
            pos = length;
            tokens.add(SqlToken.of(SqlTokenType.TRUNCATING_COMMENT, start, length));
        } else {
            pos = close + 2;
        }
    }

    private void single(SqlTokenType type) {
        operator(1, type);
    }

    private void operator(int width, SqlTokenType type) {
        tokens.add(SqlToken.of(type, pos, pos + width));
        pos += width;
    }

    /** White space as SQL lexers accept it, including the control characters MySQL treats as blanks. */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00a0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c > 0x7f && Character.isLetter(c);
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c);
    }
}

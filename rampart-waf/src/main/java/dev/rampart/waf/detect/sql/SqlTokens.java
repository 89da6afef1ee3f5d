package dev.rampart.waf.detect.sql;

import java.util.Collections;
import java.util.List;

/** The tokens of one input in one context, lexed on demand by {@link SqlLexer#lazily}. */
public final class SqlTokens {

    private final SqlLexer lexer;
    private final List<SqlToken> read;

    SqlTokens(SqlLexer lexer, List<SqlToken> read) {
        this.lexer = lexer;
        this.read = read;
    }

    /** Whether the input has a token at {@code index}, lexing up to it. */
    public boolean has(int index) {
        while (read.size() <= index) {
            if (!lexer.advance()) {
                return false;
            }
        }
        return true;
    }

    /** The token at {@code index}; call {@link #has} first. */
    public SqlToken get(int index) {
        if (!has(index)) {
            throw new IndexOutOfBoundsException("token " + index + " is past the end of the input (" + read.size() + " tokens)");
        }
        return read.get(index);
    }

    /** The number of tokens, lexing the whole input. */
    public int count() {
        while (lexer.advance()) {
            // lex the rest
        }
        return read.size();
    }

    /** The tokens read so far. */
    List<SqlToken> asList() {
        return Collections.unmodifiableList(read);
    }
}

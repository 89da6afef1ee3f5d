package dev.rampart.waf.detect.sql;

/**
 * Where in a query an application may have placed untrusted text: as a bare value
 * ({@code WHERE id = INPUT}), inside a single- or double-quoted string literal, or inside a
 * backtick-quoted MySQL identifier. An injection has to start from one of these.
 */
public enum QuoteContext {
    NONE('\0'),
    SINGLE('\''),
    DOUBLE('"'),
    BACKTICK('`');

    private final char quote;

    QuoteContext(char quote) {
        this.quote = quote;
    }

    /** The quote character that opened the literal the input sits in; {@code '\0'} for {@link #NONE}. */
    public char quote() {
        return quote;
    }
}

package dev.rampart.waf.transform;

/**
 * The classes of characters a value holds, as a bit mask from one pass over it: what a
 * transformation needs to see to change anything ({@link Transformation#triggers()}). Most values
 * an API receives hold none of {@code % & \ NUL} and no non-ASCII byte, so the decoding steps of a
 * CRS chain such as {@code t:utf8toUnicode,t:urlDecodeUni,t:htmlEntityDecode,t:jsDecode,t:cssDecode}
 * are all skipped by one mask test each instead of a scan of the value per step.
 */
public final class CharClasses {

    /** {@code %} or {@code +}: URL escapes and form-encoded spaces. */
    public static final int PERCENT_OR_PLUS = 1;
    public static final int AMPERSAND = 1 << 1;
    public static final int BACKSLASH = 1 << 2;
    public static final int NUL = 1 << 3;
    /** A char above 0x7f (a byte of a UTF-8 sequence, NBSP 0xa0, or a char that is not a byte). */
    public static final int NON_ASCII = 1 << 4;
    /** {@code A-Z}. */
    public static final int UPPERCASE = 1 << 5;
    /** C's {@code isspace} (space, \t, \n, \v, \f, \r) and NBSP 0xa0, as the whitespace transformations count it. */
    public static final int WHITESPACE = 1 << 6;
    public static final int SLASH = 1 << 7;
    public static final int DOT = 1 << 8;
    public static final int STAR = 1 << 9;
    public static final int DASH = 1 << 10;
    public static final int HASH = 1 << 11;
    /** {@code '} or {@code "}. */
    public static final int QUOTE = 1 << 12;
    public static final int CARET = 1 << 13;
    /** {@code ,} or {@code ;}. */
    public static final int COMMA_OR_SEMICOLON = 1 << 14;
    /**
     * Set for every value, so that a transformation answering {@link #ANY} applies to a value
     * holding no other class (and a mask of 0 can mean "not worked out yet").
     */
    public static final int EVERY_VALUE = 1 << 30;
    /** Every class: what a transformation that may change any value answers. */
    public static final int ANY = -1;

    private static final int[] OF_BYTE = new int[256];

    static {
        OF_BYTE['%'] = PERCENT_OR_PLUS;
        OF_BYTE['+'] = PERCENT_OR_PLUS;
        OF_BYTE['&'] = AMPERSAND;
        OF_BYTE['\\'] = BACKSLASH;
        OF_BYTE[0] = NUL;
        for (int c = 0x80; c < 0x100; c++) {
            OF_BYTE[c] = NON_ASCII;
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            OF_BYTE[c] = UPPERCASE;
        }
        for (int c = 0; c < 0x100; c++) {
            if (ByteText.isSpace((char) c) || c == 0xa0) {
                OF_BYTE[c] |= WHITESPACE;
            }
        }
        OF_BYTE['/'] = SLASH;
        OF_BYTE['.'] = DOT;
        OF_BYTE['*'] = STAR;
        OF_BYTE['-'] = DASH;
        OF_BYTE['#'] = HASH;
        OF_BYTE['\''] = QUOTE;
        OF_BYTE['"'] = QUOTE;
        OF_BYTE['^'] = CARET;
        OF_BYTE[','] = COMMA_OR_SEMICOLON;
        OF_BYTE[';'] = COMMA_OR_SEMICOLON;
    }

    private CharClasses() {}

    /** The classes of the chars in {@code value}, with {@link #EVERY_VALUE}. */
    public static int of(String value) {
        int classes = EVERY_VALUE;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            classes |= c < 0x100 ? OF_BYTE[c] : NON_ASCII;
        }
        return classes;
    }
}

package dev.rampart.waf.transform;

/**
 * {@code t:lowercase}: maps A-Z to a-z; bytes above 0x7f are left alone, as C's {@code tolower}
 * in ModSecurity's C locale does, so a UTF-8 sequence is never altered.
 * <pre>SecRule REQUEST_METHOD "@streq post" "id:1,phase:1,t:lowercase,pass"</pre>
 */
public final class Lowercase implements Transformation {

    /** Only A-Z change. */
    @Override
    public int triggers() {
        return CharClasses.UPPERCASE;
    }

    @Override
    public String apply(String value) {
        int i = 0;
        while (i < value.length() && !(value.charAt(i) >= 'A' && value.charAt(i) <= 'Z')) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        char[] chars = value.toCharArray();
        for (; i < chars.length; i++) {
            chars[i] = ByteText.toLowerAscii(chars[i]);
        }
        return new String(chars);
    }
}

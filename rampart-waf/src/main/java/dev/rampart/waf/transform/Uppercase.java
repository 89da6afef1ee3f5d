package dev.rampart.waf.transform;

/**
 * {@code t:uppercase}: maps a-z to A-Z; bytes above 0x7f are left alone (C locale).
 * <pre>SecRule REQUEST_METHOD "@streq POST" "id:1,phase:1,t:uppercase,pass"</pre>
 */
public final class Uppercase implements Transformation {

    @Override
    public String apply(String value) {
        char[] chars = value.toCharArray();
        boolean changed = false;
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] - 32);
                changed = true;
            }
        }
        return changed ? new String(chars) : value;
    }
}

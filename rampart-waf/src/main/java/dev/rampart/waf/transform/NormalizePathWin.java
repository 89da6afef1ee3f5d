package dev.rampart.waf.transform;

/**
 * {@code t:normalizePathWin} (also {@code t:normalisePathWin}): {@code t:normalizePath} after
 * turning backslashes into slashes, since Windows accepts both ({@code ..\..\boot.ini}).
 * <pre>SecRule REQUEST_FILENAME "@contains /windows/win.ini" "id:1,phase:1,t:normalizePathWin,t:lowercase,deny"</pre>
 */
public final class NormalizePathWin implements Transformation {

    /** Without a slash or backslash only the value {@code .} changes. */
    @Override
    public int triggers() {
        return CharClasses.SLASH | CharClasses.BACKSLASH | CharClasses.DOT;
    }

    @Override
    public String apply(String value) {
        return NormalizePath.normalize(value, '\\');
    }
}

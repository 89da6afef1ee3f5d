package dev.rampart.waf.transform;

/**
 * {@code t:normalizePathWin} (also {@code t:normalisePathWin}): {@code t:normalizePath} after
 * turning backslashes into slashes, since Windows accepts both ({@code ..\..\boot.ini}).
 * <pre>SecRule REQUEST_FILENAME "@contains /windows/win.ini" "id:1,phase:1,t:normalizePathWin,t:lowercase,deny"</pre>
 */
public final class NormalizePathWin implements Transformation {

    @Override
    public String apply(String value) {
        return NormalizePath.normalize(value, '\\');
    }
}

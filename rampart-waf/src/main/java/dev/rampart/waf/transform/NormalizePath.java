package dev.rampart.waf.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code t:normalizePath} (also {@code t:normalisePath}): cleans a path lexically as Coraza does:
 * collapses repeated slashes, drops {@code .} segments, resolves {@code dir/..}, drops {@code ..}
 * above the root of an absolute path, keeps leading {@code ..} of a relative one and a trailing
 * slash; a path that cleans to nothing ({@code ./}) becomes empty. Defeats
 * {@code /a/./b/../../etc//passwd} hiding {@code /etc/passwd}.
 * <pre>SecRule REQUEST_FILENAME "@endsWith /etc/passwd" "id:1,phase:1,t:normalizePath,deny"</pre>
 */
public final class NormalizePath implements Transformation {

    /** Without a slash only the value {@code .} changes. */
    @Override
    public int triggers() {
        return CharClasses.SLASH | CharClasses.DOT;
    }

    @Override
    public String apply(String value) {
        return normalize(value, '/');
    }

    /** Cleans {@code value} with {@code separator} counted as a slash too (NormalizePathWin passes '\'). */
    static String normalize(String value, char separator) {
        if (value.isEmpty()) {
            return value;
        }
        String path = separator == '/' ? value : value.replace(separator, '/');
        if (path.indexOf('/') < 0) {
            // One segment: only "." cleans to something else (nothing).
            return path.equals(".") ? "" : value;
        }
        boolean rooted = path.charAt(0) == '/';
        List<String> segments = new ArrayList<>();
        int start = 0;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            String segment = path.substring(start, end);
            if (segment.equals("..")) {
                if (!segments.isEmpty() && !segments.get(segments.size() - 1).equals("..")) {
                    segments.remove(segments.size() - 1);
                } else if (!rooted) {
                    segments.add(segment);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
            start = end + 1;
        }
        String cleaned = (rooted ? "/" : "") + String.join("/", segments);
        if (cleaned.isEmpty()) {
            return "";
        }
        boolean trailingSlash = path.charAt(path.length() - 1) == '/' && !cleaned.endsWith("/");
        return trailingSlash ? cleaned + "/" : cleaned;
    }
}

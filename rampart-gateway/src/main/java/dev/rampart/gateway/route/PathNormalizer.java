package dev.rampart.gateway.route;

import dev.rampart.core.path.PercentDecoding;

/**
 * Normalises a request path before routing, so that the route a guard chain belongs to is the path
 * the upstream will serve. Without this, {@code /public/..%2Fadmin} or {@code /public/../admin}
 * matches a permissive {@code /public} route while the upstream resolves it to {@code /admin}
 * (path-confusion bypass of route-level access control).
 *
 * <p>Steps: percent-encoded unreserved characters are decoded (RFC 3986 §6.2.2.2, so {@code %2e}
 * is a dot), dot segments removed (§5.2.4), empty segments merged ({@code //} to {@code /}).
 * Encoded {@code /} and {@code \} ({@code %2F}, {@code %5C}) stay encoded: they are data, not
 * separators. Paths that cannot be made safe are refused.
 */
public final class PathNormalizer {

    private PathNormalizer() {
    }

    /** Thrown for a path that must be refused with 400. */
    public static final class InvalidPathException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidPathException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param raw the path as received (percent-encoded), starting with {@code /}
     * @return the normalised path; the same instance when nothing changed
     */
    public static String normalize(String raw) throws InvalidPathException {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            throw new InvalidPathException("the request path must start with '/'");
        }
        if (isAlreadyNormal(raw)) {
            return raw;
        }
        StringBuilder decoded = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' || c < 0x21 || c == 0x7f) {
                throw new InvalidPathException("the request path contains a character not allowed in a URI path");
            }
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new InvalidPathException("the request path has an incomplete percent-escape");
                }
                int hi = PercentDecoding.hex(raw.charAt(i + 1));
                int lo = PercentDecoding.hex(raw.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    throw new InvalidPathException("the request path has an invalid percent-escape");
                }
                int b = hi * 16 + lo;
                if (b == 0) {
                    throw new InvalidPathException("the request path contains an encoded NUL byte");
                }
                if (isUnreserved(b)) {
                    decoded.append((char) b);
                } else {
                    // Keep reserved/other escapes, upper-cased for a canonical form (RFC 3986 §6.2.2.1).
                    decoded.append('%').append(Character.toUpperCase(raw.charAt(i + 1)))
                            .append(Character.toUpperCase(raw.charAt(i + 2)));
                }
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        return removeDotSegmentsAndMerge(decoded);
    }

    private static boolean isAlreadyNormal(String raw) {
        char prev = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' || c == '\\' || c < 0x21 || c == 0x7f) {
                return false;
            }
            if (c == '/' && prev == '/') {
                return false;
            }
            if (c == '.' && prev == '/') {
                // "/." might start a dot segment: take the slow path.
                return false;
            }
            prev = c;
        }
        return true;
    }

    private static String removeDotSegmentsAndMerge(CharSequence path) {
        String[] parts = path.toString().split("/", -1);
        String[] out = new String[parts.length];
        int n = 0;
        for (int i = 1; i < parts.length; i++) {
            String seg = parts[i];
            boolean last = i == parts.length - 1;
            if (seg.equals(".")) {
                if (last) {
                    out[n++] = "";
                }
            } else if (seg.equals("..")) {
                if (n > 0) {
                    n--;
                }
                if (last) {
                    out[n++] = "";
                }
            } else if (seg.isEmpty() && !last) {
                // merge "//"
            } else {
                out[n++] = seg;
            }
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < n; i++) {
            sb.append('/').append(out[i]);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    private static boolean isUnreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }
}

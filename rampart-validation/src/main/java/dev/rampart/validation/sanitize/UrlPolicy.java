package dev.rampart.validation.sanitize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.owasp.html.Encoding;

/**
 * Decides whether an untrusted URL (a link in a profile, a redirect target, an image source) may be
 * used: its scheme is on an allowlist (never {@code javascript:}, {@code vbscript:} or
 * {@code data:}), it carries no credentials, and its host is on an optional allowlist.
 *
 * <p>Browsers are lenient in ways attackers use: they decode character references in attributes
 * ({@code jav&#x61;script:}), drop tabs and newlines anywhere ({@code java\tscript:}), strip
 * leading spaces and control characters, and read {@code \} as {@code /}. This policy checks both
 * the text as given and the text a browser would decode, and refuses whitespace, control
 * characters and backslashes outright instead of guessing how a given consumer reads them.
 */
public final class UrlPolicy {

    private static final Set<String> NEVER = Set.of("javascript", "vbscript", "data");
    private static final int MAX_LENGTH = 2048;

    private final Set<String> schemes;
    private final List<String> hosts;
    private final boolean allowRelative;

    /**
     * The outcome of a check.
     *
     * @param allowed whether the URL may be used
     * @param reason why not (naming the rule, never echoing the URL); empty when allowed
     */
    public record Verdict(boolean allowed, String reason) {
        static final Verdict OK = new Verdict(true, "");

        static Verdict no(String reason) {
            return new Verdict(false, reason);
        }
    }

    private UrlPolicy(Builder b) {
        this.schemes = Set.copyOf(b.schemes);
        this.hosts = List.copyOf(b.hosts);
        this.allowRelative = b.allowRelative;
    }

    /** https and http, absolute URLs only, any host. */
    public static UrlPolicy webLinks() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isAllowed(String url) {
        return check(url).allowed();
    }

    /** Checks {@code url} as given and as a browser would decode it in an HTML attribute. */
    public Verdict check(String url) {
        if (url == null || url.isEmpty()) {
            return Verdict.no("the URL is empty");
        }
        if (url.length() > MAX_LENGTH) {
            return Verdict.no("the URL is longer than " + MAX_LENGTH + " characters");
        }
        Verdict raw = checkText(url);
        if (!raw.allowed()) {
            return raw;
        }
        String decoded = Encoding.decodeHtml(url, true); // as in an attribute value, where links live
        return decoded.equals(url) ? raw : checkText(decoded);
    }

    private Verdict checkText(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\ufeff'
                    || c >= 0x80 && c <= 0x9f) {
                return Verdict.no("the URL contains whitespace or control characters");
            }
            if (c == '\\') {
                return Verdict.no("the URL contains a backslash");
            }
        }
        String scheme = schemeOf(url);
        if (scheme == null) {
            return Verdict.no("the URL's scheme is malformed");
        }
        if (scheme.isEmpty()) {
            if (url.startsWith("//")) {
                return checkAuthority(url, true);
            }
            return allowRelative ? Verdict.OK : Verdict.no("relative URLs are not allowed");
        }
        if (!schemes.contains(scheme)) {
            return Verdict.no("the scheme is not one of " + new TreeSet<>(schemes));
        }
        return checkAuthority(url, scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp")
                || scheme.equals("ws") || scheme.equals("wss"));
    }

    /** The lowercase scheme; empty for a relative reference; null when the text before ':' is no scheme. */
    private static String schemeOf(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ':') {
                String scheme = url.substring(0, i).toLowerCase(Locale.ROOT);
                return isScheme(scheme) ? scheme : null;
            }
            if (c == '/' || c == '?' || c == '#') {
                return "";
            }
        }
        return "";
    }

    private static boolean isScheme(String s) {
        // RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        if (s.isEmpty() || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private Verdict checkAuthority(String url, boolean needsHost) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Verdict.no("the URL is not a valid URI (RFC 3986)");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            return Verdict.no("the URL carries credentials (user:password@)");
        }
        String host = uri.getHost();
        if (needsHost && (host == null || host.isEmpty())) {
            return Verdict.no("the URL has no valid host");
        }
        if (!hosts.isEmpty() && needsHost) {
            String h = host.toLowerCase(Locale.ROOT);
            if (h.endsWith(".")) {
                h = h.substring(0, h.length() - 1);
            }
            if (!hostAllowed(h)) {
                return Verdict.no("the host is not one of " + hosts);
            }
        }
        return Verdict.OK;
    }

    private boolean hostAllowed(String host) {
        for (String allowed : hosts) {
            if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** Builds a {@link UrlPolicy}. */
    public static final class Builder {
        private final Set<String> schemes = new LinkedHashSet<>(List.of("https", "http"));
        private final Set<String> hosts = new LinkedHashSet<>();
        private boolean allowRelative;

        private Builder() {
        }

        /** Replaces the allowed schemes (default https, http); javascript, vbscript and data are refused. */
        public Builder schemes(String... allowed) {
            schemes.clear();
            for (String s : allowed) {
                String scheme = s.toLowerCase(Locale.ROOT);
                if (NEVER.contains(scheme)) {
                    throw new IllegalArgumentException("scheme '" + scheme + "' runs script or embeds content; it cannot be allowed");
                }
                if (!isScheme(scheme)) {
                    throw new IllegalArgumentException("'" + s + "' is not a URI scheme (RFC 3986 §3.1)");
                }
                schemes.add(scheme);
            }
            return this;
        }

        /** Allows only these hosts: exact ({@code example.com}) or subdomains ({@code *.example.com}). */
        public Builder hosts(String... allowed) {
            for (String h : allowed) {
                hosts.add(h.toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** Also allows relative references ({@code /orders/1}, {@code ../x}); scheme-relative ones ({@code //host}) are checked as absolute. */
        public Builder allowRelative(boolean allow) {
            this.allowRelative = allow;
            return this;
        }

        public UrlPolicy build() {
            return new UrlPolicy(this);
        }
    }
}

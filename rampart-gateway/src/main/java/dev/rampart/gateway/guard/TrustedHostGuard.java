package dev.rampart.gateway.guard;

import dev.rampart.core.Decision;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Refuses requests for a host this gateway does not serve ({@code trusted-hosts}).
 *
 * <p>Upstreams often build absolute URLs from the {@code Host} header: password-reset links,
 * redirects, cache keys. A forged Host then poisons a shared cache or mails a reset link that points
 * to the attacker (Host-header injection). Checking Host against an allowlist at the edge closes
 * that for every upstream at once. A mismatch is answered {@code 421 Misdirected Request}
 * (RFC 9110 §15.5.20: this server is not able to produce a response for that authority), code
 * {@code host-not-allowed}.
 *
 * <p>Entries are exact host names, compared case-insensitively and ignoring a trailing dot, or
 * {@code *.example.com}, which matches any subdomain of {@code example.com} (at any depth) but not
 * {@code example.com} itself. The port of the request's authority is ignored.
 */
public final class TrustedHostGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "trusted-hosts";

    private static final Decision HOST_NOT_ALLOWED = Decision.deny(421, "host-not-allowed",
            "This gateway does not serve the host named in the request. Check the URL you are calling.");
    private static final CompletionStage<Decision> HOST_NOT_ALLOWED_STAGE = HOST_NOT_ALLOWED.toStage();

    private final Set<String> exactHosts;
    /** Suffixes of wildcard entries with their leading dot, e.g. {@code .example.com}. */
    private final String[] subdomainSuffixes;

    private TrustedHostGuard(Set<String> exactHosts, String[] subdomainSuffixes) {
        this.exactHosts = exactHosts;
        this.subdomainSuffixes = subdomainSuffixes;
    }

    /**
     * Builds the guard from the {@code trusted-hosts} list.
     *
     * @param hosts host names or {@code *.domain} wildcards; null or empty means any host is served
     * @return the guard, or empty when the list is empty (no guard is needed)
     * @throws IllegalArgumentException naming the entry ({@code trusted-hosts[i]}) that is not a
     *     host name or wildcard, or that carries a port
     */
    public static Optional<TrustedHostGuard> from(List<String> hosts) {
        if (hosts == null || hosts.isEmpty()) {
            return Optional.empty();
        }
        Set<String> exact = new HashSet<>();
        List<String> suffixes = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            String entry = hosts.get(i) == null ? "" : hosts.get(i).trim();
            String where = "trusted-hosts[" + i + "]";
            int schemeEnd = entry.indexOf("://");
            if (schemeEnd >= 0) {
                throw new IllegalArgumentException(where + ": '" + entry + "' is a URL; list the host name only, e.g. '"
                        + entry.substring(schemeEnd + 3).split("[/:]", 2)[0] + "'");
            }
            boolean wildcard = entry.startsWith("*.");
            String name = wildcard ? entry.substring(2) : entry;
            if (name.indexOf('*') >= 0) {
                throw new IllegalArgumentException(where + ": '" + entry + "' has a '*' that is not a leading '*.' label; "
                        + "write '*.example.com' to allow every subdomain of example.com");
            }
            if (HostNames.hasPort(name)) {
                throw new IllegalArgumentException(where + ": '" + entry + "' has a port; list host names only "
                        + "(requests on any port of a listed host are accepted)");
            }
            String canonical = HostNames.normalise(name);
            if (canonical == null || (wildcard && canonical.startsWith("["))) {
                throw new IllegalArgumentException(where + ": '" + entry + "' is not a host name; expected e.g. "
                        + "'api.example.com' or '*.example.com'");
            }
            if (wildcard) {
                suffixes.add("." + canonical);
            } else {
                exact.add(canonical);
            }
        }
        return Optional.of(new TrustedHostGuard(Set.copyOf(exact), suffixes.toArray(String[]::new)));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<Decision> onRequest(Exchange exchange) {
        return isTrusted(exchange.request().host()) ? Decision.proceedStage() : HOST_NOT_ALLOWED_STAGE;
    }

    /** Whether a request for {@code host} (as sent, port allowed) is served. */
    boolean isTrusted(String host) {
        String canonical = HostNames.normalise(host);
        if (canonical == null) {
            return false;
        }
        if (exactHosts.contains(canonical)) {
            return true;
        }
        for (String suffix : subdomainSuffixes) {
            // The suffix starts with '.', so the match falls on a label boundary and the apex
            // (which lacks the leading label) never matches.
            if (canonical.length() > suffix.length() && canonical.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}

package dev.rampart.auth.introspection;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An external authorization server's RFC 7662 introspection endpoint and how Rampart uses it.
 *
 * @param url the endpoint; https, plain http only on loopback (the token and the credentials go there)
 * @param clientId Rampart's client id at that server (HTTP Basic, RFC 7662 §2.1)
 * @param clientSecret its secret
 * @param audiences when not empty, an active token must name one of them in {@code aud}
 * @param rolesClaim the member of the answer holding roles (array or space-separated string)
 * @param maxCacheTime how long an active answer is reused at most (never past the token's {@code exp}):
 *     the delay before a revocation at the server takes effect here
 * @param timeout connect and read timeout of one introspection call
 */
public record IntrospectionEndpoint(URI url, String clientId, String clientSecret, Set<String> audiences,
        String rolesClaim, Duration maxCacheTime, Duration timeout) {

    public IntrospectionEndpoint {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        boolean loopback = "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (host == null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException("url: '" + url + "' must be https (http only on loopback): tokens and "
                    + "credentials are sent there");
        }
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("client-id, client-secret: the introspection endpoint needs Rampart's "
                    + "client credentials (RFC 7662 §2.1)");
        }
        audiences = Set.copyOf(audiences == null ? Set.of() : audiences);
        rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
        maxCacheTime = maxCacheTime == null ? Duration.ofSeconds(60) : maxCacheTime;
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        if (maxCacheTime.isNegative() || maxCacheTime.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("cache-time: must be between 0s and 1h, got " + maxCacheTime);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("timeout: must be between 1ms and 30s, got " + timeout);
        }
    }

    @Override
    public String toString() {
        return "IntrospectionEndpoint[url=" + url + ", clientId=" + clientId + ", clientSecret=***]";
    }
}

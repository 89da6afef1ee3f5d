package dev.rampart.gateway.proxy;

import dev.rampart.core.net.CidrSet;
import dev.rampart.core.net.IpAddresses;
import java.net.InetAddress;
import java.util.List;

/**
 * Who the client is. {@code X-Forwarded-For} is believed only when the TCP peer is a configured
 * trusted proxy; then the client is the rightmost address that is not itself a trusted proxy
 * (every proxy appends the address it saw, so entries left of that one are client-controlled and
 * can be forged — the classic XFF spoofing of IP allowlists and rate limits).
 */
final class ClientAddresses {

    private ClientAddresses() {
    }

    static InetAddress resolve(InetAddress peer, List<String> forwardedFor, CidrSet trustedProxies) {
        if (trustedProxies.isEmpty() || !trustedProxies.contains(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        InetAddress candidate = peer;
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String[] entries = forwardedFor.get(h).split(",");
            for (int i = entries.length - 1; i >= 0; i--) {
                String entry = entries[i].trim();
                if (entry.isEmpty()) {
                    continue;
                }
                InetAddress addr;
                try {
                    addr = IpAddresses.parse(stripPort(entry));
                } catch (IllegalArgumentException e) {
                    // Garbage from an untrusted hop: the last trusted hop is the best we know.
                    return candidate;
                }
                if (!trustedProxies.contains(addr)) {
                    return addr;
                }
                candidate = addr;
            }
        }
        return candidate;
    }

    /** {@code 192.0.2.1:4711} → {@code 192.0.2.1}; {@code [2001:db8::1]:4711} → {@code 2001:db8::1}. */
    private static String stripPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close > 0 ? entry.substring(1, close) : entry;
        }
        int colon = entry.indexOf(':');
        if (colon > 0 && entry.indexOf(':', colon + 1) < 0) {
            return entry.substring(0, colon);
        }
        return entry;
    }
}

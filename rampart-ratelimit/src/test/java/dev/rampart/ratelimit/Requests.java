package dev.rampart.ratelimit;

import dev.rampart.core.HeaderMap;
import dev.rampart.core.Principal;
import dev.rampart.core.net.IpAddresses;
import java.util.Map;
import java.util.Set;

/** Requests as limits see them, for tests. */
final class Requests {

    private Requests() {
    }

    static RateLimitRequest anonymous(String clientIp) {
        return new RateLimitRequest(null, IpAddresses.parse(clientIp), new HeaderMap());
    }

    static RateLimitRequest user(String id, String plan) {
        Map<String, Object> attributes = plan == null ? Map.of() : Map.of("plan", plan);
        return new RateLimitRequest(new Principal(id, Principal.Type.USER, "jwt", Set.of(), Set.of(), attributes),
                IpAddresses.parse("192.0.2.1"), new HeaderMap());
    }

    static RateLimitRequest withHeader(String clientIp, String name, String value) {
        HeaderMap headers = new HeaderMap();
        headers.set(name, value);
        return new RateLimitRequest(null, IpAddresses.parse(clientIp), headers);
    }
}

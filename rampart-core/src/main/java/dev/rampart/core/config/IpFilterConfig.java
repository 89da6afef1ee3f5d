package dev.rampart.core.config;

import java.util.List;

/**
 * IP allow and deny lists. A client in {@code deny} is refused; when {@code allow} is not empty, a
 * client outside it is refused too. Deny wins over allow.
 */
public record IpFilterConfig(
        @Doc("Addresses or CIDR blocks (IPv4 or IPv6) allowed; empty allows all not denied.") List<String> allow,
        @Doc("Addresses or CIDR blocks (IPv4 or IPv6) refused with 403.") List<String> deny) {

    public IpFilterConfig {
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
    }

    public static IpFilterConfig none() {
        return new IpFilterConfig(null, null);
    }

    public boolean isEmpty() {
        return allow.isEmpty() && deny.isEmpty();
    }
}

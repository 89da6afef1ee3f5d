package dev.rampart.ratelimit;

/**
 * One quota policy as the IETF RateLimit fields advertise it
 * (draft-ietf-httpapi-ratelimit-headers-10/11 §3-§4): the policy in {@code RateLimit-Policy}, the
 * caller's current state in {@code RateLimit}.
 *
 * @param name policy name, sent as a quoted string ({@code "burst"})
 * @param quota the {@code q} parameter: requests allowed per window
 * @param windowSeconds the {@code w} parameter: the window in seconds
 * @param remaining the {@code r} parameter: requests still allowed now
 * @param resetSeconds the {@code t} parameter: seconds until the full quota is available again
 */
public record PolicyStatus(String name, long quota, long windowSeconds, long remaining, long resetSeconds) {
}

package dev.rampart.core.config;

import java.time.Duration;

/** Limits on what a client may send, enforced while parsing, before any route or guard runs. */
public record HttpLimitsConfig(
        @Doc("Largest request head (request line + all header fields). Larger: 431. Default 16KB.")
        DataSize maxHeaderSize,
        @Doc("Most header fields in one request. More: 431. Default 100.") Integer maxHeaderCount,
        @Doc("Longest request target (path + query). Longer: 414. Default 8KB.") DataSize maxUriLength,
        @Doc("Largest request body when the route sets none. Larger: 413. Default 10MB.") DataSize maxBodySize,
        @Doc("Time a client has to send the whole request head once it started. Slower: 408 (slowloris). Default 10s.")
        Duration headerReadTimeout,
        @Doc("Longest pause between two pieces of a request body. Longer: 408. Default 30s.")
        Duration bodyReadTimeout,
        @Doc("How long an idle keep-alive connection stays open. Default 60s.") Duration idleTimeout) {

    public HttpLimitsConfig {
        maxHeaderSize = maxHeaderSize == null ? DataSize.ofKilobytes(16) : maxHeaderSize;
        maxHeaderCount = maxHeaderCount == null ? 100 : maxHeaderCount;
        maxUriLength = maxUriLength == null ? DataSize.ofKilobytes(8) : maxUriLength;
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(10) : maxBodySize;
        headerReadTimeout = headerReadTimeout == null ? Duration.ofSeconds(10) : headerReadTimeout;
        bodyReadTimeout = bodyReadTimeout == null ? Duration.ofSeconds(30) : bodyReadTimeout;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
    }

    public static HttpLimitsConfig defaults() {
        return new HttpLimitsConfig(null, null, null, null, null, null, null);
    }
}

package dev.rampart.core.config;

import java.time.Duration;
import java.util.List;

/** The servers a route proxies to, chosen round-robin, with passive health checking. */
public record UpstreamConfig(
        @Required @Doc("Base URLs of the upstream servers, e.g. http://10.0.0.5:8080 or https://orders.internal/v1. "
                + "The request path is appended to the URL's path.") List<String> urls,
        @Doc("Time to establish a connection. Default 5s.") Duration connectTimeout,
        @Doc("Time from sending the request to receiving the response head, and the longest pause while "
                + "reading the response body. Exceeded: 504. Default 30s.") Duration responseTimeout,
        @Doc("Consecutive failures (connect errors, timeouts) after which a server is skipped. Default 3.")
        Integer failureThreshold,
        @Doc("How long a failed server is skipped before it is tried again. Default 10s.") Duration failureCooldown,
        @Doc("Send the client's Host header upstream instead of the upstream URL's host. Default false.")
        Boolean preserveHost,
        @Doc("Path prefix removed from the request path before it is appended to the upstream URL.")
        String stripPrefix,
        @Doc("Most connections to each upstream server (pool size per event loop). Default 64.")
        Integer maxConnections,
        @Doc("PEM file of CAs trusted for https upstreams; default: the JVM's trust store.") String trustedCa) {

    public UpstreamConfig {
        urls = urls == null ? List.of() : List.copyOf(urls);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        responseTimeout = responseTimeout == null ? Duration.ofSeconds(30) : responseTimeout;
        failureThreshold = failureThreshold == null ? 3 : failureThreshold;
        failureCooldown = failureCooldown == null ? Duration.ofSeconds(10) : failureCooldown;
        preserveHost = preserveHost == null ? Boolean.FALSE : preserveHost;
        maxConnections = maxConnections == null ? 64 : maxConnections;
    }
}

package dev.rampart.gateway.metrics;

import dev.rampart.core.EventBus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's Prometheus metrics. Tag values come only from bounded sets (route ids from config,
 * status codes, known methods, guard names and codes) so a client cannot blow up cardinality.
 */
public final class GatewayMetrics {

    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private record RequestSeries(String route, String method, int status) {
    }

    // Building and registering a meter sorts and hashes its tags: done once per series, not per request.
    private final ConcurrentHashMap<RequestSeries, Timer> requestTimers = new ConcurrentHashMap<>();

    /** One finished request. */
    public void recordRequest(String route, String method, int status, long durationNanos) {
        RequestSeries series = new RequestSeries(route == null ? "none" : route,
                KNOWN_METHODS.contains(method) ? method : "OTHER", status);
        Timer timer = requestTimers.get(series);
        if (timer == null) {
            timer = requestTimers.computeIfAbsent(series, k -> Timer.builder("rampart.requests")
                    .description("Requests answered, by route, method and status, with latency")
                    .tags("route", k.route(), "method", k.method(), "status", Integer.toString(k.status()))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry));
        }
        timer.record(durationNanos, TimeUnit.NANOSECONDS);
    }

    /** A request denied by a guard (or the gateway itself, guard {@code gateway}). */
    public void recordDenial(String guard, String code) {
        Counter.builder("rampart.denials")
                .description("Requests denied, by guard and reason code")
                .tags("guard", guard, "code", code)
                .register(registry)
                .increment();
    }

    /** A request the WAF blocked, once for each rule that matched it (rule ids come from the loaded rules). */
    public void recordWafBlock(String ruleId) {
        Counter.builder("rampart.waf.blocks")
                .description("Requests blocked by the WAF, by matched rule id")
                .tag("rule", ruleId)
                .register(registry)
                .increment();
    }

    /**
     * An upstream response of an inspected media type that the WAF could not inspect whole
     * ({@code reason}: too-large, compressed; {@code outcome}: blocked, passed, inspected-partially):
     * what {@code waf.inspect-responses.on-oversize} let through shows here, not only in the log.
     */
    public void recordWafResponseNotInspected(String route, String reason, String outcome) {
        Counter.builder("rampart.waf.responses.not.inspected")
                .description("Upstream responses the WAF could not inspect whole, by route, reason and outcome")
                .tags("route", route, "reason", reason, "outcome", outcome)
                .register(registry)
                .increment();
    }

    /** An upstream failure: connect error, timeout, reset, no healthy server. */
    public void recordUpstreamError(String route, String kind) {
        Counter.builder("rampart.upstream.errors")
                .description("Upstream failures, by route and kind")
                .tags("route", route, "kind", kind)
                .register(registry)
                .increment();
    }

    /** A request refused while parsing (smuggling, limits, timeouts), before routing. */
    public void recordHttpRejection(int status, String code) {
        Counter.builder("rampart.http.rejections")
                .description("Requests refused by the HTTP parser hardening, by status and code")
                .tags("status", Integer.toString(status), "code", code)
                .register(registry)
                .increment();
    }

    /** A connection closed at accept: its peer is banned or denied by the IP lists. */
    public void recordRefusedConnection() {
        Counter.builder("rampart.connections.refused")
                .description("Connections closed at accept because the peer is banned or denied")
                .register(registry)
                .increment();
    }

    /** A config reload attempt. */
    public void recordReload(boolean success) {
        Counter.builder("rampart.config.reloads")
                .description("Config reloads, by result")
                .tag("result", success ? "success" : "failure")
                .register(registry)
                .increment();
    }

    /** Exposes the event bus's drops and queue depth. */
    public void bindEventBus(EventBus bus) {
        FunctionCounter.builder("rampart.events.dropped", bus, EventBus::droppedCount)
                .description("Security events dropped because the event queue was full")
                .register(registry);
        Gauge.builder("rampart.events.queued", bus, EventBus::queuedCount)
                .description("Security events waiting for delivery")
                .register(registry);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}

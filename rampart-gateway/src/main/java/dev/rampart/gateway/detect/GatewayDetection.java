package dev.rampart.gateway.detect;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.rampart.auth.apikey.ApiKeys;
import dev.rampart.auth.oauth2.OAuth2Clients;
import dev.rampart.core.BanList;
import dev.rampart.gateway.console.ConsoleLogin;
import dev.rampart.core.EventBus;
import dev.rampart.core.config.DetectionConfig;
import dev.rampart.detect.Detector;
import dev.rampart.detect.Incidents;
import dev.rampart.detect.WebhookAlerter;
import dev.rampart.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's intrusion detection: the detector subscribed to the event bus, banning through the
 * gateway's ban list, revoking its API keys and OAuth2 clients, alerting through the configured
 * webhooks, with its metrics on the gateway's registry.
 */
public final class GatewayDetection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayDetection.class);

    /** How long shutdown waits for alerts still queued; retries with backoff are not waited for. */
    private static final Duration ALERT_DRAIN = Duration.ofSeconds(2);

    private final WebhookAlerter alerter;
    private final Detector detector;

    private GatewayDetection(WebhookAlerter alerter, Detector detector) {
        this.alerter = alerter;
        this.detector = detector;
    }

    /**
     * Starts the alerter and the detector. Blocks while the incident gauges are read from the store.
     *
     * @param clients the OAuth2 clients when the authorization server runs
     * @param console the console's users and sessions, or null
     */
    public static GatewayDetection start(DetectionConfig config, EventBus events, BanList bans, ApiKeys apiKeys,
            Supplier<Optional<OAuth2Clients>> clients, ConsoleLogin console, Store store, Clock clock,
            MeterRegistry registry) {
        WebhookAlerter alerter = WebhookAlerter.start(config.alerts(), clock, registry);
        try {
            Detector detector = Detector.start(config, events, bans, new GatewayCredentialRevoker(apiKeys, clients, console),
                    alerter, store, clock, registry);
            log.info("detection started", kv("enabled", config.enabled()), kv("rules", detector.ruleNames().size()),
                    kv("webhooks", config.alerts().webhooks().size()));
            return new GatewayDetection(alerter, detector);
        } catch (RuntimeException e) {
            alerter.close();
            throw e;
        }
    }

    /** Incidents in the gateway's store (blocking: call from a worker thread). */
    public Incidents incidents() {
        return detector.incidents();
    }

    public Detector detector() {
        return detector;
    }

    /**
     * Handles the events already queued (their actions may still ban, revoke and alert), gives the
     * alerts waiting a moment to go out, then stops alerting.
     */
    @Override
    public void close() {
        detector.close();
        try {
            if (!alerter.awaitIdle(ALERT_DRAIN)) {
                log.warn("alerts still waiting at shutdown are dropped", kv("pending", alerter.pending()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        alerter.close();
    }
}

package dev.rampart.detect;

import dev.rampart.core.Alerter;
import dev.rampart.core.config.AlertsConfig;
import dev.rampart.core.config.WebhookConfig;
import dev.rampart.detect.internal.Json;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to webhooks with the JDK HTTP client: Rampart's JSON payload signed with
 * {@link WebhookSignature} (HMAC-SHA256 over timestamp and body), or a Slack incoming-webhook
 * message. A delivery that fails (connection error, timeout, 408, 429, 5xx) is retried with
 * exponential backoff ({@code initial-backoff}, doubled each time, at most {@code max-backoff})
 * up to {@code max-attempts}; other 4xx answers are not retried, since sending the same request
 * again cannot succeed. Deliveries waiting, retries included, are bounded by
 * {@code queue-capacity}; beyond it an alert is dropped and counted, never blocking the caller.
 *
 * <p>Each delivery carries {@code Rampart-Delivery} (the same id on every attempt, so receivers
 * can drop duplicates) and {@code Rampart-Attempt}. Meters: {@code rampart.alerts} with
 * {@code outcome} delivered, retried, failed (given up) or dropped.
 */
public final class WebhookAlerter implements Alerter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlerter.class);

    private final List<Receiver> receivers;
    private final AlertsConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();

    private record Receiver(WebhookConfig config, URI uri, IncidentSeverity minSeverity) {
    }

    private WebhookAlerter(List<Receiver> receivers, AlertsConfig config, Clock clock, MeterRegistry registry) {
        this.receivers = List.copyOf(receivers);
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rampart-alerts");
            t.setDaemon(true);
            return t;
        });
        // every outcome exists from the start at 0, so that rate() and increase() see the first change
        for (String outcome : List.of("delivered", "retried", "failed", "dropped")) {
            registry.counter("rampart.alerts", "outcome", outcome);
        }
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).executor(scheduler)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Starts delivering to the webhooks of {@code config}.
     *
     * @throws IllegalArgumentException naming the webhook when its URL, secret or min-severity is wrong
     */
    public static WebhookAlerter start(AlertsConfig config, Clock clock, MeterRegistry registry) {
        return new WebhookAlerter(receivers(config), config, clock, registry);
    }

    /** The receivers {@code config} names, checked; no thread or connection is started. */
    static List<Receiver> receivers(AlertsConfig config) {
        List<Receiver> receivers = new ArrayList<>();
        for (int i = 0; i < config.webhooks().size(); i++) {
            WebhookConfig w = config.webhooks().get(i);
            String at = "detection.alerts.webhooks[" + i + "]";
            URI uri;
            try {
                uri = URI.create(w.url() == null ? "" : w.url());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".url is not a URL: " + e.getMessage(), e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw new IllegalArgumentException(at + ".url must be an absolute http(s) URL, e.g. "
                        + "https://alerts.example.com/rampart");
            }
            if (w.format() == WebhookConfig.Format.json && (w.secret() == null || w.secret().isEmpty())) {
                throw new IllegalArgumentException(at + ".secret is missing; json webhooks are signed (Rampart-Signature) "
                        + "so the receiver can tell them from forgeries; set it from ${ENV}");
            }
            receivers.add(new Receiver(w, uri, IncidentSeverity.parse(w.minSeverity(), at + ".min-severity")));
        }
        if (config.maxAttempts() < 1 || config.queueCapacity() < 1) {
            throw new IllegalArgumentException("detection.alerts.max-attempts and queue-capacity must be 1 or more");
        }
        return receivers;
    }

    @Override
    public boolean send(Alert alert) {
        IncidentSeverity severity = IncidentSeverity.parse(alert.severity(), "alert " + alert.kind());
        boolean all = true;
        for (Receiver receiver : receivers) {
            if (!severity.meets(receiver.minSeverity())) {
                continue;
            }
            if (pending.incrementAndGet() > config.queueCapacity()) {
                finished();
                count("dropped");
                LOG.warn("alert {} to {} dropped: {} deliveries are waiting already", alert.kind(),
                        receiver.uri().getHost(), config.queueCapacity());
                all = false;
                continue;
            }
            byte[] body = receiver.config().format() == WebhookConfig.Format.slack ? slack(alert) : json(alert);
            Delivery delivery = new Delivery(receiver, body, UUID.randomUUID().toString());
            scheduler.execute(() -> attempt(delivery, 1));
        }
        return all;
    }

    /** Deliveries waiting or in flight, retries included. */
    public int pending() {
        return pending.get();
    }

    /**
     * Waits until every queued delivery has succeeded or been given up, at most {@code timeout}.
     *
     * @return whether the queue is empty
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    /** Stops delivering; deliveries still waiting are abandoned. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private record Delivery(Receiver receiver, byte[] body, String id) {
    }

    private void attempt(Delivery delivery, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(delivery.receiver().uri()).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Rampart-Alerts")
                .header("Rampart-Delivery", delivery.id())
                .header("Rampart-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        String secret = delivery.receiver().config().secret();
        if (secret != null && !secret.isEmpty()) {
            // signed at each attempt, so a retry hours later still passes the receiver's freshness check
            request.header(WebhookSignature.HEADER, WebhookSignature.sign(secret, clock.instant(), delivery.body()));
        }
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            int status = response == null ? 0 : response.statusCode();
            if (error == null && status >= 200 && status < 300) {
                count("delivered");
                finished();
                return;
            }
            String problem = error != null ? error.toString() : "HTTP " + status;
            boolean retryable = error != null || status == 408 || status == 429 || status >= 500;
            if (!retryable || attempt >= config.maxAttempts() || scheduler.isShutdown()) {
                count("failed");
                LOG.warn("alert delivery {} to {} given up after {} attempt(s): {}", delivery.id(),
                        delivery.receiver().uri().getHost(), attempt, problem);
                finished();
                return;
            }
            count("retried");
            Duration wait = backoff(attempt);
            LOG.info("alert delivery {} to {} failed ({}); attempt {} in {}", delivery.id(),
                    delivery.receiver().uri().getHost(), problem, attempt + 1, wait);
            scheduler.schedule(() -> attempt(delivery, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Wait before attempt {@code attempt + 1}: initial-backoff × 2^(attempt − 1), at most max-backoff. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 30));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private void finished() {
        if (pending.decrementAndGet() <= 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private void count(String outcome) {
        registry.counter("rampart.alerts", "outcome", outcome).increment();
    }

    private static byte[] json(Alert alert) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", alert.kind());
        payload.put("severity", alert.severity());
        payload.put("title", alert.title());
        payload.put("text", alert.text());
        payload.put("time", alert.time().toString());
        payload.put("fields", new java.util.TreeMap<>(alert.fields()));
        return Json.bytes(payload);
    }

    /** A Slack incoming-webhook message: a text line and an attachment with the fields. */
    private static byte[] slack(Alert alert) {
        List<Map<String, Object>> fields = new ArrayList<>();
        new java.util.TreeMap<>(alert.fields()).forEach((k, v) -> fields.add(Map.of("title", k, "value", v, "short", true)));
        String color = switch (alert.severity()) {
            case "SEV-1" -> "#b00020";
            case "SEV-2" -> "#e65100";
            case "SEV-3" -> "#f9a825";
            default -> "#607d8b";
        };
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("color", color);
        attachment.put("fallback", alert.title());
        attachment.put("fields", fields);
        attachment.put("ts", alert.time().getEpochSecond());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", "*[" + alert.severity() + "] " + escape(alert.title()) + "*\n" + escape(alert.text()));
        payload.put("attachments", List.of(attachment));
        return Json.bytes(payload);
    }

    /** Slack's mrkdwn control characters (its formatting guide: escape &, < and >). */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

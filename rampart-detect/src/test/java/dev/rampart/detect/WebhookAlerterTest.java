package dev.rampart.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rampart.core.Alerter.Alert;
import dev.rampart.core.config.AlertsConfig;
import dev.rampart.core.config.WebhookConfig;
import dev.rampart.detect.internal.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Alerts delivered to a real local HTTP receiver: signatures, retries, formats, bounds. */
class WebhookAlerterTest {

    private static final String SECRET = "whsec_test_only_5f1c";

    /** One request as the receiver saw it. */
    record Received(Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final TestClock clock = new TestClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;
    private WebhookAlerter alerter;

    /** Starts a receiver answering the n-th request (from 1) with {@code status.applyAsInt(n)}. */
    private String receiver(IntUnaryOperator status, CountDownLatch hold) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/hook", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            received.add(new Received(headers, exchange.getRequestBody().readAllBytes()));
            if (hold != null) {
                try {
                    hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status.applyAsInt(received.size()), -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private WebhookAlerter alerter(int maxAttempts, int capacity, WebhookConfig... hooks) {
        alerter = WebhookAlerter.start(new AlertsConfig(List.of(hooks), capacity, maxAttempts, Duration.ofMillis(5),
                Duration.ofMillis(20), Duration.ofSeconds(5)), clock, registry);
        return alerter;
    }

    private Alert alert(String severity) {
        return new Alert(clock.instant(), "incident.opened", severity, severity + " brute-force-ip",
                "5 matching events from client_ip 203.0.113.7", Map.of("client_ip", "203.0.113.7", "incident", "inc-1"));
    }

    private double outcome(String outcome) {
        var counter = registry.find("rampart.alerts").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @AfterEach
    void stop() {
        if (alerter != null) {
            alerter.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void jsonPayloadIsSignedOverTimestampAndBodySoTheReceiverCanVerifyIt() throws Exception {
        String url = receiver(n -> 204, null);
        alerter(3, 10, new WebhookConfig(url, SECRET, null, null));

        assertThat(alerter.send(alert("SEV-2"))).isTrue();
        assertThat(alerter.awaitIdle(Duration.ofSeconds(10))).isTrue();

        Received r = received.get(0);
        String signature = r.header(WebhookSignature.HEADER);
        long t = clock.instant().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(r.body())));
        assertThat(WebhookSignature.verify(SECRET, signature, r.body(), clock.instant(), Duration.ofMinutes(5))).isTrue();
        assertThat(Json.readObject(new String(r.body(), StandardCharsets.UTF_8)))
                .containsEntry("kind", "incident.opened").containsEntry("severity", "SEV-2");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(outcome("delivered")).isEqualTo(1);
    }

    @Test
    void signatureDoesNotVerifyForAnAlteredBodyAnotherSecretOrAnOldTimestamp() {
        byte[] body = "{\"kind\":\"incident.opened\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.sign(SECRET, clock.instant(), body);

        assertThat(WebhookSignature.verify(SECRET, header, "{\"kind\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                clock.instant(), Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("another", header, body, clock.instant(), Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, body, clock.instant().plusSeconds(301), Duration.ofMinutes(5)))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, "t=abc,v1=00", body, clock.instant(), Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void failingReceiverIsRetriedWithTheSameDeliveryIdUntilItAccepts() throws Exception {
        String url = receiver(n -> n <= 2 ? 503 : 200, null);
        alerter(5, 10, new WebhookConfig(url, SECRET, null, null));

        alerter.send(alert("SEV-1"));
        assertThat(alerter.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(received).extracting(r -> r.header("Rampart-Attempt")).containsExactly("1", "2", "3");
        assertThat(received).extracting(r -> r.header("Rampart-Delivery")).containsOnly(received.get(0).header("Rampart-Delivery"));
        assertThat(outcome("retried")).isEqualTo(2);
        assertThat(outcome("delivered")).isEqualTo(1);
    }

    @Test
    void deliveryIsGivenUpAfterMaxAttemptsAndAClientErrorIsNotRetried() throws Exception {
        String url = receiver(n -> n <= 3 ? 500 : 400, null);
        alerter(3, 10, new WebhookConfig(url, SECRET, null, null));

        alerter.send(alert("SEV-1"));
        assertThat(alerter.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(received).hasSize(3);

        alerter.send(alert("SEV-1"));
        assertThat(alerter.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(received).as("400 is final").hasSize(4);
        assertThat(outcome("failed")).isEqualTo(2);
    }

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheMaximum() {
        WebhookAlerter a = alerter(6, 10);

        assertThat(List.of(a.backoff(1), a.backoff(2), a.backoff(3), a.backoff(4), a.backoff(5)))
                .containsExactly(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(20),
                        Duration.ofMillis(20));
    }

    @Test
    void slackFormatSendsTextAndFieldsAndOnlyAlertsAtOrAboveTheMinimumSeverity() throws Exception {
        String url = receiver(n -> 200, null);
        alerter(3, 10, new WebhookConfig(url, null, WebhookConfig.Format.slack, "SEV-2"));

        alerter.send(alert("SEV-3"));
        alerter.send(alert("SEV-1"));
        assertThat(alerter.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(received).singleElement().satisfies(r -> {
            Map<String, Object> message = Json.readObject(new String(r.body(), StandardCharsets.UTF_8));
            assertThat((String) message.get("text")).startsWith("*[SEV-1] SEV-1 brute-force-ip*\n5 matching events");
            assertThat(message.get("attachments").toString()).contains("client_ip", "203.0.113.7", "#b00020");
            assertThat(r.header(WebhookSignature.HEADER)).isNull();
        });
    }

    @Test
    void alertsBeyondTheQueueCapacityAreDroppedWithoutBlocking() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        String url = receiver(n -> 200, hold);
        alerter(3, 1, new WebhookConfig(url, SECRET, null, null));

        assertThat(alerter.send(alert("SEV-1"))).isTrue();
        assertThat(alerter.send(alert("SEV-1"))).isFalse();
        hold.countDown();
        assertThat(alerter.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(outcome("dropped")).isEqualTo(1);
        assertThat(outcome("delivered")).isEqualTo(1);
    }

    @Test
    void unsignedJsonWebhookAndBadUrlAreRefusedNamingTheWebhook() {
        assertThatThrownBy(() -> alerter(3, 10, new WebhookConfig("https://alerts.example.com/x", null, null, null)))
                .hasMessageStartingWith("detection.alerts.webhooks[0].secret is missing");
        assertThatThrownBy(() -> alerter(3, 10, new WebhookConfig("alerts.example.com", SECRET, null, null)))
                .hasMessageStartingWith("detection.alerts.webhooks[0].url must be an absolute http(s) URL");
    }
}

package dev.rampart.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditEntry;
import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.AuditConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RecordedTextMaskingTest {

    private static AuditConfig audit(List<String> pseudonymise, Boolean maskPii) {
        return new AuditConfig(null, null, null, null, null, pseudonymise, null, null, null, false, null, null, maskPii);
    }

    private static SecurityEvent event(Map<String, String> details) {
        return new SecurityEvent(Instant.parse("2026-01-01T00:00:00Z"), "request.denied", SecurityEvent.Severity.LOW,
                "gateway", "route-not-found", "r1", null, "127.0.0.1", null, details);
    }

    @Test
    void masksAuditDetailsAndTheActionByDefault() {
        AuditEntry entry = GatewayAudit.entryOf(event(Map.of("method", "GET", "path", "/users/jane.doe@example.com",
                "messages", "card 4111 1111 1111 1111 seen", "status", "404")), RecordedTextMasking.of(AuditConfig.defaults()));

        assertThat(entry.action()).isEqualTo("GET /users/j***@example.com");
        assertThat(entry.details()).containsEntry("messages", "card 4111********1111 seen").containsEntry("status", "404");
    }

    @Test
    void leavesPseudonymisedAndSubjectEncryptedKeysAloneAndMasksNothingWhenSwitchedOff() {
        Map<String, String> details = Map.of("account", "jane.doe@example.com", "path", "/x/jane.doe@example.com");

        AuditEntry pseudonymised = GatewayAudit.entryOf(event(details),
                RecordedTextMasking.of(audit(List.of("account"), null)));
        assertThat(pseudonymised.details()).containsEntry("account", "jane.doe@example.com");
        assertThat(pseudonymised.action()).isEqualTo("/x/j***@example.com");

        AuditEntry encrypted = GatewayAudit.entryOf(event(Map.of("username", "jane.doe@example.com")),
                RecordedTextMasking.of(AuditConfig.defaults()));
        assertThat(encrypted.details()).containsEntry("username", "jane.doe@example.com");   // a subject detail: encrypted, erasable

        AuditEntry off = GatewayAudit.entryOf(event(details), RecordedTextMasking.of(audit(List.of(), false)));
        assertThat(off.details()).containsEntry("account", "jane.doe@example.com");
        assertThat(off.action()).isEqualTo("/x/jane.doe@example.com");
    }

    @Test
    void theRequestEventPublisherMasksFreeTextButNotTheAccountTheDetectionRulesCount() {
        List<SecurityEvent> published = new CopyOnWriteArrayList<>();
        EventBus bus = new EventBus() {
            @Override
            public CompletionStage<Void> publish(SecurityEvent event) {
                published.add(event);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void subscribe(Listener listener) {
            }

            @Override
            public long droppedCount() {
                return 0;
            }

            @Override
            public int queuedCount() {
                return 0;
            }
        };
        RecordedTextMasking masking = RecordedTextMasking.of(AuditConfig.defaults());
        SecurityEvent clean = event(Map.of("path", "/orders/17"));

        masking.maskingPublisher(bus).publish(event(Map.of("account", "jane.doe@example.com", "path",
                "/reset/jane.doe@example.com")));
        masking.maskingPublisher(bus).publish(clean);

        assertThat(published.get(0).details()).containsEntry("account", "jane.doe@example.com")
                .containsEntry("path", "/reset/j***@example.com");
        assertThat(published.get(1)).isSameAs(clean);
        assertThat(RecordedTextMasking.of(audit(List.of(), false)).maskingPublisher(bus)).isSameAs(bus);
    }
}

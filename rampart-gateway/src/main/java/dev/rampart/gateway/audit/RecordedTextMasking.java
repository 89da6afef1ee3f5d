package dev.rampart.gateway.audit;

import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.AuditConfig;
import dev.rampart.detect.pii.PiiMasker;
import dev.rampart.detect.pii.PiiScanner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * "Log and audit masking everywhere by default" ({@code audit.mask-pii}, default true): sensitive data
 * (rampart-detect's types at confidence MEDIUM and up) in the free text the gateway records is masked
 * before it is written: audit entry details and action, the details of the security events requests
 * cause (a path such as {@code /users/jane@example.com}, WAF messages) and the access log's path
 * and user agent. Short values cost a pass over a few dozen characters; a value without a digit,
 * '@', ':' or letter run that can start a finding costs one comparison per character.
 *
 * <p>Left as they are: detail keys the audit log pseudonymises ({@code audit.pseudonymise}) or
 * encrypts per subject ({@code audit.subject-details} while {@code subject-encryption} is on), which
 * must see the real value to stay searchable and erasable, and {@link #IDENTIFIERS} in events, which
 * the detection rules group and count by (masking two accounts to one {@code j***@example.com} would
 * merge them).
 */
public final class RecordedTextMasking {

    /** Detail keys that identify an account to the detection rules; never masked in events. */
    public static final Set<String> IDENTIFIERS = Set.of("account");

    private static final RecordedTextMasking OFF = new RecordedTextMasking(null, Set.of());

    private final PiiMasker masker;
    private final Set<String> keep;

    private RecordedTextMasking(PiiMasker masker, Set<String> keep) {
        this.masker = masker;
        this.keep = keep;
    }

    /** The masking {@code audit.mask-pii} asks for; one that changes nothing when it is false. */
    public static RecordedTextMasking of(AuditConfig audit) {
        if (!audit.maskPii()) {
            return OFF;
        }
        Set<String> keep = new java.util.HashSet<>(audit.pseudonymise());
        if (audit.subjectEncryption()) {
            keep.addAll(audit.subjectDetails());
        }
        return new RecordedTextMasking(PiiMasker.of(PiiScanner.defaults()), Set.copyOf(keep));
    }

    public boolean enabled() {
        return masker != null;
    }

    /** {@code text} with sensitive data masked (null stays null). */
    public String text(String text) {
        return masker == null || text == null ? text : masker.mask(text);
    }

    /** Detail values masked, except pseudonymised keys and {@code also} ones; the same map when nothing changed. */
    public Map<String, String> details(Map<String, String> details, Set<String> also) {
        if (masker == null || details.isEmpty()) {
            return details;
        }
        Map<String, String> out = null;
        for (Map.Entry<String, String> e : details.entrySet()) {
            if (keep.contains(e.getKey()) || also.contains(e.getKey())) {
                continue;
            }
            String masked = masker.mask(e.getValue());
            if (masked != null && !masked.equals(e.getValue())) {
                if (out == null) {
                    out = new LinkedHashMap<>(details);
                }
                out.put(e.getKey(), masked);
            }
        }
        return out == null ? details : out;
    }

    /**
     * A bus that masks the details of each event published through it before passing it on to
     * {@code events}; for the events requests cause.
     */
    public EventBus maskingPublisher(EventBus events) {
        if (masker == null) {
            return events;
        }
        return new EventBus() {
            @Override
            public CompletionStage<Void> publish(SecurityEvent e) {
                Map<String, String> details = details(e.details(), IDENTIFIERS);
                return events.publish(details == e.details() ? e : new SecurityEvent(e.time(), e.type(), e.severity(),
                        e.source(), e.code(), e.requestId(), e.routeId(), e.clientIp(), e.principalId(), details));
            }

            @Override
            public void subscribe(Listener listener) {
                events.subscribe(listener);
            }

            @Override
            public long droppedCount() {
                return events.droppedCount();
            }

            @Override
            public int queuedCount() {
                return events.queuedCount();
            }
        };
    }
}

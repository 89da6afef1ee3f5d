package dev.rampart.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One audit record. Its {@link #leafBytes() canonical bytes} are the leaf of the log's Merkle tree.
 *
 * @param time when it happened; kept to the microsecond
 * @param eventType dot-separated type, e.g. {@code request.denied}, {@code admin.api-key.created}
 * @param principal who acted (raw, or {@code hmac:<hex>} once pseudonymised), or null
 * @param clientIp the client address, or null
 * @param route the route or admin resource acted on, or null
 * @param action what was attempted, e.g. {@code GET /orders}, {@code revoke}, or null
 * @param result the outcome, e.g. {@code allowed}, {@code denied:waf-blocked}, or null
 * @param requestId the request's id, or null
 * @param details further facts, sorted by key; never a secret (see {@link AuditPrivacy})
 */
public record AuditEntry(
        Instant time,
        String eventType,
        String principal,
        String clientIp,
        String route,
        String action,
        String result,
        String requestId,
        SortedMap<String, String> details) {

    /** First byte of every leaf: the version of the format below. */
    public static final byte LEAF_FORMAT = 1;

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(eventType, "eventType");
        time = time.truncatedTo(ChronoUnit.MICROS);
        details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details == null ? Map.of() : details));
    }

    /** An entry with details given in any order. */
    public static AuditEntry of(Instant time, String eventType, String principal, String clientIp, String route,
            String action, String result, String requestId, Map<String, String> details) {
        return new AuditEntry(time, eventType, principal, clientIp, route, action, result, requestId,
                new TreeMap<>(details == null ? Map.of() : details));
    }

    /** Epoch microseconds of {@link #time}. */
    public long timeMicros() {
        return micros(time);
    }

    /** Epoch microseconds of an instant. */
    public static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** The instant of an epoch-microsecond value. */
    public static Instant ofMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /**
     * The canonical serialisation, which is the Merkle leaf:
     * <pre>
     * 0x01                                   format version
     * int64 time, epoch microseconds         big-endian
     * str event_type, principal, client_ip, route, action, result, request_id
     * int32 number of details, then str key, str value for each, keys in String.compareTo order
     * str = int32 -1 for null, else int32 length of the UTF-8 bytes, then the bytes
     * </pre>
     * Every field is length-prefixed, so no two different entries share leaf bytes.
     */
    public byte[] leafBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(LEAF_FORMAT);
        writeLong(out, timeMicros());
        for (String field : new String[] {eventType, principal, clientIp, route, action, result, requestId}) {
            writeString(out, field);
        }
        writeInt(out, details.size());
        details.forEach((key, value) -> {
            writeString(out, key);
            writeString(out, value);
        });
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        if (s == null) {
            writeInt(out, -1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeInt(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        writeInt(out, (int) (v >>> 32));
        writeInt(out, (int) v);
    }
}

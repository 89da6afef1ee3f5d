package dev.rampart.audit;

import java.time.Instant;

/**
 * A search of the log; null fields do not filter. Principal and client IP are given raw: the log
 * pseudonymises them the way it stored them.
 *
 * @param from entries at or after this time
 * @param to entries before this time
 * @param afterSeq entries with a larger sequence number (paging); -1 for all
 * @param limit most entries returned
 */
public record AuditQuery(Instant from, Instant to, String principal, String clientIp, String eventType, String route,
        String result, long afterSeq, int limit) {

    /** Most entries one query returns. */
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1.." + MAX_LIMIT);
        }
    }

    /** Everything, oldest first, {@code limit} entries per page. */
    public static AuditQuery all(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, -1, limit);
    }

    public AuditQuery afterSeq(long seq) {
        return new AuditQuery(from, to, principal, clientIp, eventType, route, result, seq, limit);
    }
}

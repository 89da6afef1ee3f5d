package dev.rampart.detect;

import java.time.Instant;

/**
 * Which incidents {@link Incidents#list(IncidentQuery)} returns, newest first. Every filter is
 * optional (null: any); they combine with AND.
 *
 * <pre>{@code
 * incidents.list(IncidentQuery.latest(50).withState(Incident.State.open).withSeverity(IncidentSeverity.SEV_2)
 *         .withOpenedAfter(Instant.parse("2026-11-01T00:00:00Z")).withClientIp("203.0.113.7"));
 * }</pre>
 *
 * @param state only this state
 * @param severity only this severity
 * @param kind only this incident kind (what selects the playbook)
 * @param rule only incidents opened by this rule
 * @param openedAfter opened at or after this instant
 * @param openedBefore opened strictly before this instant
 * @param subject only incidents naming this value as a whole token anywhere — title, evidence,
 *     timeline events, notes, who acknowledged or resolved (a user, account, key id or address);
 *     what a data-subject export gathers
 * @param clientIp only incidents with an event from this client address (in the evidence or on the timeline)
 * @param limit at most this many, at least 1
 */
public record IncidentQuery(Incident.State state, IncidentSeverity severity, String kind, String rule, Instant openedAfter,
        Instant openedBefore, String subject, String clientIp, int limit) {

    public IncidentQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("an incident query's limit must be 1 or more, got " + limit);
        }
        if (openedAfter != null && openedBefore != null && !openedAfter.isBefore(openedBefore)) {
            throw new IllegalArgumentException("opened-after (" + openedAfter + ") must be before opened-before ("
                    + openedBefore + ")");
        }
        kind = blankToNull(kind);
        rule = blankToNull(rule);
        subject = blankToNull(subject);
        clientIp = blankToNull(clientIp);
    }

    /** The newest {@code limit} incidents, of any kind. */
    public static IncidentQuery latest(int limit) {
        return new IncidentQuery(null, null, null, null, null, null, null, null, limit);
    }

    public IncidentQuery withState(Incident.State s) {
        return new IncidentQuery(s, severity, kind, rule, openedAfter, openedBefore, subject, clientIp, limit);
    }

    public IncidentQuery withSeverity(IncidentSeverity s) {
        return new IncidentQuery(state, s, kind, rule, openedAfter, openedBefore, subject, clientIp, limit);
    }

    public IncidentQuery withKind(String k) {
        return new IncidentQuery(state, severity, k, rule, openedAfter, openedBefore, subject, clientIp, limit);
    }

    public IncidentQuery withRule(String r) {
        return new IncidentQuery(state, severity, kind, r, openedAfter, openedBefore, subject, clientIp, limit);
    }

    public IncidentQuery withOpenedAfter(Instant t) {
        return new IncidentQuery(state, severity, kind, rule, t, openedBefore, subject, clientIp, limit);
    }

    public IncidentQuery withOpenedBefore(Instant t) {
        return new IncidentQuery(state, severity, kind, rule, openedAfter, t, subject, clientIp, limit);
    }

    public IncidentQuery withSubject(String s) {
        return new IncidentQuery(state, severity, kind, rule, openedAfter, openedBefore, s, clientIp, limit);
    }

    public IncidentQuery withClientIp(String ip) {
        return new IncidentQuery(state, severity, kind, rule, openedAfter, openedBefore, subject, ip, limit);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

package dev.rampart.detect.internal;

import dev.rampart.detect.Incident;
import dev.rampart.detect.Incident.Entry;
import dev.rampart.detect.Incident.State;
import dev.rampart.detect.Incident.TimelineEntry;
import dev.rampart.detect.IncidentSeverity;
import dev.rampart.store.Store;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The incidents and incident_timeline tables (V8 migration); the same SQL on SQLite and
 * PostgreSQL. Blocking. Timeline positions are taken as MAX + 1 in the INSERT itself; callers
 * serialise appends to one incident within a process.
 */
public final class IncidentRepository {

    private static final String COLUMNS = "id, kind, rule, severity, state, title, evidence, opened_at, respond_by, "
            + "resolve_by, acknowledged_at, acknowledged_by, resolved_at, resolved_by, response_breached_at, "
            + "resolution_breached_at";

    private final DataSource dataSource;

    public IncidentRepository(Store store) {
        this.dataSource = store.dataSource();
    }

    public void insert(Incident i, String dedupKey) {
        Sql.update(dataSource, "save incident " + i.id(), "INSERT INTO incidents (" + COLUMNS + ", dedup_key) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, ?)", s -> {
                    s.setString(1, i.id());
                    s.setString(2, i.kind());
                    s.setString(3, i.rule());
                    s.setString(4, i.severity().label());
                    s.setString(5, i.state().name());
                    s.setString(6, i.title());
                    s.setString(7, i.evidence());
                    s.setLong(8, i.openedAt().toEpochMilli());
                    s.setLong(9, i.respondBy().toEpochMilli());
                    s.setLong(10, i.resolveBy().toEpochMilli());
                    s.setString(11, dedupKey);
                });
    }

    public Optional<Incident> find(String id) {
        return Sql.query(dataSource, "read incident " + id, "SELECT " + COLUMNS + " FROM incidents WHERE id = ?",
                s -> s.setString(1, id), r -> incident(r, List.of())).stream().findFirst()
                .map(found -> found.withTimeline(timeline(id)));
    }

    /** The incident not yet resolved that a rule's repeat firing for the same group joins. */
    public Optional<String> findUnresolved(String dedupKey) {
        return Sql.query(dataSource, "look up the open incident of " + dedupKey,
                "SELECT id FROM incidents WHERE dedup_key = ? AND state <> 'resolved' ORDER BY opened_at DESC",
                s -> s.setString(1, dedupKey), r -> r.getString(1)).stream().findFirst();
    }

    /** Newest first, without timelines; {@code state} null: any state. */
    public List<Incident> list(State state, int limit) {
        String where = state == null ? "" : " WHERE state = ?";
        return Sql.query(dataSource, "list incidents", "SELECT " + COLUMNS + " FROM incidents" + where
                + " ORDER BY opened_at DESC, id LIMIT ?", s -> {
                    int n = 1;
                    if (state != null) {
                        s.setString(n++, state.name());
                    }
                    s.setInt(n, limit);
                }, r -> incident(r, List.of()));
    }

    /** Moves {@code id} from one of {@code from} to {@code to}; false when it was in none of them. */
    public boolean transition(String id, List<State> from, State to, Instant at, String by) {
        String stamp = to == State.acknowledged ? "acknowledged_at = ?, acknowledged_by = ?" : "resolved_at = ?, resolved_by = ?";
        String inStates = String.join(", ", from.stream().map(s -> "'" + s.name() + "'").toList());
        return Sql.update(dataSource, "change the state of incident " + id, "UPDATE incidents SET state = ?, " + stamp
                + " WHERE id = ? AND state IN (" + inStates + ")", s -> {
                    s.setString(1, to.name());
                    s.setLong(2, at.toEpochMilli());
                    if (by == null) {
                        s.setNull(3, Types.VARCHAR);
                    } else {
                        s.setString(3, by);
                    }
                    s.setString(4, id);
                }) == 1;
    }

    public void append(String id, Instant at, Entry entry, String author, String body) {
        Sql.update(dataSource, "add to the timeline of incident " + id, "INSERT INTO incident_timeline "
                + "(incident_id, seq, at, entry, author, body) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ? "
                + "FROM incident_timeline WHERE incident_id = ?", s -> {
                    s.setString(1, id);
                    s.setLong(2, at.toEpochMilli());
                    s.setString(3, entry.name());
                    if (author == null) {
                        s.setNull(4, Types.VARCHAR);
                    } else {
                        s.setString(4, author);
                    }
                    s.setString(5, body);
                    s.setString(6, id);
                });
    }

    /**
     * Marks as breached, and returns, the incidents whose response (still open) or resolution (not
     * resolved) deadline lies before {@code now} and that were not marked yet.
     */
    public List<Incident> markBreaches(Instant now, boolean response) {
        String mark = response ? "response_breached_at" : "resolution_breached_at";
        String due = response ? "state = 'open' AND respond_by < ?" : "state <> 'resolved' AND resolve_by < ?";
        List<Incident> breached = Sql.query(dataSource, "find incidents past their SLA", "SELECT " + COLUMNS
                + " FROM incidents WHERE " + due + " AND " + mark + " IS NULL", s -> s.setLong(1, now.toEpochMilli()),
                r -> incident(r, List.of()));
        for (Incident i : breached) {
            Sql.update(dataSource, "mark incident " + i.id() + " as past its SLA", "UPDATE incidents SET " + mark
                    + " = ? WHERE id = ? AND " + mark + " IS NULL", s -> {
                        s.setLong(1, now.toEpochMilli());
                        s.setString(2, i.id());
                    });
        }
        return breached;
    }

    public Map<State, Long> countByState() {
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State s : State.values()) {
            counts.put(s, 0L);
        }
        Sql.query(dataSource, "count incidents by state", "SELECT state, COUNT(*) FROM incidents GROUP BY state",
                s -> { }, r -> counts.put(State.valueOf(r.getString(1)), r.getLong(2)));
        return counts;
    }

    private List<TimelineEntry> timeline(String id) {
        return Sql.query(dataSource, "read the timeline of incident " + id, "SELECT seq, at, entry, author, body "
                + "FROM incident_timeline WHERE incident_id = ? ORDER BY seq", s -> s.setString(1, id),
                r -> new TimelineEntry(r.getInt(1), Instant.ofEpochMilli(r.getLong(2)), Entry.valueOf(r.getString(3)),
                        r.getString(4), r.getString(5)));
    }

    private static Incident incident(ResultSet r, List<TimelineEntry> timeline) throws SQLException {
        return new Incident(r.getString("id"), r.getString("kind"), r.getString("rule"),
                IncidentSeverity.parse(r.getString("severity"), "incidents.severity"), State.valueOf(r.getString("state")),
                r.getString("title"), r.getString("evidence"), instant(r, "opened_at"), instant(r, "respond_by"),
                instant(r, "resolve_by"), instant(r, "acknowledged_at"), r.getString("acknowledged_by"),
                instant(r, "resolved_at"), r.getString("resolved_by"), instant(r, "response_breached_at"),
                instant(r, "resolution_breached_at"), timeline);
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        Long millis = Sql.nullableLong(r, column);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}

package dev.rampart.detect.internal;

import dev.rampart.detect.Incident;
import dev.rampart.detect.Incident.Entry;
import dev.rampart.detect.Incident.State;
import dev.rampart.detect.Incident.TimelineEntry;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.detect.IncidentQuery;
import dev.rampart.detect.IncidentSeverity;
import dev.rampart.detect.SubjectRedaction;
import dev.rampart.store.Store;
import dev.rampart.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Set;
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
    private final boolean sqlite;

    public IncidentRepository(Store store) {
        this.dataSource = store.dataSource();
        this.sqlite = store.kind() == StoreConfig.Kind.sqlite;
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

    /**
     * Newest first, without timelines, skipping {@code offset}: the query's filters in SQL, except
     * that {@link IncidentQuery#subject()} is only narrowed to incidents holding the value somewhere
     * (the caller checks that it is a whole token). At most {@code limit}.
     */
    public List<Incident> list(IncidentQuery q, int offset, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> binds = new ArrayList<>();
        if (q.state() != null) {
            where.add("state = ?");
            binds.add(q.state().name());
        }
        if (q.severity() != null) {
            where.add("severity = ?");
            binds.add(q.severity().label());
        }
        if (q.kind() != null) {
            where.add("kind = ?");
            binds.add(q.kind());
        }
        if (q.rule() != null) {
            where.add("rule = ?");
            binds.add(q.rule());
        }
        if (q.openedAfter() != null) {
            where.add("opened_at >= ?");
            binds.add(q.openedAfter().toEpochMilli());
        }
        if (q.openedBefore() != null) {
            where.add("opened_at < ?");
            binds.add(q.openedBefore().toEpochMilli());
        }
        if (q.subject() != null) {
            where.add(naming(List.of(q.subject()), binds));
        }
        if (q.clientIp() != null) {
            // events are stored as compact JSON (Json.event): the address as the value of "client_ip"
            String needle = "\"client_ip\":" + Json.write(q.clientIp());
            where.add("(" + contains("i.evidence") + " OR EXISTS (SELECT 1 FROM incident_timeline t WHERE t.incident_id = i.id AND "
                    + contains("t.body") + "))");
            binds.add(needle);
            binds.add(needle);
        }
        binds.add(limit);
        binds.add(offset);
        return Sql.query(dataSource, "list incidents", "SELECT " + COLUMNS + " FROM incidents i"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY opened_at DESC, id LIMIT ? OFFSET ?", s -> bind(s, binds), r -> incident(r, List.of()));
    }

    /** Ids of the incidents holding one of {@code values} anywhere (a superset of those naming it as a token), newest first. */
    public List<String> idsHolding(Collection<String> values) {
        List<Object> binds = new ArrayList<>();
        String where = naming(values, binds);
        return Sql.query(dataSource, "find the incidents naming a subject", "SELECT id FROM incidents i WHERE " + where
                + " ORDER BY opened_at DESC, id", s -> bind(s, binds), r -> r.getString(1));
    }

    /**
     * Rewrites, in one transaction per incident, every stored field of the incidents holding one of
     * the values with {@code mentions}' redaction: title, evidence, the joining key, who acknowledged
     * and resolved, and each timeline line's author and body. On SQLite the old bytes are overwritten
     * ({@code secure_delete}) and the write-ahead log checkpointed, as for a destroyed subject key.
     */
    public SubjectRedaction redact(Collection<String> values, SubjectMentions mentions) {
        int incidents = 0;
        int evidence = 0;
        int events = 0;
        int notes = 0;
        int other = 0;
        List<String> ids = idsHolding(values);
        if (ids.isEmpty()) {
            return new SubjectRedaction(0, 0, 0, 0, 0, 0);
        }
        try (Connection c = dataSource.getConnection()) {
            if (sqlite) {
                pragma(c, "PRAGMA secure_delete = ON");
            }
            boolean autoCommit = c.getAutoCommit();
            try {
                c.setAutoCommit(false);
                for (String id : ids) {
                    int changedBefore = evidence + events + notes + other;
                    try (PreparedStatement read = c.prepareStatement("SELECT title, evidence, dedup_key, acknowledged_by, "
                            + "resolved_by FROM incidents WHERE id = ?")) {
                        read.setString(1, id);
                        try (ResultSet r = read.executeQuery()) {
                            if (r.next()) {
                                String[] was = {r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)};
                                String[] now = {mentions.redactText(was[0]), mentions.redactJson(was[1]), mentions.redactText(was[2]),
                                        mentions.redactText(was[3]), mentions.redactText(was[4])};
                                evidence += was[1] == now[1] ? 0 : 1;
                                for (int f : new int[] {0, 2, 3, 4}) {
                                    other += was[f] == now[f] ? 0 : 1;
                                }
                                if (!java.util.Arrays.equals(was, now)) {
                                    try (PreparedStatement w = c.prepareStatement("UPDATE incidents SET title = ?, evidence = ?, "
                                            + "dedup_key = ?, acknowledged_by = ?, resolved_by = ? WHERE id = ?")) {
                                        for (int f = 0; f < 5; f++) {
                                            w.setString(f + 1, now[f]);
                                        }
                                        w.setString(6, id);
                                        w.executeUpdate();
                                    }
                                }
                            }
                        }
                    }
                    List<TimelineEntry> lines = new ArrayList<>();
                    try (PreparedStatement read = c.prepareStatement("SELECT seq, at, entry, author, body FROM incident_timeline "
                            + "WHERE incident_id = ? ORDER BY seq")) {
                        read.setString(1, id);
                        try (ResultSet r = read.executeQuery()) {
                            while (r.next()) {
                                lines.add(new TimelineEntry(r.getInt(1), Instant.ofEpochMilli(r.getLong(2)),
                                        Entry.valueOf(r.getString(3)), r.getString(4), r.getString(5)));
                            }
                        }
                    }
                    for (TimelineEntry line : lines) {
                        String author = mentions.redactText(line.author());
                        String body = line.entry() == Entry.event ? mentions.redactJson(line.body()) : mentions.redactText(line.body());
                        if (author == line.author() && body == line.body()) {
                            continue;
                        }
                        other += author == line.author() ? 0 : 1;
                        if (body != line.body()) {
                            switch (line.entry()) {
                                case event -> events++;
                                case note -> notes++;
                                default -> other++;
                            }
                        }
                        try (PreparedStatement w = c.prepareStatement("UPDATE incident_timeline SET author = ?, body = ? "
                                + "WHERE incident_id = ? AND seq = ?")) {
                            w.setString(1, author);
                            w.setString(2, body);
                            w.setString(3, id);
                            w.setInt(4, line.seq());
                            w.executeUpdate();
                        }
                    }
                    c.commit();
                    incidents += evidence + events + notes + other > changedBefore ? 1 : 0;
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
                if (sqlite) {
                    pragma(c, "PRAGMA secure_delete = OFF");
                    pragma(c, "PRAGMA wal_checkpoint(TRUNCATE)");
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot redact a subject from the incidents: " + e.getMessage() + " — check the store", e);
        }
        return new SubjectRedaction(incidents, evidence, events, notes, other, 0);
    }

    /**
     * A WHERE clause (on {@code incidents i}) true for incidents holding one of {@code values} — or
     * its JSON-escaped form — in any column or timeline line; adds its parameters to {@code binds}.
     */
    private String naming(Collection<String> values, List<Object> binds) {
        List<String> any = new ArrayList<>();
        Set<String> forms = new LinkedHashSet<>();
        for (String v : values) {
            forms.add(v);
            String quoted = Json.write(v);
            forms.add(quoted.substring(1, quoted.length() - 1));
        }
        for (String form : forms) {
            any.add(contains("i.title") + " OR " + contains("i.evidence") + " OR " + contains("i.dedup_key") + " OR "
                    + contains("i.acknowledged_by") + " OR " + contains("i.resolved_by") + " OR EXISTS (SELECT 1 FROM "
                    + "incident_timeline t WHERE t.incident_id = i.id AND (" + contains("t.body") + " OR "
                    + contains("t.author") + "))");
            for (int i = 0; i < 7; i++) {
                binds.add(form);
            }
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    /** A case-sensitive substring test (SQLite's LIKE ignores ASCII case, and would need escaping). */
    private String contains(String column) {
        return (sqlite ? "instr(" : "strpos(") + column + ", ?) > 0";
    }

    private static void bind(PreparedStatement s, List<Object> binds) throws SQLException {
        for (int i = 0; i < binds.size(); i++) {
            Object v = binds.get(i);
            if (v instanceof Long l) {
                s.setLong(i + 1, l);
            } else if (v instanceof Integer n) {
                s.setInt(i + 1, n);
            } else {
                s.setString(i + 1, (String) v);
            }
        }
    }

    private static void pragma(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
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

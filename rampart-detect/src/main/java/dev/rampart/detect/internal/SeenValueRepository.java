package dev.rampart.detect.internal;

import dev.rampart.store.Store;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/** The detection_seen_values table (V8 migration): values new_value rules have learnt per group. Blocking. */
public final class SeenValueRepository {

    private final DataSource dataSource;

    public SeenValueRepository(Store store) {
        this.dataSource = store.dataSource();
    }

    public List<String> values(String rule, String group) {
        return Sql.query(dataSource, "read the values rule " + rule + " has seen",
                "SELECT value FROM detection_seen_values WHERE rule = ? AND group_key = ?", s -> {
                    s.setString(1, rule);
                    s.setString(2, group);
                }, r -> r.getString(1));
    }

    /** A learnt value: {@code rule} saw {@code value} for {@code group} first at {@code firstSeen}. */
    public record SeenValue(String rule, String group, String value, Instant firstSeen) {}

    /** The learnt values whose group or value is one of {@code subjects}. */
    public List<SeenValue> naming(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        return Sql.query(dataSource, "read the values rules have learnt about a subject", "SELECT rule, group_key, value, "
                + "first_seen FROM detection_seen_values WHERE " + where(subjects) + " ORDER BY first_seen, rule",
                s -> bind(s, subjects), r -> new SeenValue(r.getString(1), r.getString(2), r.getString(3),
                        Instant.ofEpochMilli(r.getLong(4))));
    }

    /** Deletes the learnt values whose group or value is one of {@code subjects}; how many. */
    public int deleteNaming(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return 0;
        }
        return Sql.update(dataSource, "delete the values rules have learnt about a subject",
                "DELETE FROM detection_seen_values WHERE " + where(subjects), s -> bind(s, subjects));
    }

    private static String where(Collection<String> subjects) {
        String in = String.join(", ", Collections.nCopies(subjects.size(), "?"));
        return "group_key IN (" + in + ") OR value IN (" + in + ")";
    }

    private static void bind(java.sql.PreparedStatement s, Collection<String> subjects) throws java.sql.SQLException {
        int n = 1;
        for (int round = 0; round < 2; round++) {
            for (String v : subjects) {
                s.setString(n++, v);
            }
        }
    }

    public void add(String rule, String group, String value, Instant firstSeen) {
        Sql.update(dataSource, "record a value rule " + rule + " has seen",
                "INSERT INTO detection_seen_values (rule, group_key, value, first_seen) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (rule, group_key, value) DO NOTHING", s -> {
                    s.setString(1, rule);
                    s.setString(2, group);
                    s.setString(3, value);
                    s.setLong(4, firstSeen.toEpochMilli());
                });
    }
}

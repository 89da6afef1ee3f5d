package dev.rampart.detect.internal;

import dev.rampart.store.Store;
import java.time.Instant;
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

package dev.rampart.ratelimit.internal;

import dev.rampart.ratelimit.IpAccessList.Entry;
import dev.rampart.ratelimit.IpAccessList.Kind;
import dev.rampart.store.Store;
import dev.rampart.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The ip_list_entries table (V3 migration in rampart-store); the same SQL on SQLite and PostgreSQL. Blocking. */
public final class IpListRepository {

    private final DataSource dataSource;

    public IpListRepository(Store store) {
        this.dataSource = store.dataSource();
    }

    public void save(Entry entry) {
        String sql = "INSERT INTO ip_list_entries (list, block, reason, created_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (list, block) DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, entry.list().name());
            s.setString(2, entry.block());
            s.setString(3, entry.reason());
            s.setLong(4, entry.createdAt().toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot save " + entry.block() + " in the " + entry.list() + " list: " + e.getMessage(), e);
        }
    }

    public void delete(Kind list, String block) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM ip_list_entries WHERE list = ? AND block = ?")) {
            s.setString(1, list.name());
            s.setString(2, block);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot delete " + block + " from the " + list + " list: " + e.getMessage(), e);
        }
    }

    public List<Entry> loadAll() {
        String sql = "SELECT list, block, reason, created_at FROM ip_list_entries ORDER BY created_at, block";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            List<Entry> entries = new ArrayList<>();
            while (r.next()) {
                entries.add(new Entry(Kind.valueOf(r.getString(1)), r.getString(2), r.getString(3),
                        Instant.ofEpochMilli(r.getLong(4))));
            }
            return entries;
        } catch (SQLException e) {
            throw new StoreException("cannot load the IP allow/deny lists: " + e.getMessage(), e);
        }
    }
}

package dev.rampart.ratelimit.internal;

import dev.rampart.store.Store;
import dev.rampart.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The rate_limit_quotas table (V3 migration in rampart-store); the same SQL on SQLite and PostgreSQL. Blocking. */
public final class QuotaRepository {

    /** One row, or (for {@link #addAll}) an amount to add to one. */
    public record QuotaRow(String quota, String subject, long periodStart, long periodEnd, long used) {
    }

    private final DataSource dataSource;

    public QuotaRepository(Store store) {
        this.dataSource = store.dataSource();
    }

    /** Adds each row's {@code used} to the stored count of its period, creating rows as needed, in one transaction. */
    public void addAll(List<QuotaRow> deltas) {
        // ON CONFLICT … DO UPDATE with excluded: PostgreSQL 9.5+ and SQLite 3.24+ alike; an addition
        // (not an overwrite), so gateways sharing one database add up their counts
        String sql = "INSERT INTO rate_limit_quotas (quota, subject, period_start, period_end, used) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (quota, subject, period_start) DO UPDATE SET used = rate_limit_quotas.used + excluded.used";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (QuotaRow row : deltas) {
                    s.setString(1, row.quota());
                    s.setString(2, row.subject());
                    s.setLong(3, row.periodStart());
                    s.setLong(4, row.periodEnd());
                    s.setLong(5, row.used());
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write " + deltas.size() + " quota counts: " + e.getMessage()
                    + " — they are kept in memory and written with the next flush", e);
        }
    }

    /** Rows of periods not ended at {@code nowMillis}. */
    public List<QuotaRow> loadCurrent(long nowMillis) {
        String sql = "SELECT quota, subject, period_start, period_end, used FROM rate_limit_quotas WHERE period_end > ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, nowMillis);
            try (ResultSet r = s.executeQuery()) {
                List<QuotaRow> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(new QuotaRow(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5)));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot load quota counts: " + e.getMessage(), e);
        }
    }

    /** Deletes rows of periods ended at or before {@code nowMillis}: a new period starts from zero. */
    public void deleteEndedBefore(long nowMillis) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM rate_limit_quotas WHERE period_end <= ?")) {
            s.setLong(1, nowMillis);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot delete quota counts of ended periods: " + e.getMessage(), e);
        }
    }
}

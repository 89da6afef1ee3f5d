package dev.rampart.ratelimit.internal;

import dev.rampart.core.BanList.Ban;
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

/** The bans table (V3 migration in rampart-store); the same SQL on SQLite and PostgreSQL. Blocking. */
public final class BanRepository {

    private final DataSource dataSource;

    public BanRepository(Store store) {
        this.dataSource = store.dataSource();
    }

    /** Writes a ban, replacing the row of its block (a repeat keeps one row with the latest ban and its count). */
    public void save(Ban ban) {
        String sql = "INSERT INTO bans (block, reason, source, banned_at, banned_until, offences) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (block) DO UPDATE SET reason = excluded.reason, source = excluded.source, "
                + "banned_at = excluded.banned_at, banned_until = excluded.banned_until, offences = excluded.offences";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, ban.block());
            s.setString(2, ban.reason());
            s.setString(3, ban.source());
            s.setLong(4, ban.since().toEpochMilli());
            s.setLong(5, ban.until().toEpochMilli());
            s.setInt(6, ban.offence());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot save the ban of " + ban.block() + ": " + e.getMessage(), e);
        }
    }

    /** Every row: bans in force and past ones still remembered for escalation. */
    public List<Ban> loadAll() {
        String sql = "SELECT block, reason, source, banned_at, banned_until, offences FROM bans";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            List<Ban> bans = new ArrayList<>();
            while (r.next()) {
                bans.add(new Ban(r.getString(1), r.getString(2), r.getString(3), Instant.ofEpochMilli(r.getLong(4)),
                        Instant.ofEpochMilli(r.getLong(5)), r.getInt(6)));
            }
            return bans;
        } catch (SQLException e) {
            throw new StoreException("cannot load bans: " + e.getMessage(), e);
        }
    }

    /** Forgets bans that started before {@code sinceBefore} and have ended: their repeats no longer escalate. */
    public void forgetStartedBefore(Instant sinceBefore, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM bans WHERE banned_at < ? AND banned_until <= ?")) {
            s.setLong(1, sinceBefore.toEpochMilli());
            s.setLong(2, now.toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot delete forgotten bans: " + e.getMessage(), e);
        }
    }
}

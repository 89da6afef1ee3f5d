package dev.rampart.auth.credential;

import dev.rampart.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain-JDBC statements on the tables of one migration, with failures turned into
 * {@link StoreException}s that say what failed and which migration must have run. Every method
 * blocks on the database.
 */
public final class JdbcTable {

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads one row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface Transaction<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final String tables;
    private final String migration;

    /**
     * @param tables the tables, for error messages, e.g. {@code "users"}
     * @param migration the rampart-store migration that creates them, e.g. {@code "V9"}
     */
    public JdbcTable(DataSource dataSource, String tables, String migration) {
        this.dataSource = dataSource;
        this.tables = tables;
        this.migration = migration;
    }

    /** Runs an INSERT, UPDATE or DELETE and returns the number of rows it changed. */
    public int update(String sql, Binder binder, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    public <T> List<T> query(String sql, Binder binder, RowReader<T> reader, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(reader.read(r));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    public <T> Optional<T> queryOne(String sql, Binder binder, RowReader<T> reader, String what) {
        return query(sql, binder, reader, what).stream().findFirst();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Transaction<T> work, String what) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** A {@link StoreException} for a failed {@code what} that says which tables must exist. */
    public StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + ": " + e.getMessage()
                + " — check that the store is reachable and migrated (" + tables + ", migration " + migration + ")", e);
    }
}

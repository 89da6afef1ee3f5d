package dev.rampart.audit;

import dev.rampart.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of the audit tables (V6 migration), shared by the log and its verifier. */
final class AuditTables {

    static final String COLUMNS = "seq, time_us, event_type, principal, client_ip, route, action, result, request_id, details, pruned, leaf_hash";
    private static final String PRUNE = "UPDATE audit_entries SET principal = NULL, client_ip = NULL, route = NULL, "
            + "action = NULL, result = NULL, request_id = NULL, details = '{}', pruned = 1 ";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {};

    private final DataSource dataSource;

    AuditTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A row: the entry, whether retention pruned it, and the leaf hash recorded at append. */
    record Row(StoredEntry stored, boolean pruned, byte[] leafHash) {}

    /** Inserts entries numbered from {@code firstSeq} in one transaction: all or none are stored. */
    void insert(long firstSeq, List<AuditEntry> entries, List<byte[]> leafHashes) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_entries (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
                for (int i = 0; i < entries.size(); i++) {
                    AuditEntry e = entries.get(i);
                    insert.setLong(1, firstSeq + i);
                    insert.setLong(2, e.timeMicros());
                    insert.setString(3, e.eventType());
                    insert.setString(4, e.principal());
                    insert.setString(5, e.clientIp());
                    insert.setString(6, e.route());
                    insert.setString(7, e.action());
                    insert.setString(8, e.result());
                    insert.setString(9, e.requestId());
                    insert.setString(10, detailsJson(e.details()));
                    insert.setBytes(11, leafHashes.get(i));
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Calls {@code each} for every row from {@code fromSeq} on, in sequence order, streaming. */
    void forEachRow(long fromSeq, RowConsumer each) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_entries WHERE seq >= ? ORDER BY seq")) {
            select.setFetchSize(1000);
            select.setLong(1, fromSeq);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    each.accept(row(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit entries from seq " + fromSeq + ": " + e.getMessage()
                    + " — check the store", e);
        }
    }

    /** A consumer of rows. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(Row row);
    }

    /**
     * Entries after {@code afterSeq} whose principal is one of {@code values} or whose details
     * contain one of them as a JSON string (candidates: the caller checks which detail holds it), by
     * sequence number, at most {@code limit}.
     */
    List<StoredEntry> mentioning(java.util.Collection<String> values, long afterSeq, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_entries WHERE seq > ? AND (principal IN (");
        sql.append(String.join(", ", java.util.Collections.nCopies(values.size(), "?"))).append(")");
        for (int i = 0; i < values.size(); i++) {
            sql.append(" OR details LIKE ? ESCAPE '!'");
        }
        sql.append(") ORDER BY seq LIMIT ").append(limit);
        List<StoredEntry> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql.toString())) {
            int i = 1;
            select.setLong(i++, afterSeq);
            for (String v : values) {
                select.setString(i++, v);
            }
            for (String v : values) {
                String json = JSON.writeValueAsString(v);
                select.setString(i++, "%" + json.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Row row = row(rs);
                    if (!row.pruned()) {
                        found.add(row.stored());
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot search the audit entries: " + e.getMessage() + " — check the store", e);
        }
        return found;
    }

    /** Clears the fields of the given entries as retention does (the leaf hash stays); returns how many. */
    int prune(java.util.Collection<Long> seqs) {
        int pruned = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(PRUNE + "WHERE seq = ? AND pruned = 0")) {
            for (long seq : seqs) {
                update.setLong(1, seq);
                pruned += update.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot prune audit entries: " + e.getMessage() + " — check the store", e);
        }
        return pruned;
    }

    List<StoredEntry> query(AuditQuery q, List<String> principals, String clientIp) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_entries WHERE seq > ?");
        List<Object> args = new ArrayList<>();
        args.add(q.afterSeq());
        if (q.from() != null) {
            sql.append(" AND time_us >= ?");
            args.add(AuditEntry.micros(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND time_us < ?");
            args.add(AuditEntry.micros(q.to()));
        }
        if (principals != null) {
            sql.append(" AND principal IN (").append(String.join(", ", java.util.Collections.nCopies(principals.size(), "?"))).append(")");
            args.addAll(principals);
        }
        Map<String, String> equal = new TreeMap<>();
        equal.put("client_ip", clientIp);
        equal.put("event_type", q.eventType());
        equal.put("route", q.route());
        equal.put("result", q.result());
        equal.forEach((column, value) -> {
            if (value != null) {
                sql.append(" AND ").append(column).append(" = ?");
                args.add(value);
            }
        });
        sql.append(" ORDER BY seq LIMIT ").append(q.limit());
        List<StoredEntry> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                select.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(row(rs).stored());
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot query the audit entries: " + e.getMessage() + " — check the store", e);
        }
        return found;
    }

    /** Clears the fields of entries of {@code eventType} older than {@code beforeMicros}; returns how many. */
    int prune(String eventType, long beforeMicros) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(PRUNE + "WHERE event_type = ? AND time_us < ? AND pruned = 0")) {
            update.setString(1, eventType);
            update.setLong(2, beforeMicros);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot apply audit retention to " + eventType + ": " + e.getMessage(), e);
        }
    }

    void insertCheckpoint(Checkpoint cp) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO audit_checkpoints (tree_size, root_hash, time_us, key_id, signature) VALUES (?, ?, ?, ?, ?) "
                                + "ON CONFLICT (tree_size) DO NOTHING")) {
            insert.setLong(1, cp.treeSize());
            insert.setBytes(2, cp.rootHash());
            insert.setLong(3, AuditEntry.micros(cp.time()));
            insert.setString(4, cp.keyId());
            insert.setBytes(5, cp.signature());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store the audit checkpoint at tree size " + cp.treeSize() + ": " + e.getMessage(), e);
        }
    }

    /** Checkpoints with a tree size of at least {@code fromSize}, smallest first. */
    List<Checkpoint> checkpoints(long fromSize, int limit) {
        List<Checkpoint> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT tree_size, root_hash, time_us, key_id, signature "
                        + "FROM audit_checkpoints WHERE tree_size >= ? ORDER BY tree_size LIMIT " + limit)) {
            select.setLong(1, fromSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new Checkpoint(rs.getLong(1), rs.getBytes(2), AuditEntry.ofMicros(rs.getLong(3)),
                            rs.getString(4), rs.getBytes(5)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit checkpoints: " + e.getMessage() + " — check the store", e);
        }
        return found;
    }

    private static Row row(ResultSet rs) throws SQLException {
        AuditEntry entry = new AuditEntry(AuditEntry.ofMicros(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                JSON.readValue(rs.getString(10), DETAILS));
        return new Row(new StoredEntry(rs.getLong(1), entry), rs.getInt(11) != 0, rs.getBytes(12));
    }

    static String detailsJson(Map<String, String> details) {
        return JSON.writeValueAsString(new TreeMap<>(details));
    }
}

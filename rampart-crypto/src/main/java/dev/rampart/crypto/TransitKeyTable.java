package dev.rampart.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** SQL of the transit_keys and transit_key_versions tables (V4 migration); the same on both engines. */
final class TransitKeyTable {

    private static final String KEY_COLUMNS = "name, type, latest_version, min_decryption_version, min_encryption_version,"
            + " min_available_version, deletion_allowed, auto_rotate_period_ms, created_at, rotated_at";

    private TransitKeyTable() {}

    /** A stored version: its number, encrypted keyset and creation time. */
    record StoredVersion(int version, byte[] encryptedKeyset, Instant createdAt) {}

    static Optional<TransitKeyInfo> find(Connection c, String name) throws SQLException {
        TransitKeyInfo info;
        try (PreparedStatement s = c.prepareStatement("SELECT " + KEY_COLUMNS + " FROM transit_keys WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                info = read(r);
            }
        }
        TreeMap<Integer, Instant> versions = new TreeMap<>();
        for (StoredVersion v : versions(c, name, 0)) {
            versions.put(v.version(), v.createdAt());
        }
        return Optional.of(new TransitKeyInfo(info.name(), info.type(), info.latestVersion(), info.minDecryptionVersion(),
                info.minEncryptionVersion(), info.minAvailableVersion(), info.deletionAllowed(), info.autoRotatePeriod(),
                info.createdAt(), info.rotatedAt(), versions));
    }

    static List<String> names(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name FROM transit_keys ORDER BY name");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    /** Keys whose auto-rotate period has run out at {@code nowMillis}. */
    static List<String> dueForRotation(Connection c, long nowMillis) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name FROM transit_keys WHERE auto_rotate_period_ms > 0"
                + " AND rotated_at + auto_rotate_period_ms <= ? ORDER BY name")) {
            s.setLong(1, nowMillis);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
        }
        return names;
    }

    /** Versions at or above {@code fromVersion}, oldest first, with their keysets still encrypted. */
    static List<StoredVersion> versions(Connection c, String name, int fromVersion) throws SQLException {
        List<StoredVersion> versions = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT version, keyset, created_at FROM transit_key_versions"
                + " WHERE key_name = ? AND version >= ? ORDER BY version")) {
            s.setString(1, name);
            s.setInt(2, fromVersion);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    versions.add(new StoredVersion(r.getInt(1), r.getBytes(2), Instant.ofEpochMilli(r.getLong(3))));
                }
            }
        }
        return versions;
    }

    static void insert(Connection c, TransitKeyInfo key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO transit_keys (" + KEY_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, key.name());
            s.setString(2, key.type().id());
            bindSettings(s, 3, key);
            s.setLong(9, key.createdAt().toEpochMilli());
            s.setLong(10, key.rotatedAt().toEpochMilli());
            s.executeUpdate();
        }
    }

    static void update(Connection c, TransitKeyInfo key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE transit_keys SET latest_version = ?, min_decryption_version = ?,"
                + " min_encryption_version = ?, min_available_version = ?, deletion_allowed = ?, auto_rotate_period_ms = ?,"
                + " rotated_at = ? WHERE name = ?")) {
            bindSettings(s, 1, key);
            s.setLong(7, key.rotatedAt().toEpochMilli());
            s.setString(8, key.name());
            s.executeUpdate();
        }
    }

    private static void bindSettings(PreparedStatement s, int first, TransitKeyInfo key) throws SQLException {
        s.setInt(first, key.latestVersion());
        s.setInt(first + 1, key.minDecryptionVersion());
        s.setInt(first + 2, key.minEncryptionVersion());
        s.setInt(first + 3, key.minAvailableVersion());
        s.setBoolean(first + 4, key.deletionAllowed());
        s.setLong(first + 5, key.autoRotatePeriod().toMillis());
    }

    static void insertVersion(Connection c, String name, int version, byte[] encryptedKeyset, Instant createdAt)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO transit_key_versions (key_name, version, keyset, created_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, name);
            s.setInt(2, version);
            s.setBytes(3, encryptedKeyset);
            s.setLong(4, createdAt.toEpochMilli());
            s.executeUpdate();
        }
    }

    static void deleteVersionsBelow(Connection c, String name, int version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM transit_key_versions WHERE key_name = ? AND version < ?")) {
            s.setString(1, name);
            s.setInt(2, version);
            s.executeUpdate();
        }
    }

    static void delete(Connection c, String name) throws SQLException {
        deleteVersionsBelow(c, name, Integer.MAX_VALUE);
        try (PreparedStatement s = c.prepareStatement("DELETE FROM transit_keys WHERE name = ?")) {
            s.setString(1, name);
            s.executeUpdate();
        }
    }

    private static TransitKeyInfo read(ResultSet r) throws SQLException {
        return new TransitKeyInfo(r.getString(1), KeyType.of(r.getString(2)), r.getInt(3), r.getInt(4), r.getInt(5),
                r.getInt(6), r.getBoolean(7), Duration.ofMillis(r.getLong(8)), Instant.ofEpochMilli(r.getLong(9)),
                Instant.ofEpochMilli(r.getLong(10)), new TreeMap<>());
    }
}

package dev.rampart.crypto;

import dev.rampart.core.EventBus;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.SecurityEvent.Severity;
import dev.rampart.crypto.CryptoException.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Versioned key/value secrets (like Vault's KV v2), each version's data encrypted under the
 * master key with the path and version as associated data. Writes may be check-and-set; old
 * versions beyond the path's max are removed; a version may carry a TTL after which it is no
 * longer returned. Deleting is soft (undelete restores); destroying removes the value for good.
 *
 * <p>Authorization is the caller's job (the admin API checks its own permissions); every change
 * emits a {@code crypto.secret.<operation>} event naming the path and version, never a value.
 * Every method blocks on the store.
 */
public final class Secrets {

    /** Versions kept per path unless configured otherwise. */
    public static final int DEFAULT_MAX_VERSIONS = 10;
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern DATA_KEY = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final KeyHierarchy hierarchy;
    private final EventBus events;
    private final Clock clock;

    Secrets(KeyHierarchy hierarchy, EventBus events, Clock clock) {
        this.hierarchy = hierarchy;
        this.events = events;
        this.clock = clock;
    }

    /** Writes a new version without check-and-set (refused when the path requires it) and without TTL. */
    public Secret put(String path, Map<String, String> data) {
        return put(path, data, null, null);
    }

    /**
     * Writes a new version.
     *
     * @param cas the version the caller expects to be current (0: the path must not exist yet);
     *     null for an unconditional write, refused when the path has cas-required
     * @param ttl how long the version stays readable; null for no limit
     * @throws CryptoException CAS_MISMATCH when {@code cas} is not the current version
     */
    public Secret put(String path, Map<String, String> data, Integer cas, Duration ttl) {
        checkPath(path);
        if (data == null || data.isEmpty()) {
            throw new CryptoException(Reason.INVALID_INPUT, "secret '" + path + "': no data given (at least one key=value)");
        }
        for (Map.Entry<String, String> e : data.entrySet()) {
            if (!DATA_KEY.matcher(e.getKey()).matches() || e.getValue() == null) {
                throw new CryptoException(Reason.INVALID_INPUT, "secret '" + path + "': key '" + e.getKey()
                        + "' must be 1 to 128 letters, digits, '.', '_' or '-', with a value");
            }
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new CryptoException(Reason.INVALID_INPUT, "secret '" + path + "': TTL " + ttl + " must be positive");
        }
        Instant now = clock.instant();
        Secret written = hierarchy.write("write secret " + path, c -> {
            Row row = row(c, path);
            if (row == null) {
                insertRow(c, path, DEFAULT_MAX_VERSIONS, false, Map.of(), now);
                row = new Row(0, DEFAULT_MAX_VERSIONS, false, Map.of(), now, now);
            }
            if (cas == null && row.casRequired()) {
                throw new CryptoException(Reason.CAS_MISMATCH, "secret '" + path + "' requires check-and-set writes:"
                        + " give cas=" + row.currentVersion() + " (its current version)");
            }
            if (cas != null && cas != row.currentVersion()) {
                throw new CryptoException(Reason.CAS_MISMATCH, "check-and-set failed for secret '" + path + "': expected"
                        + " version " + cas + ", but the current version is " + row.currentVersion()
                        + (cas == 0 ? " (cas=0 means the path must not exist yet)" : "") + "; re-read it and retry");
            }
            int version = row.currentVersion() + 1;
            Instant expires = ttl == null ? null : now.plus(ttl);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO secret_versions (path, version, value, created_at,"
                    + " expires_at, deleted_at) VALUES (?, ?, ?, ?, ?, NULL)")) {
                s.setString(1, path);
                s.setInt(2, version);
                s.setBytes(3, hierarchy.encrypt(Pairs.encode(data), KeyHierarchy.secretContext(path, version)));
                s.setLong(4, now.toEpochMilli());
                setInstant(s, 5, expires);
                s.executeUpdate();
            }
            update(c, "UPDATE secrets SET current_version = ?, updated_at = ? WHERE path = ?", version, now.toEpochMilli(), path);
            update(c, "DELETE FROM secret_versions WHERE path = ? AND version <= ?", path, version - row.maxVersions());
            return new Secret(path, version, data, now, expires);
        });
        emit("put", path, written.version());
        return written;
    }

    /** The current version, unless it is deleted, destroyed or expired. */
    public Optional<Secret> get(String path) {
        return get(path, 0);
    }

    /** Version {@code version} (0: current), unless it is deleted, destroyed, expired or no longer kept. */
    public Optional<Secret> get(String path, int version) {
        checkPath(path);
        return hierarchy.read("read secret " + path, c -> {
            Row row = row(c, path);
            if (row == null || row.currentVersion() == 0) {
                return Optional.empty();
            }
            int wanted = version == 0 ? row.currentVersion() : version;
            try (PreparedStatement s = c.prepareStatement("SELECT value, created_at, expires_at, deleted_at FROM secret_versions"
                    + " WHERE path = ? AND version = ?")) {
                s.setString(1, path);
                s.setInt(2, wanted);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    byte[] value = r.getBytes(1);
                    Instant expires = instant(r, 3);
                    boolean expired = expires != null && !clock.instant().isBefore(expires);
                    if (value == null || instant(r, 4) != null || expired) {
                        return Optional.empty();
                    }
                    Map<String, String> data = Pairs.decode(hierarchy.decrypt(value, KeyHierarchy.secretContext(path, wanted)));
                    return Optional.of(new Secret(path, wanted, data, Instant.ofEpochMilli(r.getLong(2)), expires));
                }
            }
        });
    }

    /** Paths that start with {@code prefix} ("" for all), sorted. */
    public List<String> list(String prefix) {
        String p = prefix == null ? "" : prefix;
        return hierarchy.read("list secrets", c -> {
            List<String> paths = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT path FROM secrets WHERE substr(path, 1, ?) = ? ORDER BY path")) {
                s.setInt(1, p.length());
                s.setString(2, p);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        paths.add(r.getString(1));
                    }
                }
            }
            return paths;
        });
    }

    /** Soft-deletes versions (none given: the current one); {@link #undelete} restores them. */
    public void delete(String path, int... versions) {
        changeVersions("delete", path, versions, true,
                "UPDATE secret_versions SET deleted_at = ? WHERE path = ? AND version = ? AND deleted_at IS NULL");
    }

    /** Restores soft-deleted versions (none given: the current one); destroyed ones stay destroyed. */
    public void undelete(String path, int... versions) {
        changeVersions("undelete", path, versions, false,
                "UPDATE secret_versions SET deleted_at = NULL WHERE path = ? AND version = ? AND value IS NOT NULL");
    }

    /** Removes the values of versions for good (none given: the current one). */
    public void destroy(String path, int... versions) {
        changeVersions("destroy", path, versions, false, "UPDATE secret_versions SET value = NULL WHERE path = ? AND version = ?");
    }

    /** Removes the path, its metadata and every version. */
    public void deleteAll(String path) {
        checkPath(path);
        hierarchy.write("delete secret " + path, c -> {
            requireRow(c, path);
            update(c, "DELETE FROM secret_versions WHERE path = ?", path);
            update(c, "DELETE FROM secrets WHERE path = ?", path);
            return null;
        });
        emit("delete-all", path, 0);
    }

    public Optional<SecretMetadata> metadata(String path) {
        checkPath(path);
        return hierarchy.read("read metadata of secret " + path, c -> {
            Row row = row(c, path);
            if (row == null) {
                return Optional.empty();
            }
            List<SecretMetadata.Version> versions = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT version, created_at, expires_at, deleted_at, value IS NULL"
                    + " FROM secret_versions WHERE path = ? ORDER BY version")) {
                s.setString(1, path);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        versions.add(new SecretMetadata.Version(r.getInt(1), Instant.ofEpochMilli(r.getLong(2)),
                                instant(r, 3), instant(r, 4), r.getBoolean(5)));
                    }
                }
            }
            return Optional.of(new SecretMetadata(path, row.currentVersion(), row.maxVersions(), row.casRequired(),
                    row.customMetadata(), row.createdAt(), row.updatedAt(), versions));
        });
    }

    /**
     * Sets max versions, cas-required and custom metadata (null: unchanged); creates the path's
     * metadata when it has none yet.
     */
    public SecretMetadata configure(String path, Integer maxVersions, Boolean casRequired, Map<String, String> customMetadata) {
        checkPath(path);
        if (maxVersions != null && (maxVersions < 1 || maxVersions > 1000)) {
            throw new CryptoException(Reason.INVALID_INPUT, "secret '" + path + "': max versions " + maxVersions
                    + "; allowed: 1 to 1000");
        }
        Instant now = clock.instant();
        hierarchy.write("configure secret " + path, c -> {
            Row row = row(c, path);
            if (row == null) {
                insertRow(c, path, maxVersions == null ? DEFAULT_MAX_VERSIONS : maxVersions,
                        casRequired != null && casRequired, customMetadata == null ? Map.of() : customMetadata, now);
                return null;
            }
            int max = maxVersions == null ? row.maxVersions() : maxVersions;
            try (PreparedStatement s = c.prepareStatement("UPDATE secrets SET max_versions = ?, cas_required = ?,"
                    + " custom_metadata = ?, updated_at = ? WHERE path = ?")) {
                s.setInt(1, max);
                s.setBoolean(2, casRequired == null ? row.casRequired() : casRequired);
                s.setBytes(3, Pairs.encode(customMetadata == null ? row.customMetadata() : customMetadata));
                s.setLong(4, now.toEpochMilli());
                s.setString(5, path);
                s.executeUpdate();
            }
            update(c, "DELETE FROM secret_versions WHERE path = ? AND version <= ?", path, row.currentVersion() - max);
            return null;
        });
        emit("configure", path, 0);
        return metadata(path).orElseThrow();
    }

    /** Runs {@code sql} (parameters: [now,] path, version) for each version; none given: the current one. */
    private void changeVersions(String operation, String path, int[] versions, boolean stampsTime, String sql) {
        checkPath(path);
        long now = clock.millis();
        hierarchy.write(operation + " versions of secret " + path, c -> {
            Row row = requireRow(c, path);
            int[] targets = versions.length == 0 ? new int[] {row.currentVersion()} : versions;
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int version : targets) {
                    int i = 1;
                    if (stampsTime) {
                        s.setLong(i++, now);
                    }
                    s.setString(i++, path);
                    s.setInt(i, version);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
        emit(operation, path, versions.length == 1 ? versions[0] : 0);
    }

    /** A secrets row, without its versions. */
    private record Row(int currentVersion, int maxVersions, boolean casRequired, Map<String, String> customMetadata,
            Instant createdAt, Instant updatedAt) {}

    private static Row row(Connection c, String path) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT current_version, max_versions, cas_required, custom_metadata,"
                + " created_at, updated_at FROM secrets WHERE path = ?")) {
            s.setString(1, path);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new Row(r.getInt(1), r.getInt(2), r.getBoolean(3), Pairs.decode(r.getBytes(4)),
                        Instant.ofEpochMilli(r.getLong(5)), Instant.ofEpochMilli(r.getLong(6))) : null;
            }
        }
    }

    private static Row requireRow(Connection c, String path) throws SQLException {
        Row row = row(c, path);
        if (row == null) {
            throw new CryptoException(Reason.SECRET_NOT_FOUND, "no secret at path '" + path + "'");
        }
        return row;
    }

    private static void insertRow(Connection c, String path, int maxVersions, boolean casRequired, Map<String, String> custom,
            Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO secrets (path, current_version, max_versions, cas_required,"
                + " custom_metadata, created_at, updated_at) VALUES (?, 0, ?, ?, ?, ?, ?)")) {
            s.setString(1, path);
            s.setInt(2, maxVersions);
            s.setBoolean(3, casRequired);
            s.setBytes(4, Pairs.encode(custom));
            s.setLong(5, now.toEpochMilli());
            s.setLong(6, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    private static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value.toEpochMilli());
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static void checkPath(String path) {
        if (path == null || path.length() > 512 || !PATH.matcher(path).matches()
                || ("/" + path + "/").contains("/./") || ("/" + path + "/").contains("/../")) {
            throw new CryptoException(Reason.INVALID_INPUT, "secret path '" + path + "': use segments of letters, digits,"
                    + " '.', '_' or '-' (not '.' or '..' alone) separated by '/', at most 512 characters");
        }
    }

    private void emit(String operation, String path, int version) {
        events.publish(new SecurityEvent(clock.instant(), "crypto.secret." + operation, Severity.INFO, "secrets", "ok", null,
                null, null, null, version == 0 ? Map.of("path", path) : Map.of("path", path, "version",
                        Integer.toString(version))));
    }
}

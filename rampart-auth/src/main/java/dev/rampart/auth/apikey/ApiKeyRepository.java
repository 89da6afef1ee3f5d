package dev.rampart.auth.apikey;

import static dev.rampart.auth.credential.SecretCredentialTable.instant;
import static dev.rampart.auth.credential.SecretCredentialTable.joined;
import static dev.rampart.auth.credential.SecretCredentialTable.setInstant;
import static dev.rampart.auth.credential.SecretCredentialTable.split;
import static dev.rampart.auth.credential.SecretCredentialTable.words;

import dev.rampart.auth.credential.SecretCredentialTable;
import dev.rampart.core.net.CidrSet;
import dev.rampart.store.Store;
import dev.rampart.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The api_keys table (migration V2 in rampart-store), in plain JDBC. The SQL is the same on SQLite
 * and PostgreSQL. Every method blocks on the database: callers on a Vert.x event loop must move
 * the call to a worker. Failures are {@link StoreException}s naming the operation and key id.
 */
final class ApiKeyRepository {

    private static final String COLUMNS = "id, name, owner, roles, scopes, allowed_cidrs, secret_hash, "
            + "previous_secret_hash, previous_secret_valid_until, created_at, expires_at, last_used_at, enabled, revoked_at, plan";

    private final DataSource dataSource;
    private final SecretCredentialTable lifecycle;

    ApiKeyRepository(Store store) {
        this.dataSource = store.dataSource();
        this.lifecycle = new SecretCredentialTable(dataSource, "api_keys", "API key", "V2");
    }

    void insert(ApiKeyRecord record, byte[] secretHash) {
        String sql = "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, NULL, ?, NULL, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, record.id());
            s.setString(2, record.name());
            s.setString(3, record.owner());
            s.setString(4, joined(record.roles()));
            s.setString(5, joined(record.scopes()));
            s.setString(6, String.join(" ", record.allowedCidrs().blocks()));
            s.setBytes(7, secretHash);
            s.setLong(8, record.createdAt().toEpochMilli());
            setInstant(s, 9, record.expiresAt());
            s.setBoolean(10, record.enabled());
            s.setString(11, record.plan());
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("create API key " + record.id(), e);
        }
    }

    Optional<StoredApiKey> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read API key " + id, e);
        }
    }

    List<ApiKeyRecord> list() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id");
                ResultSet r = s.executeQuery()) {
            List<ApiKeyRecord> records = new ArrayList<>();
            while (r.next()) {
                records.add(read(r).record());
            }
            return records;
        } catch (SQLException e) {
            throw failure("list API keys", e);
        }
    }

    boolean rotate(String id, byte[] newHash, Instant previousValidUntil) {
        return lifecycle.rotate(id, newHash, previousValidUntil);
    }

    boolean setEnabled(String id, boolean enabled) {
        return lifecycle.setEnabled(id, enabled);
    }

    boolean revoke(String id, Instant at) {
        return lifecycle.revoke(id, at);
    }

    boolean delete(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM api_keys WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("delete API key " + id, e);
        }
    }

    /** Writes each key's last-use time in one batch; never moves a time backwards (another process may be ahead). */
    void updateLastUsed(Map<String, Instant> lastUsed) {
        if (lastUsed.isEmpty()) {
            return;
        }
        String sql = "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)";
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (Map.Entry<String, Instant> e : lastUsed.entrySet()) {
                    long at = e.getValue().toEpochMilli();
                    s.setLong(1, at);
                    s.setString(2, e.getKey());
                    s.setLong(3, at);
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("record last use of " + lastUsed.size() + " API keys", e);
        }
    }

    private static StoredApiKey read(ResultSet r) throws SQLException {
        ApiKeyRecord record = new ApiKeyRecord(
                r.getString("id"),
                r.getString("name"),
                r.getString("owner"),
                split(r.getString("roles")),
                split(r.getString("scopes")),
                CidrSet.parse(words(r.getString("allowed_cidrs"))),
                instant(r, "created_at"),
                instant(r, "expires_at"),
                instant(r, "last_used_at"),
                r.getBoolean("enabled"),
                instant(r, "previous_secret_valid_until"),
                instant(r, "revoked_at"),
                r.getString("plan"));
        return new StoredApiKey(record, r.getBytes("secret_hash"), r.getBytes("previous_secret_hash"));
    }

    private StoreException failure(String what, SQLException e) {
        return lifecycle.failure(what, e);
    }
}

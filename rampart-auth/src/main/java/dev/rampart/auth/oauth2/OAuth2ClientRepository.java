package dev.rampart.auth.oauth2;

import static dev.rampart.auth.credential.SecretCredentialTable.instant;
import static dev.rampart.auth.credential.SecretCredentialTable.joined;
import static dev.rampart.auth.credential.SecretCredentialTable.split;

import com.nimbusds.jose.jwk.JWKSet;
import dev.rampart.auth.credential.SecretCredentialTable;
import dev.rampart.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The oauth2_clients table (migration V5 in rampart-store), in plain JDBC; every method blocks. */
final class OAuth2ClientRepository {

    private static final String COLUMNS = "id, name, auth_method, secret_hash, previous_secret_hash, "
            + "previous_secret_valid_until, jwks, scopes, roles, created_at, enabled, revoked_at, plan";

    /** A client as stored: its public record and the hashes of its secrets. */
    record StoredClient(OAuth2Client client, byte[] secretHash, byte[] previousSecretHash) {
    }

    private final DataSource dataSource;
    final SecretCredentialTable lifecycle;

    OAuth2ClientRepository(Store store) {
        this.dataSource = store.dataSource();
        this.lifecycle = new SecretCredentialTable(dataSource, "oauth2_clients", "OAuth2 client", "V5");
    }

    void insert(OAuth2Client client, byte[] secretHash) {
        String sql = "INSERT INTO oauth2_clients (" + COLUMNS + ") VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, NULL, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, client.id());
            s.setString(2, client.name());
            s.setString(3, client.authMethod().wireName());
            s.setBytes(4, secretHash);
            s.setString(5, client.jwks() == null ? null : client.jwks().toString(true));
            s.setString(6, joined(client.scopes()));
            s.setString(7, joined(client.roles()));
            s.setLong(8, client.createdAt().toEpochMilli());
            s.setBoolean(9, client.enabled());
            s.setString(10, client.plan());
            s.executeUpdate();
        } catch (SQLException e) {
            throw lifecycle.failure("register OAuth2 client " + client.id(), e);
        }
    }

    Optional<StoredClient> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM oauth2_clients WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw lifecycle.failure("read OAuth2 client " + id, e);
        }
    }

    List<OAuth2Client> list() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM oauth2_clients ORDER BY created_at, id");
                ResultSet r = s.executeQuery()) {
            List<OAuth2Client> clients = new ArrayList<>();
            while (r.next()) {
                clients.add(read(r).client());
            }
            return clients;
        } catch (SQLException e) {
            throw lifecycle.failure("list OAuth2 clients", e);
        }
    }

    private static StoredClient read(ResultSet r) throws SQLException {
        String jwks = r.getString("jwks");
        JWKSet keys;
        try {
            keys = jwks == null ? null : JWKSet.parse(jwks);
        } catch (ParseException e) {
            throw new SQLException("the stored JWK set of OAuth2 client " + r.getString("id") + " is unreadable", e);
        }
        Instant created = instant(r, "created_at");
        OAuth2Client client = new OAuth2Client(r.getString("id"), r.getString("name"),
                ClientAuthMethod.parse(r.getString("auth_method")), keys, split(r.getString("scopes")),
                split(r.getString("roles")), created, r.getBoolean("enabled"),
                instant(r, "previous_secret_valid_until"), instant(r, "revoked_at"), r.getString("plan"));
        return new StoredClient(client, r.getBytes("secret_hash"), r.getBytes("previous_secret_hash"));
    }
}

package dev.rampart.auth.oauth2;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.rampart.auth.credential.Base62;
import dev.rampart.store.Store;
import dev.rampart.store.StoreException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The ES256 keys that sign Rampart's access tokens, kept in the store (table
 * {@code oauth2_signing_keys}, migration V5) so that every gateway of a cluster signs with, and
 * publishes, the same keys.
 *
 * <p>Rotation without a failed verification anywhere: a new key is generated one
 * <em>pre-publication</em> period (a tenth of the rotation period, at most a day) before it is due,
 * and published in the JWKS at once, but signs only once that period has passed — so resource
 * servers that cache the JWKS already know it. A replaced key stays published until every token it
 * signed has expired (token lifetime plus a margin), then it is deleted.
 *
 * <p>{@link #publishedKeys()} answers from memory and never blocks; {@link #refresh()} and
 * {@link #signingKey()} may block on the store (call them from a worker thread). The private keys
 * are stored through a {@link KeyProtection}: sealed under the master key when the gateway has
 * one (rows written in clear before are re-sealed at the next refresh), else as written. Thread-safe.
 */
public final class SigningKeyRing {

    /** Keys reloaded from the store at least this often, so a cluster converges on new keys. */
    static final Duration RELOAD_AFTER = Duration.ofSeconds(60);
    private static final Duration RETIRED_KEY_MARGIN = Duration.ofMinutes(5);

    private record StoredKey(ECKey key, Instant createdAt) {
    }

    private record Snapshot(List<StoredKey> keys, Instant loadedAt, JWKSet published) {
    }

    private final DataSource dataSource;
    private final Duration rotation;
    private final Duration prepublication;
    private final Duration tokenLifetime;
    private final Clock clock;
    private final KeyProtection protection;
    private final SecureRandom random = new SecureRandom();
    private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.MIN, new JWKSet());

    /**
     * @param rotation how long a key signs before the next one takes over (at least one hour)
     * @param tokenLifetime the longest lifetime of the tokens these keys sign
     */
    public SigningKeyRing(Store store, Duration rotation, Duration tokenLifetime, Clock clock) {
        this(store, rotation, tokenLifetime, clock, KeyProtection.NONE);
    }

    /** As {@link #SigningKeyRing(Store, Duration, Duration, Clock)}, keeping private keys through {@code protection}. */
    public SigningKeyRing(Store store, Duration rotation, Duration tokenLifetime, Clock clock, KeyProtection protection) {
        this.protection = Objects.requireNonNull(protection, "protection");
        this.dataSource = Objects.requireNonNull(store, "store").dataSource();
        if (rotation.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("the signing-key rotation period must be at least 1h, got " + rotation);
        }
        this.rotation = rotation;
        Duration tenth = rotation.dividedBy(10);
        this.prepublication = tenth.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : tenth;
        this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The public keys to publish as {@code /.well-known/jwks.json}: from memory, never blocks. */
    public JWKSet publishedKeys() {
        return snapshot.published();
    }

    /**
     * Reloads the keys from the store, generates the next key when one is due and deletes keys
     * whose tokens have all expired. Blocks on the store.
     */
    public synchronized void refresh() {
        Instant now = clock.instant();
        List<StoredKey> keys = load();
        if (keys.isEmpty() || !keys.get(keys.size() - 1).createdAt().plus(rotation).minus(prepublication).isAfter(now)) {
            insert(generate(), now);
            keys = load();
        }
        List<StoredKey> kept = new ArrayList<>();
        List<JWK> published = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Instant retired = i + 1 < keys.size() ? activeFrom(keys, i + 1) : null;
            boolean retiredForGood = retired != null && !retired.isAfter(now)
                    && !retired.plus(tokenLifetime).plus(RETIRED_KEY_MARGIN).isAfter(now);
            if (retiredForGood) {
                delete(keys.get(i).key().getKeyID());
            } else {
                kept.add(keys.get(i));
                published.add(keys.get(i).key().toPublicJWK());
            }
        }
        snapshot = new Snapshot(List.copyOf(kept), now, new JWKSet(published));
    }

    /** The key that signs now, reloading from the store first when the last load is stale. */
    ECKey signingKey() {
        Instant now = clock.instant();
        Snapshot current = snapshot;
        if (current.keys().isEmpty() || !current.loadedAt().plus(RELOAD_AFTER).isAfter(now)) {
            refresh();
            current = snapshot;
        }
        List<StoredKey> keys = current.keys();
        for (int i = keys.size() - 1; i > 0; i--) {
            if (!activeFrom(keys, i).isAfter(now)) {
                return keys.get(i).key();
            }
        }
        return keys.get(0).key();
    }

    /** The oldest key signs from its creation; each later one from its pre-publication's end. */
    private Instant activeFrom(List<StoredKey> keys, int index) {
        StoredKey key = keys.get(index);
        return index == 0 ? key.createdAt() : key.createdAt().plus(prepublication);
    }

    private ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(Base62.random(random, 16)).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).secureRandom(random).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key: " + e.getMessage(), e);
        }
    }

    private List<StoredKey> load() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT kid, private_jwk, created_at FROM oauth2_signing_keys ORDER BY created_at, kid");
                ResultSet r = s.executeQuery()) {
            List<StoredKey> keys = new ArrayList<>();
            List<String[]> toSeal = new ArrayList<>();
            while (r.next()) {
                String kid = r.getString("kid");
                String stored = r.getString("private_jwk");
                String json = protection.open(stored, kid);
                if (protection.seals() && !protection.isSealed(stored)) {
                    toSeal.add(new String[] {kid, stored, json});
                }
                keys.add(new StoredKey(parse(kid, json), Instant.ofEpochMilli(r.getLong("created_at"))));
            }
            toSeal.forEach(row -> seal(row[0], row[1], row[2]));
            return keys;
        } catch (SQLException e) {
            throw failure("load the token signing keys", e);
        }
    }

    private void insert(ECKey key, Instant createdAt) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO oauth2_signing_keys (kid, algorithm, private_jwk, created_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, key.getKeyID());
            s.setString(2, JWSAlgorithm.ES256.getName());
            s.setString(3, protection.seal(key.toJSONString(), key.getKeyID()));
            s.setLong(4, createdAt.toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("store a new token signing key", e);
        }
    }

    private static ECKey parse(String kid, String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new StoreException("token signing key " + kid + " cannot be read: it is sealed under a master key "
                    + "this gateway was not given, or damaged; start the gateway with its master key "
                    + "(RAMPART_MASTER_KEY, RAMPART_MASTER_KEY_FILE or crypto.master-key-file)", e);
        }
    }

    /** Re-writes a row stored in clear (before a master key was configured) in sealed form. */
    private void seal(String kid, String clear, String json) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE oauth2_signing_keys SET private_jwk = ? WHERE kid = ? AND private_jwk = ?")) {
            s.setString(1, protection.seal(json, kid));
            s.setString(2, kid);
            s.setString(3, clear);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("seal token signing key " + kid, e);
        }
    }

    private void delete(String kid) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM oauth2_signing_keys WHERE kid = ?")) {
            s.setString(1, kid);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete retired token signing key " + kid, e);
        }
    }

    private static StoreException failure(String what, Exception e) {
        return new StoreException("cannot " + what + ": " + e.getMessage()
                + " — check that the store is reachable and migrated (oauth2_signing_keys table, migration V5)", e);
    }
}

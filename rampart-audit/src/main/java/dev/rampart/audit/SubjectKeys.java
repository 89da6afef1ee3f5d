package dev.rampart.audit;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.store.Store;
import dev.rampart.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * The per-subject keys of the log (table {@code audit_subject_keys}, migration V10): one random
 * AES-SIV key per subject id, found by the subject's lookup hash, so that a subject field is stored
 * as {@code subj:<key-id>:<base64url ciphertext>}. AES-SIV is deterministic (RFC 5297): equal
 * subjects give equal stored values, so a query by principal encrypts the value and matches.
 * Destroying a key makes every value under it unreadable while the stored bytes, and so the Merkle
 * leaves, stay as they were.
 *
 * <p>Appends keep a bounded cache of stored forms (subject id → the subject encrypted under its
 * key, {@value #CACHE_MAX} entries, the key re-read after {@link #CACHE_TTL} so an erasure made by
 * another process is seen). An erasure
 * deletes the key in the store first, then evicts it and bumps an epoch; a key read from the store
 * before an erasure is cached only when no erasure happened meanwhile, so the cache never brings an
 * erased key back. Readers do not use the cache: they read the keys of the entries they show.
 */
final class SubjectKeys {

    /** Prefix of a stored subject value. */
    static final String PREFIX = "subj:";
    /** What readers show for a value whose key was destroyed. */
    static final String ERASED = "[erased subject]";
    /** What readers show for a value that does not decrypt under its key (altered in the store). */
    static final String UNREADABLE = "[unreadable subject]";

    static final int CACHE_MAX = 10_000;
    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private static final byte[] LOOKUP_DOMAIN = "subject:".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    static {
        try {
            DeterministicAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A live key of one subject. */
    record Key(String id, DeterministicAead daead) {

        String encrypt(String value) {
            try {
                byte[] ct = daead.encryptDeterministically(value.getBytes(StandardCharsets.UTF_8), associatedData(id));
                return PREFIX + id + ":" + B64.encodeToString(ct);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-SIV encryption failed", e);
            }
        }

        String decrypt(String stored) {
            String plain = decryptOrNull(stored);
            return plain == null ? UNREADABLE : plain;
        }

        /** The plaintext, or null when {@code stored} does not decrypt under this key. */
        String decryptOrNull(String stored) {
            try {
                byte[] ct = B64D.decode(stored.substring(stored.indexOf(':', PREFIX.length()) + 1));
                return new String(daead.decryptDeterministically(ct, associatedData(id)), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** What an erasure did: the subject's lookup hash (hex), whether a live key was destroyed, and when. */
    record Erasure(String lookupHash, boolean keyDestroyed, Instant erasedAt) {}

    /** A subject's stored form under its live key, and when the key was read from the store. */
    private record Cached(String stored, long loadedNanos) {}

    private final DataSource dataSource;
    private final StoreConfig.Kind kind;
    private final byte[] salt;
    private final Aead wrap;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_MAX;
        }
    };
    /** Erasures so far, guarded by {@link #cache}: a key read before one is not cached. */
    private long epoch;
    /** Runs between reading a key from the store and caching it; tests put an erasure there. */
    Runnable betweenLoadAndCache = () -> { };

    /**
     * @param wrap seals the keysets at rest (the gateway's wrapping key, under the master key), or
     *     null to keep them in clear, as the store keeps everything when no master key is configured
     */
    SubjectKeys(Store store, byte[] salt, Aead wrap, Clock clock) {
        this.dataSource = store.dataSource();
        this.kind = store.kind();
        this.salt = salt;
        this.wrap = wrap;
        this.clock = clock;
    }

    /** Whether {@code value} is in stored subject form. */
    static boolean isProtected(String value) {
        return value != null && value.startsWith(PREFIX) && value.indexOf(':', PREFIX.length()) > PREFIX.length();
    }

    /** The key id of a stored subject value. */
    static String keyIdOf(String stored) {
        return stored.substring(PREFIX.length(), stored.indexOf(':', PREFIX.length()));
    }

    /**
     * {@code entry} with every subject field encrypted under its subject's key, whatever the value
     * looks like: a principal or detail that arrives shaped like a stored value ({@code subj:…}, set
     * by whoever chose a username or key owner) is encrypted like any other, so it can neither pass
     * for another subject's value nor escape erasure. Blocks on the store at a cache miss.
     */
    AuditEntry protect(AuditEntry entry, AuditPrivacy privacy) {
        return protect(entry, privacy, false);
    }

    /**
     * A spooled entry from a spool line written before lines said whether they were protected: its
     * subject values already in stored form are kept (what replay did then), the others encrypted.
     */
    AuditEntry protectLegacySpooled(AuditEntry entry, AuditPrivacy privacy) {
        return protect(entry, privacy, true);
    }

    private AuditEntry protect(AuditEntry entry, AuditPrivacy privacy, boolean keepStoredForm) {
        String principal = entry.principal() != null && privacy.isSubjectField("principal")
                ? protect(entry.principal(), keepStoredForm) : entry.principal();
        TreeMap<String, String> details = null;
        for (Map.Entry<String, String> d : entry.details().entrySet()) {
            if (d.getValue() != null && privacy.isSubjectField(d.getKey())) {
                if (details == null) {
                    details = new TreeMap<>(entry.details());
                }
                details.put(d.getKey(), protect(d.getValue(), keepStoredForm));
            }
        }
        if (details == null && Objects.equals(principal, entry.principal())) {
            return entry;
        }
        return new AuditEntry(entry.time(), entry.eventType(), principal, entry.clientIp(), entry.route(), entry.action(),
                entry.result(), entry.requestId(), details == null ? entry.details() : details);
    }

    private String protect(String subject, boolean keepStoredForm) {
        return keepStoredForm && isProtected(subject) ? subject : protect(subject);
    }

    /**
     * The entries as a reader shows them: every {@code subj:} value of a subject field (principal or
     * detail, under {@code privacy}) decrypted when its key is live, {@value #ERASED} when it was
     * destroyed, {@value #UNREADABLE} when it does not decrypt. In any other field a {@code subj:}
     * value is shown decrypted only when it decrypts under a live key (written while the field was a
     * subject field), else as it is: a value that only looks stored, set by a caller in a field that
     * is never encrypted (a path, say), cannot make readers show a marker. One read of the keys for all.
     */
    List<StoredEntry> reveal(List<StoredEntry> entries, AuditPrivacy privacy) {
        Set<String> ids = new HashSet<>();
        for (StoredEntry s : entries) {
            if (isProtected(s.entry().principal())) {
                ids.add(keyIdOf(s.entry().principal()));
            }
            s.entry().details().values().forEach(v -> {
                if (isProtected(v)) {
                    ids.add(keyIdOf(v));
                }
            });
        }
        if (ids.isEmpty()) {
            return entries;
        }
        Map<String, Key> keys = byIds(ids);
        List<StoredEntry> shown = new ArrayList<>(entries.size());
        for (StoredEntry s : entries) {
            AuditEntry e = s.entry();
            TreeMap<String, String> details = new TreeMap<>();
            e.details().forEach((k, v) -> details.put(k, reveal(v, keys, privacy.isSubjectField(k))));
            shown.add(new StoredEntry(s.seq(), new AuditEntry(e.time(), e.eventType(),
                    reveal(e.principal(), keys, privacy.isSubjectField("principal")), e.clientIp(), e.route(), e.action(),
                    e.result(), e.requestId(), details)));
        }
        return shown;
    }

    private static String reveal(String value, Map<String, Key> keys, boolean subjectField) {
        if (!isProtected(value)) {
            return value;
        }
        Key key = keys.get(keyIdOf(value));
        if (subjectField) {
            return key == null ? ERASED : key.decrypt(value);
        }
        String plain = key == null ? null : key.decryptOrNull(value);
        return plain == null ? value : plain;
    }

    /**
     * The stored form of {@code subject} for an append: under its key, created at first use. Blocks on
     * the store at a cache miss. AES-SIV is deterministic, so the stored form is cached with the key
     * and a cached subject costs no encryption on the writer thread.
     */
    String protect(String subject) {
        long seen;
        synchronized (cache) {
            Cached c = cache.get(subject);
            if (c != null && System.nanoTime() - c.loadedNanos() < CACHE_TTL.toNanos()) {
                return c.stored();
            }
            seen = epoch;
        }
        byte[] lookup = lookupHash(subject);
        Key key = load(lookup).orElseGet(() -> create(lookup));
        String stored = key.encrypt(subject);
        betweenLoadAndCache.run();
        synchronized (cache) {
            if (epoch == seen) {
                cache.put(subject, new Cached(stored, System.nanoTime()));
            }
        }
        return stored;
    }

    /** The live key of {@code subject}, read from the store (never created); empty when none or erased. */
    Optional<Key> existing(String subject) {
        return load(lookupHash(subject));
    }

    /** The live keys among {@code keyIds}, by id; an id absent from the answer was erased (or never existed). */
    Map<String, Key> byIds(Collection<String> keyIds) {
        Map<String, Key> found = new HashMap<>();
        if (keyIds.isEmpty()) {
            return found;
        }
        List<String> ids = List.copyOf(keyIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String sql = "SELECT lookup_hash, key_id, keyset, sealed FROM audit_subject_keys WHERE key_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Key key = open(r.getBytes(1), r.getString(2), r.getBytes(3), r.getInt(4) != 0);
                        found.put(key.id(), key);
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read the audit subject keys: " + e.getMessage() + " — check the store", e);
            }
        }
        return found;
    }

    /**
     * Destroys the key of {@code subject}: the row keeps only the lookup hash and the erasure time
     * (nothing links the subject to its old key id any more). Idempotent. On SQLite the freed bytes
     * are overwritten ({@code secure_delete}) and the write-ahead log is checkpointed.
     */
    Erasure erase(String subject) {
        byte[] lookup = lookupHash(subject);
        Instant now = clock.instant();
        boolean destroyed;
        try (Connection c = dataSource.getConnection()) {
            boolean sqlite = kind == StoreConfig.Kind.sqlite;
            if (sqlite) {
                pragma(c, "PRAGMA secure_delete = ON");
            }
            try {
                try (PreparedStatement s = c.prepareStatement("UPDATE audit_subject_keys SET key_id = NULL, keyset = NULL, "
                        + "sealed = 0, created_at = NULL, erased_at = ? WHERE lookup_hash = ? AND key_id IS NOT NULL")) {
                    s.setLong(1, now.toEpochMilli());
                    s.setBytes(2, lookup);
                    destroyed = s.executeUpdate() > 0;
                }
                if (!destroyed) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_subject_keys (lookup_hash, sealed, erased_at) "
                            + "VALUES (?, 0, ?) ON CONFLICT (lookup_hash) DO UPDATE SET erased_at = excluded.erased_at")) {
                        s.setBytes(1, lookup);
                        s.setLong(2, now.toEpochMilli());
                        s.executeUpdate();
                    }
                }
            } finally {
                if (sqlite) {
                    pragma(c, "PRAGMA secure_delete = OFF");
                    pragma(c, "PRAGMA wal_checkpoint(TRUNCATE)");
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot destroy an audit subject key: " + e.getMessage() + " — check the store", e);
        }
        // only after the store no longer has the key: a load racing this one is then not cached (epoch)
        synchronized (cache) {
            cache.remove(subject);
            epoch++;
        }
        return new Erasure(HexFormat.of().formatHex(lookup), destroyed, now);
    }

    /** When {@code subject}'s key was last erased, if ever. */
    Optional<Instant> erasedAt(String subject) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT erased_at FROM audit_subject_keys WHERE lookup_hash = ?")) {
            s.setBytes(1, lookupHash(subject));
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    long at = r.getLong(1);
                    return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit subject keys: " + e.getMessage() + " — check the store", e);
        }
    }

    /** HMAC-SHA256 under the log's salt of {@code "subject:" + subject}: finds a key without storing the id. */
    byte[] lookupHash(String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            mac.update(LOOKUP_DOMAIN);
            return mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private Optional<Key> load(byte[] lookup) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT lookup_hash, key_id, keyset, sealed FROM audit_subject_keys "
                        + "WHERE lookup_hash = ? AND key_id IS NOT NULL")) {
            s.setBytes(1, lookup);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(open(r.getBytes(1), r.getString(2), r.getBytes(3), r.getInt(4) != 0)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read an audit subject key: " + e.getMessage() + " — check the store", e);
        }
    }

    private Key create(byte[] lookup) {
        byte[] idBytes = new byte[9];
        random.nextBytes(idBytes);
        String keyId = B64.encodeToString(idBytes);
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedDeterministicAeadParameters.AES256_SIV);
            byte[] stored = wrap == null ? TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get())
                    : TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, wrap, associatedData(keyId));
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("INSERT INTO audit_subject_keys (lookup_hash, key_id, keyset, sealed, "
                            + "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (lookup_hash) DO UPDATE SET key_id = excluded.key_id, "
                            + "keyset = excluded.keyset, sealed = excluded.sealed, created_at = excluded.created_at "
                            + "WHERE audit_subject_keys.key_id IS NULL")) {
                s.setBytes(1, lookup);
                s.setString(2, keyId);
                s.setBytes(3, stored);
                s.setInt(4, wrap == null ? 0 : 1);
                s.setLong(5, clock.millis());
                s.executeUpdate();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create an audit subject key: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new StoreException("cannot store an audit subject key: " + e.getMessage() + " — check the store", e);
        }
        // another writer may have won the insert: use whichever key the store holds
        return load(lookup).orElseThrow(() -> new StoreException("an audit subject key vanished right after it was stored"));
    }

    private Key open(byte[] lookup, String keyId, byte[] stored, boolean sealed) {
        try {
            KeysetHandle keyset;
            if (sealed) {
                if (wrap == null) {
                    throw new IllegalStateException("the audit subject keys are sealed under the master key and none was given: "
                            + "set RAMPART_MASTER_KEY, RAMPART_MASTER_KEY_FILE or RAMPART_MASTER_PASSPHRASE (or crypto.master-key-file)");
                }
                keyset = TinkProtoKeysetFormat.parseEncryptedKeyset(stored, wrap, associatedData(keyId));
            } else {
                keyset = TinkProtoKeysetFormat.parseKeyset(stored, InsecureSecretKeyAccess.get());
                if (wrap != null) {
                    seal(lookup, keyId, keyset); // written before a master key was configured
                }
            }
            return new Key(keyId, keyset.getPrimitive(RegistryConfiguration.get(), DeterministicAead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit subject key " + keyId + " cannot be opened (" + e.getMessage()
                    + "): was the master key changed outside 'rampart crypto rekey-master'?", e);
        }
    }

    private void seal(byte[] lookup, String keyId, KeysetHandle keyset) throws GeneralSecurityException {
        byte[] sealed = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, wrap, associatedData(keyId));
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE audit_subject_keys SET keyset = ?, sealed = 1 "
                        + "WHERE lookup_hash = ? AND key_id = ? AND sealed = 0")) {
            s.setBytes(1, sealed);
            s.setBytes(2, lookup);
            s.setString(3, keyId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot seal an audit subject key: " + e.getMessage() + " — check the store", e);
        }
    }

    private static void pragma(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static byte[] associatedData(String keyId) {
        return ("rampart-audit subject key " + keyId).getBytes(StandardCharsets.UTF_8);
    }
}

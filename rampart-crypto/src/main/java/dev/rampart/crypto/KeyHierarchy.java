package dev.rampart.crypto;

import com.google.crypto.tink.KeysetHandle;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.crypto.CryptoException.Reason;
import dev.rampart.store.Store;
import dev.rampart.store.StoreException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * The master key in use and the one place that encrypts and decrypts rows under it.
 *
 * <p>Writes of encrypted rows run in {@link #write} transactions that first lock the master-key
 * row and check that the key-check value still matches: a re-key by another process cannot then
 * interleave with a write under the old key, and a process still holding the old key gets a clear
 * error instead of writing rows nobody can read. Readers keep every key this process has used
 * (newest first), so a read racing a {@link #rekey} succeeds whichever side of the commit it sees.
 */
final class KeyHierarchy {

    private static final String TRANSIT_CONTEXT = "rampart-crypto/transit/";
    private static final String SECRET_CONTEXT = "rampart-crypto/secret/";

    private final DataSource dataSource;
    private final Kind kind;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Newest first; empty when no master key was given and the store holds no encrypted data. */
    private volatile List<KeyEncryptionKey> keys;
    /** Set for the duration of a {@link #write} transaction on its thread. */
    private final ThreadLocal<KeyEncryptionKey> transactionKey = new ThreadLocal<>();

    private KeyHierarchy(DataSource dataSource, Kind kind, Clock clock, List<KeyEncryptionKey> keys) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.clock = clock;
        this.keys = keys;
    }

    /**
     * Opens the hierarchy: checks the given master key against the stored key-check value, or
     * records it on first use.
     *
     * @param source null when the operator gave no master key; allowed only while nothing is encrypted
     */
    static KeyHierarchy open(Store store, MasterKeySource source, Clock clock) {
        KeyHierarchy hierarchy = new KeyHierarchy(store.dataSource(), store.kind(), clock, List.of());
        MasterRecord stored = hierarchy.readRecord();
        if (source == null) {
            if (stored != null) {
                throw new CryptoException(Reason.MASTER_KEY_MISSING, "the store at " + store
                        + " holds keys and secrets encrypted under a master key, but no master key was given — "
                        + MasterKeySource.HOW_TO_PROVIDE);
            }
            return hierarchy;
        }
        if (stored == null) {
            hierarchy.initialise(source);
            stored = hierarchy.readRecord();
        }
        hierarchy.keys = List.of(hierarchy.unlock(stored, source));
        return hierarchy;
    }

    private void initialise(MasterKeySource source) {
        PassphraseKdf kdf = source instanceof MasterKeySource.Passphrase ? PassphraseKdf.fresh(random) : null;
        KeyEncryptionKey key = derive(source, kdf);
        String sql = "INSERT INTO crypto_master (id, kdf, salt, argon2_memory_kib, argon2_iterations, argon2_parallelism,"
                + " key_check, created_at, rekeyed_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (id) DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bindRecord(s, kdf, key);
            s.setLong(7, clock.millis());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the master key check value in crypto_master: " + e.getMessage(), e);
        }
    }

    private KeyEncryptionKey unlock(MasterRecord stored, MasterKeySource source) {
        boolean storedFromPassphrase = stored.kdf() != null;
        boolean givenPassphrase = source instanceof MasterKeySource.Passphrase;
        if (storedFromPassphrase != givenPassphrase) {
            throw new CryptoException(Reason.MASTER_KEY_WRONG, "the store's master key was set from "
                    + (storedFromPassphrase ? "a passphrase (" + MasterKeySource.PASSPHRASE_VARIABLE + ")"
                            : "key bytes (" + MasterKeySource.KEY_VARIABLE + " or " + MasterKeySource.KEY_FILE_VARIABLE + ")")
                    + ", but " + (givenPassphrase ? "a passphrase" : "key bytes") + " were given");
        }
        KeyEncryptionKey key = derive(source, stored.kdf());
        if (!key.matches(stored.keyCheck())) {
            throw new CryptoException(Reason.MASTER_KEY_WRONG, "the master key given does not match the one the store's keys"
                    + " and secrets are encrypted under (key-check value differs) — give the master key in use, or"
                    + " the new one if it was changed with `rampart crypto rekey-master`");
        }
        return key;
    }

    private static KeyEncryptionKey derive(MasterKeySource source, PassphraseKdf kdf) {
        if (source instanceof MasterKeySource.KeyBytes bytes) {
            return KeyEncryptionKey.derive(bytes.key());
        }
        char[] passphrase = ((MasterKeySource.Passphrase) source).passphrase();
        try {
            return KeyEncryptionKey.derive(kdf.derive(passphrase));
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** True when a master key is loaded (false: none given and nothing encrypted yet). */
    boolean unlocked() {
        return !keys.isEmpty();
    }

    private KeyEncryptionKey current() {
        List<KeyEncryptionKey> loaded = keys;
        if (loaded.isEmpty()) {
            throw new CryptoException(Reason.MASTER_KEY_MISSING,
                    "keys and secrets are encrypted under a master key, but none was given — " + MasterKeySource.HOW_TO_PROVIDE);
        }
        return loaded.get(0);
    }

    static String transitContext(String keyName, int version) {
        return TRANSIT_CONTEXT + keyName + "/v" + version;
    }

    static String secretContext(String path, int version) {
        return SECRET_CONTEXT + path + "/v" + version;
    }

    byte[] encryptKeyset(KeysetHandle keyset, String context) {
        try {
            return encryptionKey().encryptKeyset(keyset, context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the keyset " + context + " under the master key", e);
        }
    }

    KeysetHandle decryptKeyset(byte[] encrypted, String context) {
        current();
        for (KeyEncryptionKey key : keys) {
            try {
                return key.decryptKeyset(encrypted, context);
            } catch (GeneralSecurityException e) {
                // try the next (older) master key: a re-key may have committed after this row was read
            }
        }
        throw unreadable(context);
    }

    byte[] encrypt(byte[] plaintext, String context) {
        try {
            return encryptionKey().encrypt(plaintext, context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt " + context + " under the master key", e);
        }
    }

    byte[] decrypt(byte[] ciphertext, String context) {
        current();
        for (KeyEncryptionKey key : keys) {
            try {
                return key.decrypt(ciphertext, context);
            } catch (GeneralSecurityException e) {
                // as in decryptKeyset
            }
        }
        throw unreadable(context);
    }

    private static CryptoException unreadable(String context) {
        return new CryptoException(Reason.DECRYPTION_FAILED, "the stored " + context
                + " does not decrypt under the master key: the row was altered or copied from another row or store");
    }

    /** Work inside a write transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction holding the master-key row, after checking that the
     * stored key-check value is still this process's current master key.
     *
     * @param what what the work does, for the error message
     */
    <T> T write(String what, SqlWork<T> work) {
        current();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                transactionKey.set(lockAndFindKey(c));
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                transactionKey.remove();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** Runs read-only {@code work} on a pooled connection. */
    <T> T read(String what, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Locks the master-key row and returns the key whose check value it holds: the current one, or
     * the new one when a re-key in this process committed while this transaction waited for the lock.
     */
    private KeyEncryptionKey lockAndFindKey(Connection c) throws SQLException {
        // SQLite: BEGIN IMMEDIATE already holds the database's write lock; PostgreSQL: lock the row.
        String sql = "SELECT key_check FROM crypto_master WHERE id = 1" + (kind == Kind.postgresql ? " FOR UPDATE" : "");
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            if (r.next()) {
                byte[] stored = r.getBytes(1);
                for (KeyEncryptionKey key : keys) {
                    if (key.matches(stored)) {
                        return key;
                    }
                }
            }
            throw new CryptoException(Reason.MASTER_KEY_WRONG, "the store's master key was changed by another process"
                    + " (`rampart crypto rekey-master`) since this one started; restart it with the new master key");
        }
    }

    /** The key to encrypt with: inside a write transaction, the one the locked row names. */
    private KeyEncryptionKey encryptionKey() {
        KeyEncryptionKey key = transactionKey.get();
        return key != null ? key : current();
    }

    /**
     * Re-encrypts every keyset and secret value under {@code newSource} in one transaction. Other
     * readers in this process keep working throughout; other processes must be restarted with the
     * new key before they next write (they are refused, not silently diverging).
     *
     * @return how many blobs were re-encrypted
     */
    int rekey(MasterKeySource newSource) {
        PassphraseKdf kdf = newSource instanceof MasterKeySource.Passphrase ? PassphraseKdf.fresh(random) : null;
        KeyEncryptionKey next = derive(newSource, kdf);
        int count = write("re-encrypt keys and secrets under the new master key", c -> {
            int done = rewrapAll(c, "SELECT key_name, version, keyset FROM transit_key_versions",
                    "UPDATE transit_key_versions SET keyset = ? WHERE key_name = ? AND version = ?",
                    (name, version, blob) -> {
                        String context = transitContext(name, version);
                        try {
                            return next.encryptKeyset(decryptKeyset(blob, context), context);
                        } catch (GeneralSecurityException e) {
                            throw new IllegalStateException("cannot encrypt the keyset " + context, e);
                        }
                    });
            done += rewrapAll(c, "SELECT path, version, value FROM secret_versions WHERE value IS NOT NULL",
                    "UPDATE secret_versions SET value = ? WHERE path = ? AND version = ?",
                    (path, version, blob) -> {
                        String context = secretContext(path, version);
                        try {
                            return next.encrypt(decrypt(blob, context), context);
                        } catch (GeneralSecurityException e) {
                            throw new IllegalStateException("cannot encrypt " + context, e);
                        }
                    });
            try (PreparedStatement s = c.prepareStatement("UPDATE crypto_master SET kdf = ?, salt = ?, argon2_memory_kib = ?,"
                    + " argon2_iterations = ?, argon2_parallelism = ?, key_check = ?, rekeyed_at = ? WHERE id = 1")) {
                bindRecord(s, kdf, next);
                s.setLong(7, clock.millis());
                s.executeUpdate();
            }
            // readers that see the committed rows before the swap below find the new key here
            List<KeyEncryptionKey> withNext = new ArrayList<>(keys);
            withNext.add(next);
            keys = List.copyOf(withNext);
            return done;
        });
        List<KeyEncryptionKey> reordered = new ArrayList<>();
        reordered.add(next);
        for (KeyEncryptionKey key : keys) {
            if (key != next) {
                reordered.add(key);
            }
        }
        keys = List.copyOf(reordered);
        return count;
    }

    @FunctionalInterface
    private interface Rewrap {
        byte[] apply(String name, int version, byte[] blob);
    }

    private static int rewrapAll(Connection c, String select, String update, Rewrap rewrap) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(select); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new Object[] {r.getString(1), r.getInt(2), r.getBytes(3)});
            }
        }
        try (PreparedStatement s = c.prepareStatement(update)) {
            for (Object[] row : rows) {
                s.setBytes(1, rewrap.apply((String) row[0], (Integer) row[1], (byte[]) row[2]));
                s.setString(2, (String) row[0]);
                s.setInt(3, (Integer) row[1]);
                s.addBatch();
            }
            s.executeBatch();
        }
        return rows.size();
    }

    private static void bindRecord(PreparedStatement s, PassphraseKdf kdf, KeyEncryptionKey key) throws SQLException {
        s.setString(1, kdf == null ? "raw" : "argon2id");
        if (kdf == null) {
            s.setNull(2, Types.BINARY);
            s.setNull(3, Types.INTEGER);
            s.setNull(4, Types.INTEGER);
            s.setNull(5, Types.INTEGER);
        } else {
            s.setBytes(2, kdf.salt());
            s.setInt(3, kdf.memoryKib());
            s.setInt(4, kdf.iterations());
            s.setInt(5, kdf.parallelism());
        }
        s.setBytes(6, key.keyCheck());
    }

    /** The crypto_master row; kdf null for a key given as bytes. */
    private record MasterRecord(PassphraseKdf kdf, byte[] keyCheck) {}

    private MasterRecord readRecord() {
        return read("read the master-key record (crypto_master)", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT kdf, salt, argon2_memory_kib, argon2_iterations,"
                    + " argon2_parallelism, key_check FROM crypto_master WHERE id = 1"); ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                PassphraseKdf kdf = "argon2id".equals(r.getString(1))
                        ? new PassphraseKdf(r.getBytes(2), r.getInt(3), r.getInt(4), r.getInt(5)) : null;
                return new MasterRecord(kdf, r.getBytes(6));
            }
        });
    }
}

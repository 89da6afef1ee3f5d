package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.CryptoException.Reason;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The key hierarchy: master key check, refusal without a key, re-keying; on both engines. */
abstract class MasterKeyBehaviourTest extends CryptoTestBase {

    static final byte[] PLAINTEXT = "salary: 100k".getBytes(StandardCharsets.UTF_8);

    @Test
    void aWrongMasterKeyIsRecognisedBeforeAnythingIsDecrypted() {
        crypto.transit().create(ADMIN, "k", KeyType.AES256_GCM, KeyOptions.none());

        assertThatThrownBy(() -> reopen(randomMasterKey()))
                .isInstanceOf(CryptoException.class).hasMessageContaining("does not match")
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.MASTER_KEY_WRONG);
        assertThat(reopen(masterKey).transit().read(ADMIN, "k").latestVersion()).isEqualTo(1);
    }

    @Test
    void refusesToOpenWithoutAMasterKeyOnceDataIsEncryptedAndSaysHowToGiveOne() {
        crypto.secrets().put("db/main", Map.of("password", "hunter2"));

        assertThatThrownBy(() -> reopen(null))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("no master key was given")
                .hasMessageContaining("RAMPART_MASTER_KEY").hasMessageContaining("RAMPART_MASTER_PASSPHRASE")
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.MASTER_KEY_MISSING);
    }

    @Test
    void opensWithoutAMasterKeyWhileNothingIsEncryptedButRefusesToEncrypt() throws Exception {
        forgetMasterKeyRecord();
        Crypto locked = reopen(null);

        assertThat(locked.unlocked()).isFalse();
        assertThatThrownBy(() -> locked.transit().create(ADMIN, "k", KeyType.AES256_GCM, KeyOptions.none()))
                .hasMessageContaining("RAMPART_MASTER_KEY")
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.MASTER_KEY_MISSING);
    }

    @Test
    void keysetsAndSecretsAreStoredEncryptedAndBoundToTheirRow() throws Exception {
        crypto.transit().create(ADMIN, "a", KeyType.AES256_GCM, KeyOptions.none());
        crypto.transit().create(ADMIN, "b", KeyType.AES256_GCM, KeyOptions.none());
        String ciphertext = crypto.transit().encrypt(ADMIN, "b", PLAINTEXT, null);
        crypto.secrets().put("db/main", Map.of("password", "hunter2-very-secret"));

        try (Connection c = store.dataSource().getConnection()) {
            byte[] secretBlob = single(c, "SELECT value FROM secret_versions WHERE path = 'db/main'");
            assertThat(new String(secretBlob, StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
            // copy key a's keyset into key b's row: the associated data (key name) no longer matches
            byte[] keysetOfA = single(c, "SELECT keyset FROM transit_key_versions WHERE key_name = 'a'");
            try (PreparedStatement s = c.prepareStatement("UPDATE transit_key_versions SET keyset = ? WHERE key_name = 'b'")) {
                s.setBytes(1, keysetOfA);
                s.executeUpdate();
            }
        }
        Crypto reopened = reopen(masterKey);
        assertThatThrownBy(() -> reopened.transit().decrypt(ADMIN, "b", ciphertext, null))
                .hasMessageContaining("rampart-crypto/transit/b/v1").hasMessageContaining("copied")
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.DECRYPTION_FAILED);
    }

    @Test
    void rekeyMasterReencryptsEverythingAndOnlyTheNewKeyOpensTheStore() {
        crypto.transit().create(ADMIN, "k", KeyType.AES256_GCM, KeyOptions.none());
        crypto.transit().rotate(ADMIN, "k");
        String ciphertext = crypto.transit().encrypt(ADMIN, "k", PLAINTEXT, null);
        crypto.secrets().put("db/main", Map.of("password", "hunter2"));
        crypto.secrets().put("db/main", Map.of("password", "hunter3"));
        MasterKeySource next = randomMasterKey();

        assertThat(crypto.rekeyMaster(next)).isEqualTo(4);

        assertThat(crypto.transit().decrypt(ADMIN, "k", ciphertext, null)).isEqualTo(PLAINTEXT);
        assertThat(crypto.secrets().get("db/main", 1).orElseThrow().data()).containsEntry("password", "hunter2");
        crypto.transit().rotate(ADMIN, "k");
        assertThatThrownBy(() -> reopen(masterKey)).extracting(e -> ((CryptoException) e).reason())
                .isEqualTo(Reason.MASTER_KEY_WRONG);
        Crypto withNewKey = reopen(next);
        assertThat(withNewKey.transit().decrypt(ADMIN, "k", ciphertext, null)).isEqualTo(PLAINTEXT);
        assertThat(withNewKey.secrets().get("db/main").orElseThrow().data()).containsEntry("password", "hunter3");
    }

    @Test
    void aProcessStillOnTheOldMasterKeyIsRefusedWritesAfterAnotherRekeyed() {
        Crypto other = crypto;
        Crypto rekeying = reopen(masterKey);
        rekeying.rekeyMaster(randomMasterKey());

        assertThatThrownBy(() -> other.secrets().put("x", Map.of("k", "v")))
                .hasMessageContaining("changed by another process")
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.MASTER_KEY_WRONG);
    }

    @Test
    void readersKeepWorkingWhileTheMasterKeyIsChanged() throws Exception {
        crypto.transit().create(ADMIN, "k", KeyType.AES256_GCM, KeyOptions.none());
        String ciphertext = crypto.transit().encrypt(ADMIN, "k", PLAINTEXT, null);
        crypto.secrets().put("app/token", Map.of("value", "t0k3n"));
        AtomicBoolean rekeying = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    do {
                        assertThat(crypto.transit().decrypt(ADMIN, "k", ciphertext, null)).isEqualTo(PLAINTEXT);
                        assertThat(crypto.secrets().get("app/token").orElseThrow().data()).containsEntry("value", "t0k3n");
                        reads++;
                    } while (rekeying.get() || reads < 20);
                    return reads;
                }));
            }
            for (int i = 0; i < 5; i++) {
                crypto.rekeyMaster(randomMasterKey());
            }
            rekeying.set(false);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(20);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writesWaitingWhileThisProcessRekeysAreEncryptedUnderTheNewKey() throws Exception {
        crypto.secrets().put("counter", Map.of("n", "0"));
        AtomicBoolean rekeying = new AtomicBoolean(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        MasterKeySource last = null;
        try {
            Future<Integer> writer = pool.submit(() -> {
                int writes = 0;
                do {
                    crypto.secrets().put("counter", Map.of("n", Integer.toString(++writes)));
                } while (rekeying.get() || writes < 10);
                return writes;
            });
            for (int i = 0; i < 3; i++) {
                last = randomMasterKey();
                crypto.rekeyMaster(last);
            }
            rekeying.set(false);
            int writes = writer.get(60, TimeUnit.SECONDS);
            Crypto reopened = reopen(last);
            assertThat(reopened.secrets().get("counter").orElseThrow().data()).containsEntry("n", Integer.toString(writes));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPassphraseDerivesTheSameKeyFromTheStoredSaltAndAWrongOneIsRejected() throws Exception {
        forgetMasterKeyRecord();
        Crypto first = reopen(MasterKeySource.passphrase("correct horse battery staple".toCharArray()));
        first.transit().create(ADMIN, "k", KeyType.AES256_GCM, KeyOptions.none());
        String ciphertext = first.transit().encrypt(ADMIN, "k", PLAINTEXT, null);

        assertThat(reopen(MasterKeySource.passphrase("correct horse battery staple".toCharArray()))
                .transit().decrypt(ADMIN, "k", ciphertext, null)).isEqualTo(PLAINTEXT);
        assertThatThrownBy(() -> reopen(MasterKeySource.passphrase("wrong horse battery staple".toCharArray())))
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.MASTER_KEY_WRONG);
        assertThatThrownBy(() -> reopen(randomMasterKey())).hasMessageContaining("set from a passphrase");
    }

    /** As if this store had never been given a master key (nothing is encrypted yet in these tests). */
    private void forgetMasterKeyRecord() throws Exception {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM crypto_master")) {
            s.executeUpdate();
        }
    }

    private static byte[] single(Connection c, String sql) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            assertThat(r.next()).isTrue();
            return r.getBytes(1);
        }
    }
}

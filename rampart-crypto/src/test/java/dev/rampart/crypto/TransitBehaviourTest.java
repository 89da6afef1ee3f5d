package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import dev.rampart.core.Principal;
import dev.rampart.core.SecurityEvent;
import dev.rampart.crypto.CryptoException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Transit keys and operations; run on SQLite and on PostgreSQL by the subclasses. */
abstract class TransitBehaviourTest extends CryptoTestBase {

    static final byte[] CARD = "4111 1111 1111 1111".getBytes(StandardCharsets.UTF_8);
    static final byte[] ORDER = "order-42".getBytes(StandardCharsets.UTF_8);

    Transit transit() {
        return crypto.transit();
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"AES256_GCM", "CHACHA20_POLY1305", "AES256_SIV"})
    void roundTripsAcrossRotationsWithTheVersionInThePrefix(KeyType type) {
        transit().create(ADMIN, "payments", type, KeyOptions.none());
        String v1 = transit().encrypt(ADMIN, "payments", CARD, ORDER);
        transit().rotate(ADMIN, "payments");
        transit().rotate(ADMIN, "payments");
        String v3 = transit().encrypt(ADMIN, "payments", CARD, ORDER);

        assertThat(v1).startsWith("rampart:v1:");
        assertThat(v3).startsWith("rampart:v3:");
        assertThat(transit().decrypt(ADMIN, "payments", v1, ORDER)).isEqualTo(CARD);
        assertThat(transit().decrypt(ADMIN, "payments", v3, ORDER)).isEqualTo(CARD);
        assertThat(transit().read(ADMIN, "payments").versions()).containsOnlyKeys(1, 2, 3);
    }

    @Test
    void onlyTheDeterministicTypeGivesEqualCiphertextsForEqualPlaintexts() {
        transit().create(ADMIN, "lookup", KeyType.AES256_SIV, KeyOptions.none());
        transit().create(ADMIN, "random", KeyType.AES256_GCM, KeyOptions.none());
        assertThat(transit().encrypt(ADMIN, "lookup", CARD, null)).isEqualTo(transit().encrypt(ADMIN, "lookup", CARD, null));
        assertThat(transit().encrypt(ADMIN, "random", CARD, null)).isNotEqualTo(transit().encrypt(ADMIN, "random", CARD, null));
    }

    @Test
    void decryptionWithOtherAssociatedDataFails() {
        transit().create(ADMIN, "payments", KeyType.AES256_GCM, KeyOptions.none());
        String ciphertext = transit().encrypt(ADMIN, "payments", CARD, ORDER);
        assertThatThrownBy(() -> transit().decrypt(ADMIN, "payments", ciphertext, "order-43".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("associated data")
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.DECRYPTION_FAILED);
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"AES256_GCM", "CHACHA20_POLY1305", "AES256_SIV"})
    void everyFlippedBitOfTheCiphertextBytesAndEveryChangedCharacterFails(KeyType type) {
        transit().create(ADMIN, "k", type, KeyOptions.none());
        String ciphertext = transit().encrypt(ADMIN, "k", CARD, ORDER);
        byte[] raw = Base64.getDecoder().decode(ciphertext.substring("rampart:v1:".length()));
        for (int i = 0; i < raw.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] altered = raw.clone();
                altered[i] ^= (byte) (1 << bit);
                String text = "rampart:v1:" + Base64.getEncoder().encodeToString(altered);
                assertThatThrownBy(() -> transit().decrypt(ADMIN, "k", text, ORDER))
                        .as("byte %d bit %d", i, bit).isInstanceOf(CryptoException.class);
            }
        }
        for (int i = 0; i < ciphertext.length(); i++) {
            char[] chars = ciphertext.toCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            String text = new String(chars);
            assertThatThrownBy(() -> transit().decrypt(ADMIN, "k", text, ORDER)).as("character %d", i)
                    .isInstanceOf(CryptoException.class);
        }
        assertThatThrownBy(() -> transit().decrypt(ADMIN, "k", ciphertext.substring(0, ciphertext.length() - 4), ORDER))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void minDecryptionVersionRefusesOlderCiphertextsUntilLowered() {
        transit().create(ADMIN, "payments", KeyType.AES256_GCM, KeyOptions.none());
        String v1 = transit().encrypt(ADMIN, "payments", CARD, null);
        transit().rotate(ADMIN, "payments");
        transit().configure(ADMIN, "payments", KeyOptions.none().withMinDecryptionVersion(2));

        assertThatThrownBy(() -> transit().decrypt(ADMIN, "payments", v1, null))
                .isInstanceOf(CryptoException.class).hasMessageContaining("below its min_decryption_version 2")
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.VERSION_NOT_ALLOWED);
        assertThatThrownBy(() -> transit().rewrap(ADMIN, "payments", v1, null)).isInstanceOf(CryptoException.class);

        transit().configure(ADMIN, "payments", KeyOptions.none().withMinDecryptionVersion(1));
        assertThat(transit().decrypt(ADMIN, "payments", v1, null)).isEqualTo(CARD);
    }

    @Test
    void minEncryptionVersionBoundsTheVersionsACallerMayAskFor() {
        transit().create(ADMIN, "payments", KeyType.AES256_GCM, KeyOptions.none());
        transit().rotate(ADMIN, "payments");
        transit().rotate(ADMIN, "payments");
        transit().configure(ADMIN, "payments", KeyOptions.none().withMinEncryptionVersion(2));

        assertThat(transit().encrypt(ADMIN, "payments", 2, CARD, null)).startsWith("rampart:v2:");
        assertThatThrownBy(() -> transit().encrypt(ADMIN, "payments", 1, CARD, null))
                .hasMessageContaining("encrypts with versions 2 to 3");
        assertThatThrownBy(() -> transit().encrypt(ADMIN, "payments", 4, CARD, null)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> transit().configure(ADMIN, "payments", KeyOptions.none().withMinEncryptionVersion(9)))
                .hasMessageContaining("allowed: 0 (latest only) or 1 to 3");
    }

    @Test
    void rewrapMovesACiphertextToTheLatestVersion() {
        transit().create(ADMIN, "payments", KeyType.CHACHA20_POLY1305, KeyOptions.none());
        String v1 = transit().encrypt(ADMIN, "payments", CARD, ORDER);
        transit().rotate(ADMIN, "payments");

        String rewrapped = transit().rewrap(ADMIN, "payments", v1, ORDER);

        assertThat(rewrapped).startsWith("rampart:v2:");
        assertThat(transit().decrypt(ADMIN, "payments", rewrapped, ORDER)).isEqualTo(CARD);
        Principal rewrapOnly = caller("rewrapper", "transit:rewrap:payments");
        assertThat(transit().rewrap(rewrapOnly, "payments", v1, ORDER)).startsWith("rampart:v2:");
        assertThatThrownBy(() -> transit().decrypt(rewrapOnly, "payments", v1, ORDER))
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.DENIED);
    }

    @Test
    void batchKeepsInputOrderAndReportsEachItemsError() {
        transit().create(ADMIN, "payments", KeyType.AES256_GCM, KeyOptions.none());
        List<BatchResult<String>> encrypted = transit().encryptBatch(ADMIN, "payments", List.of(
                new BatchItem<>("a", "one".getBytes(StandardCharsets.UTF_8), null),
                new BatchItem<>("b", "two".getBytes(StandardCharsets.UTF_8), ORDER),
                new BatchItem<>("c", null, null)));
        assertThat(encrypted).extracting(BatchResult::reference).containsExactly("a", "b", "c");
        assertThat(encrypted).extracting(BatchResult::succeeded).containsExactly(true, true, false);

        List<BatchResult<byte[]>> decrypted = transit().decryptBatch(ADMIN, "payments", List.of(
                new BatchItem<>("b", encrypted.get(1).value(), ORDER),
                new BatchItem<>("garbage", "rampart:v1:AAAA", null),
                new BatchItem<>("wrong-ad", encrypted.get(1).value(), null),
                new BatchItem<>("not-ours", "hello", null),
                new BatchItem<>("a", encrypted.get(0).value(), null)));

        assertThat(decrypted).extracting(BatchResult::reference).containsExactly("b", "garbage", "wrong-ad", "not-ours", "a");
        assertThat(new String(decrypted.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("two");
        assertThat(decrypted.get(1).error().reason()).isEqualTo(Reason.DECRYPTION_FAILED);
        assertThat(decrypted.get(2).error().reason()).isEqualTo(Reason.DECRYPTION_FAILED);
        assertThat(decrypted.get(3).error().reason()).isEqualTo(Reason.INVALID_INPUT);
        assertThat(new String(decrypted.get(4).value(), StandardCharsets.UTF_8)).isEqualTo("one");
        SecurityEvent event = events.ofType("crypto.transit.decrypt").get(0);
        assertThat(event.details()).containsEntry("items", "5").containsEntry("failed", "3");

        transit().rotate(ADMIN, "payments");
        List<BatchResult<String>> rewrapped = transit().rewrapBatch(ADMIN, "payments", List.of(
                new BatchItem<>("a", encrypted.get(0).value(), null), new BatchItem<>("x", "rampart:v9:AAAA", null)));
        assertThat(rewrapped.get(0).value()).startsWith("rampart:v2:");
        assertThat(rewrapped.get(1).error().reason()).isEqualTo(Reason.VERSION_NOT_ALLOWED);
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"ED25519", "ECDSA_P256"})
    void signaturesVerifyAcrossRotationAndPublicKeysExportAsJwks(KeyType type) throws Exception {
        transit().create(ADMIN, "release", type, KeyOptions.none());
        String v1 = transit().sign(ADMIN, "release", ORDER);
        transit().rotate(ADMIN, "release");
        String v2 = transit().sign(ADMIN, "release", ORDER);

        assertThat(v2).startsWith("rampart:v2:");
        assertThat(transit().verify(ADMIN, "release", ORDER, v1)).isTrue();
        assertThat(transit().verify(ADMIN, "release", ORDER, v2)).isTrue();
        assertThat(transit().verify(ADMIN, "release", CARD, v2)).isFalse();

        JWKSet jwks = JWKSet.parse(transit().jwks(ADMIN, "release"));
        assertThat(jwks.getKeys()).extracting(k -> k.getKeyID()).containsExactly("release:v1", "release:v2");
        assertThat(jwks.getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        List<PublicKeyInfo> keys = transit().publicKeys(ADMIN, "release");
        assertThat(keys.get(0).fingerprint()).isEqualTo(jwks.getKeys().get(0).computeThumbprint().toString())
                .isNotEqualTo(keys.get(1).fingerprint());
    }

    @Test
    void aVersionAddedByAnotherProcessIsFoundWhenItsCiphertextArrives() {
        transit().create(ADMIN, "shared", KeyType.AES256_GCM, KeyOptions.none());
        Transit otherProcess = reopen(masterKey).transit();
        assertThat(transit().encrypt(ADMIN, "shared", CARD, null)).startsWith("rampart:v1:"); // cached here at v1

        otherProcess.rotate(ADMIN, "shared");
        String v2 = otherProcess.encrypt(ADMIN, "shared", CARD, null);

        assertThat(v2).startsWith("rampart:v2:");
        assertThat(transit().decrypt(ADMIN, "shared", v2, null)).isEqualTo(CARD);
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"ED25519", "ECDSA_P256", "HMAC"})
    void everyFlippedBitOfASignatureOrMacFailsVerification(KeyType type) {
        transit().create(ADMIN, "k", type, KeyOptions.none());
        boolean mac = type == KeyType.HMAC;
        String tag = mac ? transit().hmac(ADMIN, "k", ORDER) : transit().sign(ADMIN, "k", ORDER);
        byte[] raw = Base64.getDecoder().decode(tag.substring("rampart:v1:".length()));
        for (int i = 0; i < raw.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] altered = raw.clone();
                altered[i] ^= (byte) (1 << bit);
                String text = "rampart:v1:" + Base64.getEncoder().encodeToString(altered);
                boolean valid = mac ? transit().verifyHmac(ADMIN, "k", ORDER, text) : transit().verify(ADMIN, "k", ORDER, text);
                assertThat(valid).as("byte %d bit %d", i, bit).isFalse();
            }
        }
    }

    @Test
    void hmacVerifiesOnlyTheSameMessage() {
        transit().create(ADMIN, "webhooks", KeyType.HMAC, KeyOptions.none());
        String mac = transit().hmac(ADMIN, "webhooks", ORDER);
        assertThat(mac).startsWith("rampart:v1:");
        assertThat(transit().verifyHmac(ADMIN, "webhooks", ORDER, mac)).isTrue();
        assertThat(transit().verifyHmac(ADMIN, "webhooks", CARD, mac)).isFalse();
        assertThatThrownBy(() -> transit().encrypt(ADMIN, "webhooks", CARD, null))
                .hasMessageContaining("is hmac and cannot encrypt");
    }

    @Test
    void dataKeysUnwrapToTheirPlaintextAndMayComeWrappedOnly() {
        transit().create(ADMIN, "envelope", KeyType.AES256_GCM, KeyOptions.none());
        DataKey key = transit().dataKey(ADMIN, "envelope", 256, true, null);
        assertThat(key.plaintext()).hasSize(32);
        assertThat(transit().decrypt(ADMIN, "envelope", key.ciphertext(), null)).isEqualTo(key.plaintext());

        DataKey wrappedOnly = transit().dataKey(ADMIN, "envelope", 128, false, null);
        assertThat(wrappedOnly.plaintext()).isNull();
        assertThat(transit().decrypt(ADMIN, "envelope", wrappedOnly.ciphertext(), null)).hasSize(16);
        assertThatThrownBy(() -> transit().dataKey(ADMIN, "envelope", 100, true, null)).hasMessageContaining("128, 256, 512");
    }

    @Test
    void deletionNeedsDeletionAllowed() {
        transit().create(ADMIN, "old", KeyType.AES256_GCM, KeyOptions.none());
        assertThatThrownBy(() -> transit().delete(ADMIN, "old"))
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.DELETION_NOT_ALLOWED);
        transit().configure(ADMIN, "old", KeyOptions.none().withDeletionAllowed(true));
        transit().delete(ADMIN, "old");
        assertThatThrownBy(() -> transit().read(ADMIN, "old"))
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.KEY_NOT_FOUND);
    }

    @Test
    void trimRemovesVersionsBelowTheMinimumDecryptionAndEncryptionVersions() {
        transit().create(ADMIN, "payments", KeyType.AES256_GCM, KeyOptions.none());
        String v1 = transit().encrypt(ADMIN, "payments", CARD, null);
        transit().rotate(ADMIN, "payments");
        transit().rotate(ADMIN, "payments");

        assertThatThrownBy(() -> transit().trim(ADMIN, "payments", 2)).hasMessageContaining("raise those first");
        transit().configure(ADMIN, "payments", KeyOptions.none().withMinDecryptionVersion(3));
        TransitKeyInfo trimmed = transit().trim(ADMIN, "payments", 3);

        assertThat(trimmed.versions()).containsOnlyKeys(3);
        assertThat(trimmed.minAvailableVersion()).isEqualTo(3);
        transit().configure(ADMIN, "payments", KeyOptions.none().withMinDecryptionVersion(3));
        assertThatThrownBy(() -> transit().configure(ADMIN, "payments", KeyOptions.none().withMinDecryptionVersion(1)))
                .hasMessageContaining("allowed: 3 to 3");
        assertThatThrownBy(() -> transit().decrypt(ADMIN, "payments", v1, null)).isInstanceOf(CryptoException.class);
    }

    @Test
    void rotateDueRotatesOnlyKeysWhosePeriodHasPassed() {
        transit().create(ADMIN, "daily", KeyType.AES256_GCM, KeyOptions.none().withAutoRotatePeriod(Duration.ofDays(1)));
        transit().create(ADMIN, "manual", KeyType.AES256_GCM, KeyOptions.none());
        assertThat(transit().rotateDue()).isEmpty();

        clock.advance(Duration.ofHours(25));
        assertThat(transit().rotateDue()).containsExactly("daily");
        assertThat(transit().read(ADMIN, "daily").latestVersion()).isEqualTo(2);
        assertThat(transit().rotateDue()).isEmpty();
        assertThatThrownBy(() -> transit().configure(ADMIN, "manual", KeyOptions.none().withAutoRotatePeriod(Duration.ofMinutes(5))))
                .hasMessageContaining("at least 1h");
    }

    @Test
    void eachOperationIsAuthorizedPerKeyAndAuditedWithTheInputHashedNeverInClear() {
        transit().create(ADMIN, "payments", KeyType.AES256_GCM, KeyOptions.none());
        transit().create(ADMIN, "hr", KeyType.AES256_GCM, KeyOptions.none());
        Principal app = caller("app", "transit:encrypt:payments", "transit:read:payments");

        String ciphertext = transit().encrypt(app, "payments", CARD, null);
        assertThatThrownBy(() -> transit().encrypt(app, "hr", CARD, null))
                .hasMessageContaining("principal 'app' lacks the permission transit:encrypt:hr");
        assertThatThrownBy(() -> transit().decrypt(app, "payments", ciphertext, null)).isInstanceOf(CryptoException.class);
        assertThat(transit().list(app)).extracting(TransitKeyInfo::name).containsExactly("payments");

        List<SecurityEvent> encrypts = events.ofType("crypto.transit.encrypt");
        assertThat(encrypts).extracting(SecurityEvent::code).containsExactly("ok", "denied");
        assertThat(encrypts.get(0).principalId()).isEqualTo("app");
        assertThat(encrypts.get(0).details()).containsEntry("key", "payments")
                .containsEntry("input_sha256", HexFormat.of().formatHex(Transit.sha256().digest(CARD)));
        assertThat(events.ofType("crypto.transit.decrypt").get(0).code()).isEqualTo("denied");
        String card = new String(CARD, StandardCharsets.UTF_8);
        assertThat(events.events).allSatisfy(e -> assertThat(e.details().values()).noneMatch(v -> v.contains(card)));
    }

    @Test
    void randomBytesAndHashesNeedTheirOwnPermissions() {
        assertThat(transit().randomBytes(ADMIN, 32)).hasSize(32);
        assertThat(HexFormat.of().formatHex(transit().hash(ADMIN, HashAlgorithm.SHA2_256, "abc".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(transit().hash(ADMIN, HashAlgorithm.of("sha2-512"), ORDER)).hasSize(64);
        assertThatThrownBy(() -> transit().randomBytes(ADMIN, 0)).hasMessageContaining("allowed: 1 to 65536");
        Principal hasher = caller("h", "transit:hash:sha2-384");
        assertThat(transit().hash(hasher, HashAlgorithm.SHA2_384, ORDER)).hasSize(48);
        assertThatThrownBy(() -> transit().randomBytes(hasher, 8)).hasMessageContaining("transit:random:bytes");
    }

    @Test
    void namesAndTypesAreChecked() {
        assertThatThrownBy(() -> transit().create(ADMIN, "a:b", KeyType.AES256_GCM, KeyOptions.none()))
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> KeyType.of("rsa")).hasMessageContaining("allowed: aes256-gcm, chacha20-poly1305");
        transit().create(ADMIN, "k", KeyType.AES256_GCM, KeyOptions.none());
        assertThatThrownBy(() -> transit().create(ADMIN, "k", KeyType.HMAC, KeyOptions.none()))
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.KEY_EXISTS);
    }

    @Test
    void ciphertextsMadeWhileAnotherThreadRotatesAllDecrypt() throws Exception {
        transit().create(ADMIN, "busy", KeyType.AES256_GCM, KeyOptions.none());
        ConcurrentLinkedQueue<String> made = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> encryptors = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                encryptors.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 300; i++) {
                        made.add(transit().encrypt(ADMIN, "busy", CARD, ORDER));
                    }
                    return null;
                }));
            }
            Future<?> rotator = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 10; i++) {
                    transit().rotate(ADMIN, "busy");
                }
                return null;
            });
            start.countDown();
            rotator.get(60, TimeUnit.SECONDS);
            for (Future<?> f : encryptors) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(made).hasSize(600);
        assertThat(transit().read(ADMIN, "busy").latestVersion()).isEqualTo(11);
        for (String ciphertext : made) {
            assertThat(transit().decrypt(ADMIN, "busy", ciphertext, ORDER)).isEqualTo(CARD);
        }
    }
}

package dev.rampart.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.rampart.core.EventBus;
import dev.rampart.core.Principal;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.SecurityEvent.Severity;
import dev.rampart.crypto.CryptoException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Named keys with versions (the transit engine): callers send data and get ciphertexts,
 * signatures and MACs back, and never see key material.
 *
 * <p>Every operation takes the caller's {@link Principal}, is authorized with the permission
 * {@code transit:<operation>:<key>} through the {@link TransitAuthorizer}, and emits one
 * {@link SecurityEvent} ({@code crypto.transit.<operation>}) whose details hold the key and the
 * SHA-256 of the input — never the input itself.
 *
 * <p>Outputs read {@code rampart:v<N>:<base64>}: N is the key version, so rotation never breaks old
 * data and {@link #rewrap} moves it forward. Decrypted keys are cached in memory; metadata is
 * re-read from the store at most {@value #REFRESH_SECONDS} s after another process changed it.
 * Calls that write, or read a key not yet cached, block on the store: call from a worker thread.
 */
public final class Transit {

    static final int REFRESH_SECONDS = 10;
    private static final long REFRESH_NANOS = Duration.ofSeconds(REFRESH_SECONDS).toNanos();
    private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_RANDOM_BYTES = 64 * 1024;
    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    private final KeyHierarchy hierarchy;
    private final EventBus events;
    private final TransitAuthorizer authorizer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, LoadedKey> cache = new ConcurrentHashMap<>();
    private final AtomicLong loads = new AtomicLong();

    /** A key's metadata and decrypted versions as read at one moment; replaced, never changed. */
    private record LoadedKey(TransitKeyInfo info, Map<Integer, KeyVersion> versions, long sequence, long loadedAtNanos) {}

    Transit(KeyHierarchy hierarchy, EventBus events, TransitAuthorizer authorizer, Clock clock) {
        this.hierarchy = hierarchy;
        this.events = events;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    // ---- key management ----

    /** Creates key {@code name} with version 1. */
    public TransitKeyInfo create(Principal caller, String name, KeyType type, KeyOptions options) {
        checkName(name);
        return audited(caller, "create", name, null, () -> {
            Instant now = clock.instant();
            KeysetHandle keyset = KeyVersion.generate(type);
            TransitKeyInfo created = withOptions(new TransitKeyInfo(name, type, 1, 1, 0, 1, false, Duration.ZERO, now, now,
                    Map.of()), options == null ? KeyOptions.none() : options);
            hierarchy.write("create transit key " + name, c -> {
                if (TransitKeyTable.find(c, name).isPresent()) {
                    throw new CryptoException(Reason.KEY_EXISTS, "transit key '" + name + "' already exists");
                }
                TransitKeyTable.insert(c, created);
                TransitKeyTable.insertVersion(c, name, 1, hierarchy.encryptKeyset(keyset,
                        KeyHierarchy.transitContext(name, 1)), now);
                return null;
            });
            return reload(name).info();
        }, null);
    }

    /** The key's metadata (no key material). */
    public TransitKeyInfo read(Principal caller, String name) {
        return audited(caller, "read", name, null, () -> reload(name).info(), null);
    }

    /** The keys the caller may read ({@code transit:read:<key>}), by name. */
    public List<TransitKeyInfo> list(Principal caller) {
        List<String> names = hierarchy.read("list transit keys", TransitKeyTable::names);
        List<TransitKeyInfo> visible = new ArrayList<>();
        for (String name : names) {
            if (authorizer.permits(caller, permission("read", name))) {
                visible.add(key(name).info());
            }
        }
        emit(caller, "list", "*", "ok", Severity.INFO, Map.of("keys", Integer.toString(visible.size())));
        return visible;
    }

    /** Adds a version and makes it the one new encryptions, signatures and MACs use. */
    public TransitKeyInfo rotate(Principal caller, String name) {
        return audited(caller, "rotate", name, null, () -> rotateNow(name), null);
    }

    private TransitKeyInfo rotateNow(String name) {
        hierarchy.write("rotate transit key " + name, c -> {
            TransitKeyInfo info = TransitKeyTable.find(c, name).orElseThrow(() -> notFound(name));
            int next = info.latestVersion() + 1;
            Instant now = clock.instant();
            TransitKeyTable.insertVersion(c, name, next, hierarchy.encryptKeyset(KeyVersion.generate(info.type()),
                    KeyHierarchy.transitContext(name, next)), now);
            TransitKeyTable.update(c, new TransitKeyInfo(name, info.type(), next, info.minDecryptionVersion(),
                    info.minEncryptionVersion(), info.minAvailableVersion(), info.deletionAllowed(), info.autoRotatePeriod(),
                    info.createdAt(), now, Map.of()));
            return null;
        });
        return reload(name).info();
    }

    /**
     * Rotates every key whose auto-rotate period has passed since its last rotation. The gateway
     * calls it on a timer (hourly is enough); rotations are audited with no principal.
     *
     * @return the names of the keys rotated
     */
    public List<String> rotateDue() {
        List<String> due = hierarchy.read("find transit keys due for rotation",
                c -> TransitKeyTable.dueForRotation(c, clock.millis()));
        for (String name : due) {
            rotateNow(name);
            emit(null, "rotate", name, "ok", Severity.INFO, Map.of("key", name, "trigger", "auto-rotate-period"));
        }
        return due;
    }

    /** Changes deletion_allowed, the auto-rotate period, min_decryption_version or min_encryption_version. */
    public TransitKeyInfo configure(Principal caller, String name, KeyOptions options) {
        return audited(caller, "configure", name, null, () -> {
            hierarchy.write("configure transit key " + name, c -> {
                TransitKeyInfo info = TransitKeyTable.find(c, name).orElseThrow(() -> notFound(name));
                TransitKeyTable.update(c, withOptions(info, options));
                return null;
            });
            return reload(name).info();
        }, null);
    }

    /**
     * Removes the versions below {@code minAvailableVersion} for good. It may not exceed
     * min_decryption_version nor min_encryption_version (the latest version when that is 0).
     */
    public TransitKeyInfo trim(Principal caller, String name, int minAvailableVersion) {
        return audited(caller, "trim", name, null, () -> {
            hierarchy.write("trim transit key " + name, c -> {
                TransitKeyInfo k = TransitKeyTable.find(c, name).orElseThrow(() -> notFound(name));
                int encryptionFloor = k.minEncryptionVersion() == 0 ? k.latestVersion() : k.minEncryptionVersion();
                if (minAvailableVersion < k.minAvailableVersion() || minAvailableVersion > k.minDecryptionVersion()
                        || minAvailableVersion > encryptionFloor) {
                    throw new CryptoException(Reason.INVALID_INPUT, "cannot trim key '" + name + "' to version "
                            + minAvailableVersion + ": allowed from " + k.minAvailableVersion() + " (already trimmed) to "
                            + Math.min(k.minDecryptionVersion(), encryptionFloor)
                            + " (min_decryption_version and min_encryption_version; raise those first)");
                }
                TransitKeyTable.deleteVersionsBelow(c, name, minAvailableVersion);
                TransitKeyTable.update(c, new TransitKeyInfo(name, k.type(), k.latestVersion(), k.minDecryptionVersion(),
                        k.minEncryptionVersion(), minAvailableVersion, k.deletionAllowed(), k.autoRotatePeriod(),
                        k.createdAt(), k.rotatedAt(), Map.of()));
                return null;
            });
            return reload(name).info();
        }, null);
    }

    /** Deletes the key and all its versions; only when its deletion_allowed is true. */
    public void delete(Principal caller, String name) {
        audited(caller, "delete", name, null, () -> {
            hierarchy.write("delete transit key " + name, c -> {
                TransitKeyInfo info = TransitKeyTable.find(c, name).orElseThrow(() -> notFound(name));
                if (!info.deletionAllowed()) {
                    throw new CryptoException(Reason.DELETION_NOT_ALLOWED, "transit key '" + name
                            + "' has deletion_allowed false; configure it to true first (its ciphertexts become unreadable)");
                }
                TransitKeyTable.delete(c, name);
                return null;
            });
            cache.remove(name);
            return null;
        }, null);
    }

    // ---- encryption ----

    /** Encrypts under the latest version. {@code associatedData} (may be null) must be given again to decrypt. */
    public String encrypt(Principal caller, String name, byte[] plaintext, byte[] associatedData) {
        return encrypt(caller, name, 0, plaintext, associatedData);
    }

    /** Encrypts under {@code keyVersion} (0: latest), which must be at least min_encryption_version. */
    public String encrypt(Principal caller, String name, int keyVersion, byte[] plaintext, byte[] associatedData) {
        return audited(caller, "encrypt", name, digest(plaintext),
                () -> encryptOne(name, keyVersion, plaintext, associatedData), null);
    }

    /** Encrypts each item under the latest version; results in input order, failures per item. */
    public List<BatchResult<String>> encryptBatch(Principal caller, String name, List<BatchItem<byte[]>> items) {
        return batch(caller, "encrypt", name, items, item -> item.input(),
                item -> encryptOne(name, 0, item.input(), item.associatedData()));
    }

    public byte[] decrypt(Principal caller, String name, String ciphertext, byte[] associatedData) {
        return audited(caller, "decrypt", name, digest(utf8(ciphertext)),
                () -> decryptOne(name, ciphertext, associatedData), null);
    }

    public List<BatchResult<byte[]>> decryptBatch(Principal caller, String name, List<BatchItem<String>> items) {
        return batch(caller, "decrypt", name, items, item -> utf8(item.input()),
                item -> decryptOne(name, item.input(), item.associatedData()));
    }

    /** Re-encrypts a ciphertext under the latest version without returning the plaintext. */
    public String rewrap(Principal caller, String name, String ciphertext, byte[] associatedData) {
        return audited(caller, "rewrap", name, digest(utf8(ciphertext)),
                () -> rewrapOne(name, ciphertext, associatedData), null);
    }

    public List<BatchResult<String>> rewrapBatch(Principal caller, String name, List<BatchItem<String>> items) {
        return batch(caller, "rewrap", name, items, item -> utf8(item.input()),
                item -> rewrapOne(name, item.input(), item.associatedData()));
    }

    /**
     * A new random data key of {@code bits} (128, 256 or 512), wrapped under the key's latest version.
     *
     * @param includePlaintext false to get only the wrapped form (for a store that must not see keys)
     */
    public DataKey dataKey(Principal caller, String name, int bits, boolean includePlaintext, byte[] associatedData) {
        return audited(caller, "datakey", name, null, () -> {
            if (bits != 128 && bits != 256 && bits != 512) {
                throw new CryptoException(Reason.INVALID_INPUT, "data key size " + bits + " bits; allowed: 128, 256, 512");
            }
            byte[] plaintext = new byte[bits / 8];
            random.nextBytes(plaintext);
            String wrapped = encryptOne(name, 0, plaintext, associatedData);
            int version = Ciphertexts.parse(wrapped, "ciphertext").version();
            if (!includePlaintext) {
                Arrays.fill(plaintext, (byte) 0);
            }
            return new DataKey(includePlaintext ? plaintext : null, wrapped, version);
        }, null);
    }

    private String encryptOne(String name, int requestedVersion, byte[] plaintext, byte[] associatedData) {
        LoadedKey key = key(name);
        requireUse(key.info(), KeyType.Use.ENCRYPTION, "encrypt");
        if (plaintext == null) {
            throw new CryptoException(Reason.INVALID_INPUT, "no plaintext given");
        }
        KeyVersion version = encryptionVersion(key, requestedVersion);
        try {
            byte[] ad = associatedData == null ? NO_ASSOCIATED_DATA : associatedData;
            byte[] ciphertext = key.info().type().deterministic()
                    ? version.deterministicAead.encryptDeterministically(plaintext, ad)
                    : version.aead.encrypt(plaintext, ad);
            return Ciphertexts.format(version.version, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed under key " + name + " version " + version.version, e);
        }
    }

    private byte[] decryptOne(String name, String ciphertext, byte[] associatedData) {
        Ciphertexts.Parsed parsed = Ciphertexts.parse(ciphertext, "ciphertext");
        LoadedKey key = key(name);
        requireUse(key.info(), KeyType.Use.ENCRYPTION, "decrypt");
        KeyVersion version = decryptionVersion(name, key, parsed.version());
        byte[] ad = associatedData == null ? NO_ASSOCIATED_DATA : associatedData;
        try {
            return key.info().type().deterministic()
                    ? version.deterministicAead.decryptDeterministically(parsed.bytes(), ad)
                    : version.aead.decrypt(parsed.bytes(), ad);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(Reason.DECRYPTION_FAILED, "the ciphertext does not decrypt under version "
                    + parsed.version() + " of key '" + name + "': it was altered or truncated, made under another key,"
                    + " or the associated data differs");
        }
    }

    private String rewrapOne(String name, String ciphertext, byte[] associatedData) {
        byte[] plaintext = decryptOne(name, ciphertext, associatedData);
        try {
            return encryptOne(name, 0, plaintext, associatedData);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    // ---- signatures and MACs ----

    /** Signs {@code message} with the latest version (ed25519 or ecdsa-p256 keys). */
    public String sign(Principal caller, String name, byte[] message) {
        return audited(caller, "sign", name, digest(message), () -> {
            LoadedKey key = key(name);
            requireUse(key.info(), KeyType.Use.SIGNING, "sign");
            KeyVersion version = key.versions().get(key.info().latestVersion());
            try {
                return Ciphertexts.format(version.version, version.signer.sign(message));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("signing failed with key " + name, e);
            }
        }, null);
    }

    /** Whether {@code signature} is a valid signature of {@code message} by a version at or above min_decryption_version. */
    public boolean verify(Principal caller, String name, byte[] message, String signature) {
        return audited(caller, "verify", name, digest(message), () -> {
            Ciphertexts.Parsed parsed = Ciphertexts.parse(signature, "signature");
            LoadedKey key = key(name);
            requireUse(key.info(), KeyType.Use.SIGNING, "verify");
            KeyVersion version = decryptionVersion(name, key, parsed.version());
            try {
                version.verifier.verify(parsed.bytes(), message);
                return true;
            } catch (GeneralSecurityException e) {
                return false;
            }
        }, valid -> Map.of("valid", valid.toString()));
    }

    /** HMAC-SHA256 of {@code message} with the latest version of an hmac key. */
    public String hmac(Principal caller, String name, byte[] message) {
        return audited(caller, "hmac", name, digest(message), () -> {
            LoadedKey key = key(name);
            requireUse(key.info(), KeyType.Use.MAC, "hmac");
            KeyVersion version = key.versions().get(key.info().latestVersion());
            try {
                return Ciphertexts.format(version.version, version.mac.computeMac(message));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC failed with key " + name, e);
            }
        }, null);
    }

    /** Whether {@code mac} is the HMAC of {@code message} (compared in constant time by Tink). */
    public boolean verifyHmac(Principal caller, String name, byte[] message, String mac) {
        return audited(caller, "verify", name, digest(message), () -> {
            Ciphertexts.Parsed parsed = Ciphertexts.parse(mac, "HMAC");
            LoadedKey key = key(name);
            requireUse(key.info(), KeyType.Use.MAC, "verify an HMAC");
            KeyVersion version = decryptionVersion(name, key, parsed.version());
            try {
                version.mac.verifyMac(parsed.bytes(), message);
                return true;
            } catch (GeneralSecurityException e) {
                return false;
            }
        }, valid -> Map.of("valid", valid.toString()));
    }

    /** Public keys of every stored version of a signing key, with fingerprints. */
    public List<PublicKeyInfo> publicKeys(Principal caller, String name) {
        return audited(caller, "read", name, null, () -> {
            LoadedKey key = key(name);
            requireUse(key.info(), KeyType.Use.SIGNING, "export public keys");
            List<PublicKeyInfo> keys = new ArrayList<>();
            for (KeyVersion version : key.versions().values()) {
                JWK jwk = PublicJwks.of(version.keyset, name + ":v" + version.version);
                keys.add(new PublicKeyInfo(version.version, PublicJwks.fingerprint(jwk), jwk.toJSONString()));
            }
            return keys;
        }, null);
    }

    /** The public keys of a signing key as a JWK Set (RFC 7517 §5), key ids {@code <name>:v<N>}. */
    public String jwks(Principal caller, String name) {
        List<JWK> jwks = new ArrayList<>();
        for (PublicKeyInfo key : publicKeys(caller, name)) {
            try {
                jwks.add(JWK.parse(key.jwk()));
            } catch (ParseException e) {
                throw new IllegalStateException("a JWK built here did not parse", e);
            }
        }
        return new JWKSet(jwks).toString(true);
    }

    // ---- keyless ----

    /** {@code count} bytes from the system's CSPRNG (1 to 65536); permission {@code transit:random:bytes}. */
    public byte[] randomBytes(Principal caller, int count) {
        return audited(caller, "random", "bytes", null, () -> {
            if (count < 1 || count > MAX_RANDOM_BYTES) {
                throw new CryptoException(Reason.INVALID_INPUT, "random byte count " + count + "; allowed: 1 to " + MAX_RANDOM_BYTES);
            }
            byte[] bytes = new byte[count];
            random.nextBytes(bytes);
            return bytes;
        }, null);
    }

    /** The digest of {@code input}; permission {@code transit:hash:<algorithm>}, e.g. {@code transit:hash:sha2-256}. */
    public byte[] hash(Principal caller, HashAlgorithm algorithm, byte[] input) {
        return audited(caller, "hash", algorithm.id(), digest(input), () -> {
            try {
                return MessageDigest.getInstance(algorithm.jcaName()).digest(input);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm.jcaName() + " is not available in this JVM", e);
            }
        }, null);
    }

    // ---- for file encryption ----

    /** The latest version of a streaming key, creating the key on first use. */
    KeyVersion streamingKeyForEncryption(Principal caller, String name) {
        authorize(caller, "encrypt", name);
        if (hierarchy.read("look up transit key " + name, c -> TransitKeyTable.find(c, name)).isEmpty()) {
            create(caller, name, KeyType.AES256_GCM_HKDF_1MB, KeyOptions.none());
        }
        LoadedKey key = key(name);
        requireUse(key.info(), KeyType.Use.STREAMING, "encrypt files");
        return encryptionVersion(key, 0);
    }

    KeyVersion streamingKeyForDecryption(Principal caller, String name, int version) {
        authorize(caller, "decrypt", name);
        LoadedKey key = key(name);
        requireUse(key.info(), KeyType.Use.STREAMING, "decrypt files");
        return decryptionVersion(name, key, version);
    }

    /** Records a file operation done outside this class (the streaming itself). */
    void recordFileOperation(Principal caller, String operation, String name, int version, String code, Map<String, String> details) {
        Map<String, String> all = new LinkedHashMap<>(details);
        all.put("key", name);
        all.put("version", Integer.toString(version));
        emit(caller, operation, name, code, "ok".equals(code) ? Severity.INFO : Severity.LOW, all);
    }

    // ---- versions ----

    private KeyVersion encryptionVersion(LoadedKey key, int requested) {
        TransitKeyInfo info = key.info();
        if (requested == 0) {
            return key.versions().get(info.latestVersion());
        }
        int floor = info.minEncryptionVersion() == 0 ? info.latestVersion() : info.minEncryptionVersion();
        if (requested < floor || requested > info.latestVersion()) {
            throw new CryptoException(Reason.VERSION_NOT_ALLOWED, "key '" + info.name() + "' encrypts with versions "
                    + floor + " to " + info.latestVersion() + " (min_encryption_version " + info.minEncryptionVersion()
                    + "), not " + requested);
        }
        return key.versions().get(requested);
    }

    private KeyVersion decryptionVersion(String name, LoadedKey key, int version) {
        if (version > key.info().latestVersion()) {
            key = reload(name); // another process may have rotated since this one cached the key
        }
        TransitKeyInfo info = key.info();
        if (version < info.minDecryptionVersion()) {
            throw new CryptoException(Reason.VERSION_NOT_ALLOWED, "version " + version + " of key '" + name
                    + "' is below its min_decryption_version " + info.minDecryptionVersion()
                    + "; lower min_decryption_version to read it (rewrap old ciphertexts before raising it)");
        }
        KeyVersion found = key.versions().get(version);
        if (found == null) {
            throw new CryptoException(Reason.VERSION_NOT_ALLOWED, "key '" + name + "' has no version " + version
                    + " (versions " + info.minAvailableVersion() + " to " + info.latestVersion() + " are stored)");
        }
        return found;
    }

    private static void requireUse(TransitKeyInfo info, KeyType.Use use, String operation) {
        if (info.type().use() != use) {
            throw new CryptoException(Reason.UNSUPPORTED_OPERATION, "key '" + info.name() + "' is " + info.type().id()
                    + " and cannot " + operation);
        }
    }

    private TransitKeyInfo withOptions(TransitKeyInfo k, KeyOptions o) {
        int minDecryption = o.minDecryptionVersion() == null ? k.minDecryptionVersion() : o.minDecryptionVersion();
        int minEncryption = o.minEncryptionVersion() == null ? k.minEncryptionVersion() : o.minEncryptionVersion();
        Duration period = o.autoRotatePeriod() == null ? k.autoRotatePeriod() : o.autoRotatePeriod();
        if (minDecryption < k.minAvailableVersion() || minDecryption > k.latestVersion()) {
            throw new CryptoException(Reason.INVALID_INPUT, "min_decryption_version " + minDecryption + " for key '"
                    + k.name() + "'; allowed: " + k.minAvailableVersion() + " to " + k.latestVersion());
        }
        if (minEncryption != 0 && (minEncryption < k.minAvailableVersion() || minEncryption > k.latestVersion())) {
            throw new CryptoException(Reason.INVALID_INPUT, "min_encryption_version " + minEncryption + " for key '"
                    + k.name() + "'; allowed: 0 (latest only) or " + k.minAvailableVersion() + " to " + k.latestVersion());
        }
        if (period.isNegative() || (!period.isZero() && period.compareTo(Duration.ofHours(1)) < 0)) {
            throw new CryptoException(Reason.INVALID_INPUT, "auto-rotate period " + period + " for key '" + k.name()
                    + "'; allowed: 0 (off) or at least 1h");
        }
        return new TransitKeyInfo(k.name(), k.type(), k.latestVersion(), minDecryption, minEncryption,
                k.minAvailableVersion(), o.deletionAllowed() == null ? k.deletionAllowed() : o.deletionAllowed(), period,
                k.createdAt(), k.rotatedAt(), k.versions());
    }

    // ---- cache ----

    private LoadedKey key(String name) {
        LoadedKey cached = cache.get(name);
        if (cached != null && System.nanoTime() - cached.loadedAtNanos() < REFRESH_NANOS) {
            return cached;
        }
        return reload(name);
    }

    /** Re-reads the key from the store, reusing already decrypted versions, and caches the newest read. */
    private LoadedKey reload(String name) {
        long sequence = loads.incrementAndGet();
        LoadedKey previous = cache.get(name);
        record Read(TransitKeyInfo info, List<TransitKeyTable.StoredVersion> versions) {}
        Read read = hierarchy.read("read transit key " + name, c -> {
            var info = TransitKeyTable.find(c, name);
            return info.isEmpty() ? null
                    : new Read(info.get(), TransitKeyTable.versions(c, name, info.get().minAvailableVersion()));
        });
        if (read == null) {
            cache.remove(name);
            throw notFound(name);
        }
        Map<Integer, KeyVersion> versions = new HashMap<>();
        for (TransitKeyTable.StoredVersion stored : read.versions()) {
            KeyVersion reused = previous == null ? null : previous.versions().get(stored.version());
            versions.put(stored.version(), reused != null ? reused : new KeyVersion(read.info().type(), stored.version(),
                    stored.createdAt(), hierarchy.decryptKeyset(stored.encryptedKeyset(),
                            KeyHierarchy.transitContext(name, stored.version()))));
        }
        LoadedKey loaded = new LoadedKey(read.info(), Collections.unmodifiableMap(versions), sequence, System.nanoTime());
        // two reloads racing: keep the one that started later, which saw every commit before it
        return cache.merge(name, loaded, (old, fresh) -> fresh.sequence() >= old.sequence() ? fresh : old);
    }

    // ---- authorization and audit ----

    private static String permission(String operation, String target) {
        return "transit:" + operation + ":" + target;
    }

    /**
     * Checks {@code transit:<operation>:<target>} alone, with the same denial event and exception
     * as the operations: for a caller that makes one request of many operations on one key (a batch
     * of signatures) and wants it authorized once, up front, rather than item by item.
     *
     * @throws CryptoException {@link Reason#DENIED} naming the permission the caller lacks
     */
    public void authorize(Principal caller, String operation, String target) {
        String permission = permission(operation, target);
        if (!authorizer.permits(caller, permission)) {
            emit(caller, operation, target, "denied", Severity.MEDIUM, Map.of("key", target, "permission", permission));
            throw new CryptoException(Reason.DENIED, (caller == null ? "the caller" : "principal '" + caller.id() + "'")
                    + " lacks the permission " + permission);
        }
    }

    private <T> T audited(Principal caller, String operation, String target, String inputSha256, Supplier<T> work,
            Function<T, Map<String, String>> resultDetails) {
        authorize(caller, operation, target);
        try {
            T result = work.get();
            Map<String, String> details = inputSha256 == null ? Map.of("key", target)
                    : Map.of("key", target, "input_sha256", inputSha256);
            if (resultDetails != null) {
                details = new HashMap<>(details);
                details.putAll(resultDetails.apply(result));
            }
            emit(caller, operation, target, "ok", Severity.INFO, details);
            return result;
        } catch (CryptoException e) {
            Map<String, String> details = inputSha256 == null ? Map.of("key", target)
                    : Map.of("key", target, "input_sha256", inputSha256);
            emit(caller, operation, target, e.code(), e.reason() == Reason.DECRYPTION_FAILED ? Severity.MEDIUM : Severity.LOW,
                    details);
            throw e;
        }
    }

    private <I, T> List<BatchResult<T>> batch(Principal caller, String operation, String name, List<BatchItem<I>> items,
            Function<BatchItem<I>, byte[]> input, Function<BatchItem<I>, T> work) {
        MessageDigest digest = sha256();
        for (BatchItem<I> item : items) {
            byte[] bytes = item.input() == null ? NO_ASSOCIATED_DATA : input.apply(item);
            digest.update(bytes);
        }
        String inputSha256 = HexFormat.of().formatHex(digest.digest());
        return audited(caller, operation, name, inputSha256, () -> {
            List<BatchResult<T>> results = new ArrayList<>(items.size());
            for (BatchItem<I> item : items) {
                try {
                    results.add(new BatchResult<>(item.reference(), work.apply(item), null));
                } catch (CryptoException e) {
                    results.add(new BatchResult<>(item.reference(), null, e));
                }
            }
            return results;
        }, results -> Map.of("items", Integer.toString(results.size()),
                "failed", Long.toString(results.stream().filter(r -> !r.succeeded()).count())));
    }

    private void emit(Principal caller, String operation, String target, String code, Severity severity,
            Map<String, String> details) {
        events.publish(new SecurityEvent(clock.instant(), "crypto.transit." + operation, severity, "transit", code, null,
                null, null, caller == null ? null : caller.id(), details));
    }

    private static String digest(byte[] input) {
        return input == null ? null : HexFormat.of().formatHex(sha256().digest(input));
    }

    /** A reset SHA-256 digest of this thread's own (looking one up per call costs more than hashing 1 KiB). */
    static MessageDigest sha256() {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest;
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    });

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static void checkName(String name) {
        if (name == null || !KEY_NAME.matcher(name).matches()) {
            throw new CryptoException(Reason.INVALID_INPUT, "transit key name '" + name
                    + "': use 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static CryptoException notFound(String name) {
        return new CryptoException(Reason.KEY_NOT_FOUND, "no transit key named '" + name + "'");
    }
}

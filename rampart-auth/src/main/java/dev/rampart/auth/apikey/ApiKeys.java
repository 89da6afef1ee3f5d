package dev.rampart.auth.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.auth.apikey.ApiKeyAuthentication.Accepted;
import dev.rampart.auth.apikey.ApiKeyAuthentication.Rejected;
import dev.rampart.auth.credential.SecretMac;
import dev.rampart.core.Principal;
import dev.rampart.core.net.CidrSet;
import dev.rampart.store.Store;
import dev.rampart.store.StoreException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys: issue, authenticate, rotate, disable, revoke. Keys are kept in the store as an
 * HMAC-SHA256 of their secret under a server secret; the plaintext exists only in the value that
 * {@link #create} and {@link #rotate} return.
 *
 * <pre>{@code
 * ApiKeys keys = new ApiKeys(store, serverSecret);
 * CreatedApiKey created = keys.create(new NewApiKey("ci-deploy", "team-payments",
 *         Set.of("deployer"), Set.of("deploy:write"), List.of("10.0.0.0/8"), Duration.ofDays(90)));
 * show(created.plaintextKeyShownOnce());                 // rmp_…, once
 *
 * ApiKeyAuthentication result = keys.authenticate(headerValue, clientAddress);
 * if (result instanceof ApiKeyAuthentication.Accepted a) { exchange.principal(a.principal()); }
 * }</pre>
 *
 * <p><b>Blocking.</b> Every method may block on the store (JDBC): call them from a worker thread,
 * never from a Vert.x event loop. {@link #authenticate} blocks only on a cache miss.
 *
 * <p><b>Caching.</b> Records are cached by key id (at most 10,000, each for at most 30 seconds), so
 * a busy key costs one HMAC and no query. {@link #revoke}, {@link #rotate}, {@link #disable} and
 * {@link #enable} invalidate the entry in this process at once. Other processes of a cluster see the
 * change when their entry expires, within 30 seconds, until cluster-wide invalidation over Redis
 * arrives.
 *
 * <p><b>Last use</b> is kept in memory and written by {@link #flushLastUsed()} in one batch, which
 * the gateway calls periodically: a write per request would turn every authenticated read into a
 * database write.
 *
 * <p>Thread-safe.
 */
public final class ApiKeys {

    /** The {@link Principal#authenticator()} of principals established by an API key. */
    public static final String AUTHENTICATOR = "api-key";
    /** The principal attribute holding a key's rate-limit plan: {@code rate-limits.plan-attribute}'s default. */
    public static final String PLAN_ATTRIBUTE = "plan";

    static final int CACHE_SIZE = 10_000;
    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private final ApiKeyRepository repository;
    private final SecretMac mac;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Optional<StoredApiKey>> cache =
            Caffeine.newBuilder().maximumSize(CACHE_SIZE).expireAfterWrite(CACHE_TTL).build();
    private final Map<String, Instant> pendingLastUse = new ConcurrentHashMap<>();

    /**
     * @param serverSecret at least 32 random bytes that key the HMAC of every stored secret; copied.
     *     Changing it invalidates every key. It must come from a secret source (the crypto module,
     *     {@code ${file:…}}), never from the database that holds the hashes.
     */
    public ApiKeys(Store store, byte[] serverSecret) {
        this(store, serverSecret, Clock.systemUTC());
    }

    /** As {@link #ApiKeys(Store, byte[])}, reading time from {@code clock} (expiry, grace, last use). */
    public ApiKeys(Store store, byte[] serverSecret, Clock clock) {
        this.repository = new ApiKeyRepository(Objects.requireNonNull(store, "store"));
        this.mac = new SecretMac(serverSecret);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Issues a key. The returned plaintext is the only copy: show it once. */
    public CreatedApiKey create(NewApiKey request) {
        Objects.requireNonNull(request, "request");
        Instant now = now();
        String id = ApiKeyFormat.newKeyId(random);
        String secret = ApiKeyFormat.newSecret(random);
        ApiKeyRecord record = new ApiKeyRecord(id, request.name(), request.owner(), request.roles(), request.scopes(),
                CidrSet.parse(request.allowedCidrs()), now,
                request.expiresAfter() == null ? null : now.plus(request.expiresAfter()),
                null, true, null, null, request.plan());
        // 71 random bits of key id: a collision is not expected in the life of the universe's keys;
        // should one happen, the primary key refuses the insert rather than overwrite a key
        repository.insert(record, mac.mac(secret));
        cache.invalidate(id);
        return new CreatedApiKey(record, ApiKeyFormat.format(id, secret));
    }

    /**
     * Checks a presented key for a request from {@code client}. Never throws for a bad key: every
     * failure is a {@link Rejected} with its reason. A store outage on a cache miss is a
     * {@link StoreException}.
     *
     * <p>The secret is checked before the key's state, so only a caller who holds the secret learns
     * that a key is expired, disabled or revoked; the key id alone (it appears in logs) tells nothing.
     */
    public ApiKeyAuthentication authenticate(String presented, InetAddress client) {
        ParsedApiKey parsed = ApiKeyFormat.parse(presented);
        if (parsed instanceof UnreadableApiKey unreadable) {
            return new Rejected(unreadable.reason(), null);
        }
        PresentedKey key = (PresentedKey) parsed;
        // computed before the lookup, so an unknown key id costs the same HMAC as a wrong secret and
        // the response time does not tell an attacker which key ids exist
        byte[] computed = mac.mac(key.secret());
        Optional<StoredApiKey> found = cache.get(key.keyId(), repository::find);
        if (found.isEmpty()) {
            return new Rejected(ApiKeyRejection.UNKNOWN_KEY, key.keyId());
        }
        StoredApiKey stored = found.get();
        ApiKeyRecord record = stored.record();
        Instant now = now();
        boolean current = SecretMac.sameHash(computed, stored.secretHash());
        // both comparisons always run: which one matched must not show in the timing
        boolean previous = SecretMac.sameHash(computed, stored.previousSecretHash())
                && record.previousSecretValidUntil() != null && now.isBefore(record.previousSecretValidUntil());
        ApiKeyRejection rejection = !(current | previous) ? ApiKeyRejection.BAD_SECRET
                : record.revoked() ? ApiKeyRejection.REVOKED
                : !record.enabled() ? ApiKeyRejection.DISABLED
                : record.expiredAt(now) ? ApiKeyRejection.EXPIRED
                : !record.allowsClient(client) ? ApiKeyRejection.IP_NOT_ALLOWED
                : null;
        if (rejection != null) {
            return new Rejected(rejection, record.id());
        }
        pendingLastUse.merge(record.id(), now, (a, b) -> a.isAfter(b) ? a : b);
        return new Accepted(new Principal(record.id(), Principal.Type.API_KEY, AUTHENTICATOR, record.roles(),
                record.scopes(), attributes(record)));
    }

    /**
     * What policies and rate limits read about a key's caller: {@code name}, {@code owner}, and
     * {@code plan} (the attribute rate-limit plans are looked up by, by default) when the key has one.
     */
    private static Map<String, Object> attributes(ApiKeyRecord record) {
        return record.plan() == null ? Map.of("name", record.name(), "owner", record.owner())
                : Map.of("name", record.name(), "owner", record.owner(), PLAN_ATTRIBUTE, record.plan());
    }

    /**
     * Issues a new secret for key {@code id}; the old secret keeps working until {@code grace} has
     * passed ({@link Duration#ZERO}: it stops at once), so clients can be moved without an outage.
     * A second rotation within the grace period ends the first one's grace: only the secret just
     * replaced stays valid.
     *
     * @throws NoSuchElementException when there is no key {@code id}
     * @throws IllegalStateException when the key is revoked
     */
    public CreatedApiKey rotate(String id, Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace period of a rotation must not be negative, got " + grace);
        }
        String secret = ApiKeyFormat.newSecret(random);
        boolean rotated = repository.rotate(id, mac.mac(secret), now().plus(grace));
        cache.invalidate(id);
        if (!rotated) {
            throw missingOrRevoked(id, "rotate");
        }
        return new CreatedApiKey(existing(id), ApiKeyFormat.format(id, secret));
    }

    /**
     * Revokes key {@code id}, for good, at once in this process (see the class comment for a
     * cluster). Revoking a revoked key does nothing.
     *
     * @throws NoSuchElementException when there is no key {@code id}
     */
    public void revoke(String id) {
        boolean revoked = repository.revoke(id, now());
        cache.invalidate(id);
        if (!revoked) {
            existing(id);
        }
    }

    /**
     * Revokes key {@code id} and deletes its row (a data-subject erasure): afterwards the key is
     * unknown rather than revoked, and only the audit log still names it.
     *
     * @throws NoSuchElementException when there is no key {@code id}
     */
    public void delete(String id) {
        revoke(id);
        repository.delete(id);
        cache.invalidate(id);
    }

    /**
     * Stops key {@code id} from authenticating until {@link #enable}d again.
     *
     * @throws NoSuchElementException when there is no key {@code id}
     * @throws IllegalStateException when the key is revoked
     */
    public void disable(String id) {
        setEnabled(id, false);
    }

    /**
     * Lets a disabled key {@code id} authenticate again. A revoked key cannot be enabled.
     *
     * @throws NoSuchElementException when there is no key {@code id}
     * @throws IllegalStateException when the key is revoked
     */
    public void enable(String id) {
        setEnabled(id, true);
    }

    /** Key {@code id}'s metadata, read from the store (not the cache); never a hash. */
    public Optional<ApiKeyRecord> get(String id) {
        return repository.find(id).map(StoredApiKey::record);
    }

    /** Every key's metadata, revoked ones included, oldest first. */
    public List<ApiKeyRecord> list() {
        return repository.list();
    }

    /**
     * Writes the last-use times collected since the previous flush, in one batch, and returns how
     * many keys it wrote. On a store failure the times stay pending for the next flush.
     */
    public int flushLastUsed() {
        Map<String, Instant> batch = Map.copyOf(pendingLastUse);
        if (batch.isEmpty()) {
            return 0;
        }
        repository.updateLastUsed(batch);
        // remove(key, value): a later use recorded during the write stays pending
        batch.forEach(pendingLastUse::remove);
        return batch.size();
    }

    private void setEnabled(String id, boolean enabled) {
        boolean changed = repository.setEnabled(id, enabled);
        cache.invalidate(id);
        if (!changed) {
            throw missingOrRevoked(id, enabled ? "enable" : "disable");
        }
    }

    private ApiKeyRecord existing(String id) {
        return get(id).orElseThrow(() -> new NoSuchElementException(
                "no API key with id '" + id + "' — `rampart keys list` shows the existing keys"));
    }

    private RuntimeException missingOrRevoked(String id, String action) {
        existing(id);
        return new IllegalStateException("cannot " + action + " API key '" + id
                + "': it is revoked, which is final — create a new key instead");
    }

    // the store keeps milliseconds; truncating here makes returned records equal what is read back
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

package dev.rampart.auth.oauth2;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.auth.credential.Base62;
import dev.rampart.auth.credential.SecretMac;
import dev.rampart.auth.oauth2.OAuth2ClientRepository.StoredClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The OAuth2 clients of Rampart's authorization server: register, look up, rotate a secret,
 * disable, revoke. A client secret is kept only as its HMAC-SHA256 under the server secret (the
 * same as API keys); the plaintext exists only in what {@link #register} and {@link #rotateSecret}
 * return.
 *
 * <pre>{@code
 * OAuth2Clients clients = new OAuth2Clients(store, serverSecret);
 * RegisteredOAuth2Client ci = clients.register(new NewOAuth2Client("billing-batch",
 *         ClientAuthMethod.CLIENT_SECRET, null, Set.of("invoices:read"), Set.of("billing")));
 * show(ci.client().id(), ci.secretShownOnce());
 * }</pre>
 *
 * <p><b>Blocking</b>: every method may block on the store; call from a worker thread. Records are
 * cached by client id for 30 seconds (as API keys); changes made here invalidate at once in this
 * process. Thread-safe.
 */
public final class OAuth2Clients {

    /** Prefix of client secrets, so a leaked one is recognisable by secret scanners. */
    public static final String SECRET_PREFIX = "rmpcs_";
    /** Prefix of client ids. */
    public static final String ID_PREFIX = "cli_";
    private static final int SECRET_LENGTH = 43;   // 43 base62 characters: 255 bits
    private static final int ID_LENGTH = 16;

    private final OAuth2ClientRepository repository;
    private final SecretMac mac;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Optional<StoredClient>> cache =
            Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

    /** @param serverSecret at least 32 random bytes that key the HMAC of client secrets; copied */
    public OAuth2Clients(dev.rampart.store.Store store, byte[] serverSecret, Clock clock) {
        this.repository = new OAuth2ClientRepository(Objects.requireNonNull(store, "store"));
        this.mac = new SecretMac(serverSecret);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public OAuth2Clients(dev.rampart.store.Store store, byte[] serverSecret) {
        this(store, serverSecret, Clock.systemUTC());
    }

    /** Registers a client; for a secret client the returned secret is the only copy. */
    public RegisteredOAuth2Client register(NewOAuth2Client request) {
        Objects.requireNonNull(request, "request");
        String id = ID_PREFIX + Base62.random(random, ID_LENGTH);
        OAuth2Client client = new OAuth2Client(id, request.name(), request.authMethod(), request.jwks(),
                request.scopes(), request.roles(), clock.instant(), true, null, null, request.plan());
        String secret = request.authMethod() == ClientAuthMethod.CLIENT_SECRET ? newSecret() : null;
        repository.insert(client, secret == null ? null : mac.mac(secret));
        cache.invalidate(id);
        return new RegisteredOAuth2Client(client, secret);
    }

    /** The client {@code id}, through the cache. */
    public Optional<OAuth2Client> find(String id) {
        return stored(id).map(StoredClient::client);
    }

    /** Every client, revoked ones included, oldest first; not cached. */
    public List<OAuth2Client> list() {
        return repository.list();
    }

    /**
     * Checks a client secret. The HMAC is computed before the lookup and both stored hashes are
     * always compared, so timing tells neither whether the client exists nor which secret matched.
     *
     * @return the client when the secret is its current one, or its previous one within the grace
     *     period of a rotation, and the client is a secret client, enabled and not revoked
     */
    public Optional<OAuth2Client> authenticateSecret(String clientId, String secret) {
        byte[] computed = mac.mac(secret == null ? "" : secret);
        Optional<StoredClient> found = stored(clientId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredClient stored = found.get();
        OAuth2Client client = stored.client();
        boolean current = SecretMac.sameHash(computed, stored.secretHash());
        boolean previous = SecretMac.sameHash(computed, stored.previousSecretHash())
                && client.previousSecretValidUntil() != null && clock.instant().isBefore(client.previousSecretValidUntil());
        boolean usable = client.authMethod() == ClientAuthMethod.CLIENT_SECRET && client.enabled() && !client.revoked();
        return (current | previous) && usable ? Optional.of(client) : Optional.empty();
    }

    /**
     * Issues a new secret; the old one keeps working for {@code grace} ({@link Duration#ZERO}: it
     * stops at once).
     *
     * @throws NoSuchElementException when there is no client {@code id}
     * @throws IllegalStateException when the client is revoked or uses private_key_jwt
     */
    public RegisteredOAuth2Client rotateSecret(String id, Duration grace) {
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("the grace period of a rotation must be zero or positive, got " + grace);
        }
        OAuth2Client client = existing(id);
        if (client.authMethod() != ClientAuthMethod.CLIENT_SECRET) {
            throw new IllegalStateException("OAuth2 client " + id + " authenticates with private_key_jwt and has no "
                    + "secret; register new public keys instead");
        }
        String secret = newSecret();
        boolean rotated = repository.lifecycle.rotate(id, mac.mac(secret), clock.instant().plus(grace));
        cache.invalidate(id);
        if (!rotated) {
            throw new IllegalStateException("OAuth2 client " + id + " is revoked; register a new client instead");
        }
        return new RegisteredOAuth2Client(existing(id), secret);
    }

    /**
     * Revokes client {@code id} for good: its secret and keys stop working at once in this process;
     * tokens already issued stay valid until they expire (they are short-lived).
     *
     * @throws NoSuchElementException when there is no client {@code id}
     */
    public void revoke(String id) {
        boolean revoked = repository.lifecycle.revoke(id, clock.instant());
        cache.invalidate(id);
        if (!revoked) {
            existing(id);
        }
    }

    /** Enables or disables client {@code id}; a revoked client stays revoked. */
    public void setEnabled(String id, boolean enabled) {
        boolean changed = repository.lifecycle.setEnabled(id, enabled);
        cache.invalidate(id);
        if (!changed && existing(id).revoked()) {
            throw new IllegalStateException("OAuth2 client " + id + " is revoked and cannot be enabled or disabled");
        }
    }

    private Optional<StoredClient> stored(String id) {
        if (id == null || !id.startsWith(ID_PREFIX) || id.length() != ID_PREFIX.length() + ID_LENGTH
                || !Base62.isBase62(id, ID_PREFIX.length(), id.length())) {
            return Optional.empty();   // not one of ours: no query for arbitrary attacker input
        }
        return cache.get(id, repository::find);
    }

    private OAuth2Client existing(String id) {
        return repository.find(id).map(StoredClient::client)
                .orElseThrow(() -> new NoSuchElementException("there is no OAuth2 client " + id));
    }

    private String newSecret() {
        return SECRET_PREFIX + Base62.random(random, SECRET_LENGTH);
    }

    /** Instant of the clock, for the token endpoint's checks. */
    Instant now() {
        return clock.instant();
    }
}

package dev.rampart.auth.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.auth.lockout.LoginThrottle;
import dev.rampart.core.Principal;
import dev.rampart.core.SecurityEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Users as an authenticator of API requests with HTTP Basic (RFC 7617): the user name and password
 * go through {@link UserLogin}, so through the same account and address lockout as console logins,
 * and the same generic failure for unknown user, wrong password, disabled and locked account.
 *
 * <pre>{@code
 * BasicLogin basic = new BasicLogin(users, login, Duration.ofMinutes(5), 10_000, Clock.systemUTC());
 * Optional<Principal> p = basic.cachedPrincipal(name, password);                 // cheap: event loop
 * LoginResult r = p.isPresent() ? ... : basic.authenticate(name, password, ip);  // Argon2id: worker
 * }</pre>
 *
 * <p><b>No second factor.</b> A Basic request carries no TOTP code: a user with TOTP enrolled is
 * refused (as a login without its code, {@link LoginFailure#SECOND_FACTOR_REQUIRED}, counted by the
 * lockout like any failure), so Basic never weakens an account protected by a second factor.
 *
 * <p><b>Verification cache.</b> Argon2id costs a quarter second by design, too slow for every API
 * call. A successful check is remembered for {@code cacheTtl} under HMAC-SHA256(key, user name +
 * ":" + password), with a random key made at construction and never stored, so the cache holds
 * neither passwords nor anything an offline guess could be tested against after the process ends.
 * Only the exact right password hits; every other attempt still goes through Argon2id and the
 * lockout. A hit is not re-checked against the lockout: it proves the password, and an attacker
 * locking the account by guessing does not cut off its owner within the TTL. Entries of a user are
 * dropped at once when {@link Users} changes the user's password, roles, enabled flag or TOTP, or
 * deletes the user ({@link Users#addChangeListener}); a check that raced with such a change is not
 * cached. Changes made by another process (another gateway node, {@code rampart users}) reach this
 * cache only when its entries expire: {@code cacheTtl} bounds how long an old password or role
 * keeps working there.
 *
 * <p>Thread-safe. {@link #authenticate} blocks (Argon2id, the store); {@link #cachedPrincipal} does not.
 */
public final class BasicLogin {

    /** The {@code authenticator} detail of this authenticator's events. */
    public static final String AUTHENTICATOR = "basic";
    private static final String HMAC = "HmacSHA256";

    private final UserLogin login;
    private final Clock clock;
    private final SecretKeySpec cacheKey;
    /** Null when caching is off ({@code cacheTtl} zero). */
    private final Cache<String, Cached> cache;
    /** Bumped by every user change, so that a check overlapping one does not cache what it read before it. */
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong verifications = new AtomicLong();

    private record Cached(String userId, Principal principal) {
    }

    /**
     * @param cacheTtl how long a verified user name and password are remembered; zero turns the
     *     cache off (every request pays one Argon2id verification)
     * @param maxCached the most entries kept (least recently used ones go first)
     */
    public BasicLogin(Users users, UserLogin login, Duration cacheTtl, int maxCached, Clock clock) {
        Objects.requireNonNull(users, "users");
        this.login = Objects.requireNonNull(login, "login");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (cacheTtl.isNegative() || maxCached < 1) {
            throw new IllegalArgumentException("the cache TTL must be zero or more and the cache hold one entry or more");
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, HMAC);
        this.cache = cacheTtl.isZero() ? null : Caffeine.newBuilder().maximumSize(maxCached)
                .expireAfterWrite(cacheTtl)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        users.addChangeListener(this::forget);
    }

    /** The principal of a user name and password verified within the TTL, else empty. Does not block. */
    public Optional<Principal> cachedPrincipal(String username, CharSequence password) {
        if (cache == null) {
            return Optional.empty();
        }
        Cached hit = cache.getIfPresent(key(username, password));
        return hit == null ? Optional.empty() : Optional.of(hit.principal());
    }

    /**
     * Checks a user name and password: from the cache when verified within the TTL, else with
     * {@link UserLogin} (Argon2id, lockout). Never throws for bad credentials; the result's event
     * is the one {@link UserLogin} made, or a succeeded event with {@code cached=true}.
     *
     * @param clientAddress the client IP as text, for the address lockout and the event
     */
    public LoginResult authenticate(String username, CharSequence password, String clientAddress) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        String key = cache == null ? null : key(username, password);
        Cached hit = cache == null ? null : cache.getIfPresent(key);
        if (hit != null) {
            return new LoginResult(Optional.of(hit.principal()), Optional.empty(), Optional.empty(),
                    new SecurityEvent(clock.instant(), UserLogin.SUCCEEDED, SecurityEvent.Severity.INFO,
                            UserLogin.EVENT_SOURCE, "login", null, null, clientAddress, hit.principal().id(),
                            Map.of("account", LoginThrottle.accountKey(username), "factors", "password",
                                    "authenticator", AUTHENTICATOR, "cached", "true")));
        }
        long before = changes.get();
        verifications.incrementAndGet();
        LoginResult result = login.attempt(new LoginAttempt(username, password, Optional.empty(), clientAddress));
        if (result.succeeded() && cache != null) {
            Principal principal = result.principal().get();
            cache.put(key, new Cached(principal.id(), principal));
            if (changes.get() != before) {
                cache.invalidate(key);   // the user changed while we checked: what we read may be stale
            }
        }
        return result;
    }

    /** Drops every cached check of user {@code userId}; called by {@link Users} on each change of a user. */
    public void forget(String userId) {
        changes.incrementAndGet();
        if (cache != null) {
            cache.asMap().values().removeIf(c -> c.userId().equals(userId));
        }
    }

    /** How many checks went to {@link UserLogin} (Argon2id) rather than the cache, since construction. */
    public long verifications() {
        return verifications.get();
    }

    /** The cache key: names compared as logins compare them (ignoring case), the password exactly. */
    private String key(String username, CharSequence password) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(cacheKey);
            mac.update(LoginThrottle.accountKey(username).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) ':');
            return Base64.getEncoder().encodeToString(mac.doFinal(password.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}

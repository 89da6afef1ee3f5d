package dev.rampart.auth.session;

import static dev.rampart.auth.credential.SecretCredentialTable.instant;

import dev.rampart.auth.credential.JdbcTable;
import dev.rampart.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side console sessions in the store's {@code sessions} table (migration V9).
 *
 * <pre>{@code
 * Sessions sessions = new Sessions(store, SessionSettings.DEFAULT, Clock.systemUTC());
 * IssuedSession s = sessions.create(userId, cookie.read(request.cookieHeader()).orElse(null)); // at login
 * response.header("Set-Cookie", cookie.setCookie(s.id()));
 * Optional<ActiveSession> who = sessions.validate(cookieValue);                               // per request
 * }</pre>
 *
 * <p>A session id is 256 bits from {@link SecureRandom}, base64url; the store keeps only its
 * SHA-256, so a copy of the table cannot be replayed as cookies. A fast hash suffices: the id has
 * full entropy (no dictionary to try).
 *
 * <p><b>Session fixation</b> (OWASP): {@link #create} drops the session the client had before login,
 * and {@link #rotate} gives a new id on a privilege change, so an id planted by an attacker never
 * becomes authenticated.
 *
 * <p><b>Last seen</b> is kept in memory and written by {@link #flushLastSeen()} in one batch, which
 * the gateway calls periodically (every minute): a write per request would make every console click
 * a database write. In a cluster another node sees a use after the flush, so keep the idle timeout
 * well above the flush interval.
 *
 * <p><b>Blocking.</b> Every method blocks on the store; call from a worker thread. Thread-safe.
 */
public final class Sessions {

    static final int ID_BYTES = 32;

    private static final String COLUMNS = "user_id, created_at, last_seen_at";
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final JdbcTable table;
    private final SessionSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Last use per session id hash (hex), not yet written. */
    private final Map<String, Instant> pendingLastSeen = new ConcurrentHashMap<>();

    public Sessions(Store store, SessionSettings settings, Clock clock) {
        this.table = new JdbcTable(Objects.requireNonNull(store, "store").dataSource(), "sessions table", "V9");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts a session for a user who has just logged in. {@code replacedId}, the session cookie the
     * client sent with the login (null if none), is invalidated: the login never adopts an existing id.
     */
    public IssuedSession create(String userId, String replacedId) {
        Objects.requireNonNull(userId, "userId");
        if (replacedId != null) {
            invalidate(replacedId);
        }
        return insert(userId, now());
    }

    /**
     * Replaces a valid session's id with a new one, keeping its user and login time (the absolute
     * timeout still counts from the login). Call it when the user's privileges change (roles, TOTP
     * enrolled, password changed) and send the new cookie.
     *
     * @throws NoSuchElementException when {@code id} is not a valid session
     */
    public IssuedSession rotate(String id) {
        ActiveSession current = validate(id).orElseThrow(() -> new NoSuchElementException(
                "the session to rotate is unknown or expired — log in again"));
        invalidate(id);
        return insert(current.userId(), current.createdAt());
    }

    /**
     * The session for a presented cookie value, if it exists and neither its idle nor its absolute
     * timeout has passed; records the use. An expired session is deleted.
     */
    public Optional<ActiveSession> validate(String id) {
        Optional<String> hash = idHash(id);
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        byte[] key = hex(hash.get());
        Optional<ActiveSession> stored = table.queryOne("SELECT " + COLUMNS + " FROM sessions WHERE id_hash = ?",
                s -> s.setBytes(1, key), r -> session(r.getString("user_id"), instant(r, "created_at"),
                        latest(instant(r, "last_seen_at"), pendingLastSeen.get(hash.get()))),
                "read a session");
        if (stored.isEmpty()) {
            pendingLastSeen.remove(hash.get());
            return Optional.empty();
        }
        Instant now = now();
        if (!now.isBefore(stored.get().expiresAt())) {
            delete(hash.get());
            return Optional.empty();
        }
        pendingLastSeen.merge(hash.get(), now, Sessions::latest);
        return Optional.of(session(stored.get().userId(), stored.get().createdAt(), now));
    }

    /** Logout: the session stops working at once. Unknown ids are ignored. */
    public void invalidate(String id) {
        idHash(id).ifPresent(this::delete);
    }

    /** The stored sessions of a user, oldest first, expired ones included until they are removed (metadata only). */
    public List<ActiveSession> listFor(String userId) {
        return table.query("SELECT " + COLUMNS + " FROM sessions WHERE user_id = ? ORDER BY created_at",
                s -> s.setString(1, userId), r -> session(r.getString("user_id"), instant(r, "created_at"),
                        instant(r, "last_seen_at")), "list the sessions of user " + userId);
    }

    /** Ends every session of a user (password changed, user disabled or deleted); returns how many. */
    public int invalidateAll(String userId) {
        return table.update("DELETE FROM sessions WHERE user_id = ?", s -> s.setString(1, userId),
                "end the sessions of user " + userId);
    }

    /**
     * Ends every session of a user but {@code keptId}, returning how many: after a privilege change
     * made through the user's own session, once that session was {@linkplain #rotate rotated}.
     */
    public int invalidateAllExcept(String userId, String keptId) {
        byte[] kept = sha256(Objects.requireNonNull(keptId, "keptId"));
        return table.update("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?", s -> {
            s.setString(1, userId);
            s.setBytes(2, kept);
        }, "end the other sessions of user " + userId);
    }

    /**
     * Writes the last-use times collected since the previous flush in one batch and returns how many
     * it wrote. Never moves a time backwards (another node may be ahead). On a store failure the
     * times stay pending.
     */
    public int flushLastSeen() {
        Map<String, Instant> batch = Map.copyOf(pendingLastSeen);
        if (batch.isEmpty()) {
            return 0;
        }
        table.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE sessions SET last_seen_at = ? "
                    + "WHERE id_hash = ? AND last_seen_at < ?")) {
                for (Map.Entry<String, Instant> e : batch.entrySet()) {
                    s.setLong(1, e.getValue().toEpochMilli());
                    s.setBytes(2, hex(e.getKey()));
                    s.setLong(3, e.getValue().toEpochMilli());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        }, "record the last use of " + batch.size() + " sessions");
        batch.forEach(pendingLastSeen::remove);
        return batch.size();
    }

    /**
     * Deletes sessions past either timeout as of their stored last use; returns how many. Call it
     * periodically after {@link #flushLastSeen()}, so the table does not grow with abandoned sessions.
     */
    public int removeExpired() {
        long now = now().toEpochMilli();
        return table.update("DELETE FROM sessions WHERE created_at <= ? OR last_seen_at <= ?", s -> {
            s.setLong(1, now - settings.absoluteTimeout().toMillis());
            s.setLong(2, now - settings.idleTimeout().toMillis());
        }, "remove expired sessions");
    }

    private IssuedSession insert(String userId, Instant createdAt) {
        byte[] raw = new byte[ID_BYTES];
        random.nextBytes(raw);
        String id = ID_ENCODER.encodeToString(raw);
        Instant now = now();
        table.update("INSERT INTO sessions (id_hash, " + COLUMNS + ") VALUES (?, ?, ?, ?)", s -> {
            s.setBytes(1, sha256(id));
            s.setString(2, userId);
            s.setLong(3, createdAt.toEpochMilli());
            s.setLong(4, now.toEpochMilli());
        }, "create a session for user " + userId);
        return new IssuedSession(id, session(userId, createdAt, now));
    }

    private void delete(String hash) {
        pendingLastSeen.remove(hash);
        table.update("DELETE FROM sessions WHERE id_hash = ?", s -> s.setBytes(1, hex(hash)), "end a session");
    }

    private ActiveSession session(String userId, Instant createdAt, Instant lastSeen) {
        Instant idleEnd = lastSeen.plus(settings.idleTimeout());
        Instant absoluteEnd = createdAt.plus(settings.absoluteTimeout());
        return new ActiveSession(userId, createdAt, lastSeen, idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd);
    }

    /** The hash of a well-formed id (43 base64url characters), as hex; empty for anything else. */
    private static Optional<String> idHash(String id) {
        if (id == null || id.length() != 43 || !id.chars().allMatch(Sessions::isBase64Url)) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(sha256(id)));
    }

    private static boolean isBase64Url(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static byte[] hex(String hash) {
        return HexFormat.of().parseHex(hash);
    }

    static byte[] sha256(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256, which every Java SE has", e);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    // the store keeps milliseconds; truncating keeps returned values equal to what is read back
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

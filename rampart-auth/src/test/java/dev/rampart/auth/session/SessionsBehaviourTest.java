package dev.rampart.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.auth.MutableClock;
import dev.rampart.auth.password.Argon2idParameters;
import dev.rampart.auth.password.PasswordHasher;
import dev.rampart.auth.password.PasswordPolicy;
import dev.rampart.auth.user.NewUser;
import dev.rampart.auth.user.Users;
import dev.rampart.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link Sessions} does against a real store; run on SQLite and on PostgreSQL. */
abstract class SessionsBehaviourTest {

    static final SessionSettings SETTINGS = new SessionSettings(Duration.ofMinutes(30), Duration.ofHours(8));

    final MutableClock clock = new MutableClock();
    Store store;
    Users users;
    Sessions sessions;
    String alice;
    String bob;

    abstract Store openStore();

    @BeforeEach
    void open() {
        store = openStore();
        users = new Users(store, PasswordHasher.with(new Argon2idParameters(8, 1, 1)), PasswordPolicy.defaults(),
                "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), clock);
        alice = users.create(new NewUser("alice", Optional.empty(), Set.of("admin"), "correct horse battery staple")).id();
        bob = users.create(new NewUser("bob", Optional.empty(), Set.of(), "another horse battery staple")).id();
        sessions = new Sessions(store, SETTINGS, clock);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    List<byte[]> storedIdHashes() throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id_hash FROM sessions")) {
            List<byte[]> hashes = new ArrayList<>();
            while (r.next()) {
                hashes.add(r.getBytes(1));
            }
            return hashes;
        }
    }

    Instant storedLastSeen() throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT last_seen_at FROM sessions")) {
            assertThat(r.next()).isTrue();
            return Instant.ofEpochMilli(r.getLong(1));
        }
    }

    @Test
    void aNewSessionHasA256BitIdOfWhichOnlyTheHashIsStored() throws Exception {
        IssuedSession issued = sessions.create(alice, null);

        assertThat(issued.id()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(issued.toString()).doesNotContain(issued.id());
        assertThat(storedIdHashes()).containsExactly(
                MessageDigest.getInstance("SHA-256").digest(issued.id().getBytes(StandardCharsets.US_ASCII)));
        assertThat(sessions.validate(issued.id()).orElseThrow().userId()).isEqualTo(alice);
        assertThat(sessions.create(alice, null).id()).isNotEqualTo(issued.id());
    }

    @Test
    void refusesUnknownAndMalformedIds() {
        sessions.create(alice, null);
        assertThat(sessions.validate("A".repeat(43))).isEmpty();
        assertThat(sessions.validate("short")).isEmpty();
        assertThat(sessions.validate("'; DROP TABLE sessions; --aaaaaaaaaaaaaaaaaa")).isEmpty();
        assertThat(sessions.validate(null)).isEmpty();
    }

    @Test
    void endsASessionUnusedForTheIdleTimeout() {
        String id = sessions.create(alice, null).id();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.validate(id)).isPresent();
        clock.advance(Duration.ofMinutes(29));   // 29 min after the last use: still alive
        assertThat(sessions.validate(id)).isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.validate(id)).isEmpty();
        clock.advance(Duration.ofMinutes(-30));
        assertThat(sessions.validate(id)).as("an expired session is deleted").isEmpty();
    }

    @Test
    void endsAnActiveSessionAtTheAbsoluteTimeout() {
        IssuedSession issued = sessions.create(alice, null);
        for (int i = 0; i < 16; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertThat(sessions.validate(issued.id())).isPresent();
        }
        clock.advance(Duration.ofMinutes(16));   // 8 h after login, 16 min after the last use
        assertThat(sessions.validate(issued.id())).isEmpty();
    }

    @Test
    void reportsTheEarlierOfTheIdleAndAbsoluteDeadlines() {
        IssuedSession issued = sessions.create(alice, null);
        assertThat(issued.session().expiresAt()).isEqualTo(clock.instant().plus(SETTINGS.idleTimeout()));
        ActiveSession late = null;
        for (int i = 0; i < 16; i++) {
            clock.advance(Duration.ofMinutes(29));
            late = sessions.validate(issued.id()).orElseThrow();
        }
        assertThat(late.expiresAt()).isEqualTo(issued.session().createdAt().plus(SETTINGS.absoluteTimeout()));
    }

    @Test
    void loginNeverAdoptsTheSessionIdTheClientBroughtSessionFixation() {
        // the attacker's own session id, planted in the victim's browser
        String planted = sessions.create(bob, null).id();

        IssuedSession afterLogin = sessions.create(alice, planted);

        assertThat(afterLogin.id()).isNotEqualTo(planted);
        assertThat(sessions.validate(planted)).isEmpty();
        assertThat(sessions.validate(afterLogin.id()).orElseThrow().userId()).isEqualTo(alice);
    }

    @Test
    void rotationOnPrivilegeChangeReplacesTheIdAndKeepsTheLoginTime() {
        IssuedSession before = sessions.create(alice, null);
        clock.advance(Duration.ofMinutes(10));

        IssuedSession after = sessions.rotate(before.id());

        assertThat(after.id()).isNotEqualTo(before.id());
        assertThat(sessions.validate(before.id())).isEmpty();
        ActiveSession active = sessions.validate(after.id()).orElseThrow();
        assertThat(active.userId()).isEqualTo(alice);
        assertThat(active.createdAt()).isEqualTo(before.session().createdAt());
        assertThatThrownBy(() -> sessions.rotate(before.id())).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void logoutEndsOneSessionAndInvalidateAllEndsEveryOneOfTheUser() {
        String a1 = sessions.create(alice, null).id();
        String a2 = sessions.create(alice, null).id();
        String b1 = sessions.create(bob, null).id();

        sessions.invalidate(a1);
        assertThat(sessions.validate(a1)).isEmpty();
        assertThat(sessions.validate(a2)).isPresent();

        assertThat(sessions.invalidateAll(alice)).isEqualTo(1);
        assertThat(sessions.validate(a2)).isEmpty();
        assertThat(sessions.validate(b1)).isPresent();
    }

    @Test
    void aPrivilegeChangeThroughOwnSessionRotatesItAndEndsTheOthers() {
        String own = sessions.create(alice, null).id();
        String other = sessions.create(alice, null).id();
        String bobs = sessions.create(bob, null).id();

        IssuedSession rotated = sessions.rotate(own);
        assertThat(sessions.invalidateAllExcept(alice, rotated.id())).isEqualTo(1);

        assertThat(sessions.validate(own)).isEmpty();
        assertThat(sessions.validate(other)).isEmpty();
        assertThat(sessions.validate(rotated.id())).isPresent();
        assertThat(sessions.validate(bobs)).isPresent();
    }

    @Test
    void listsTheSessionsOfOneUserWithTheirTimesOnly() {
        sessions.create(alice, null);
        clock.advance(Duration.ofMinutes(1));
        sessions.create(alice, null);
        sessions.create(bob, null);

        List<ActiveSession> listed = sessions.listFor(alice);
        assertThat(listed).hasSize(2).allMatch(s -> s.userId().equals(alice));
        assertThat(listed.get(0).createdAt()).isBefore(listed.get(1).createdAt());
        assertThat(sessions.listFor("nobody")).isEmpty();
    }

    @Test
    void deletingTheUserEndsTheirSessions() {
        String id = sessions.create(alice, null).id();
        users.delete(alice);
        assertThat(sessions.validate(id)).isEmpty();
    }

    @Test
    void lastSeenIsWrittenInBatchesNotPerRequest() throws SQLException {
        String id = sessions.create(alice, null).id();
        Instant created = clock.instant();
        clock.advance(Duration.ofMinutes(20));
        sessions.validate(id);
        sessions.validate(id);
        assertThat(storedLastSeen()).as("no write per request").isEqualTo(created);

        assertThat(sessions.flushLastSeen()).isEqualTo(1);
        assertThat(storedLastSeen()).isEqualTo(clock.instant());
        assertThat(sessions.flushLastSeen()).isZero();

        // another gateway sees the flushed use: 20 + 20 minutes after login, still within the idle timeout
        clock.advance(Duration.ofMinutes(20));
        assertThat(new Sessions(store, SETTINGS, clock).validate(id)).isPresent();
    }

    @Test
    void removeExpiredDeletesAbandonedSessions() throws SQLException {
        sessions.create(alice, null);
        clock.advance(Duration.ofMinutes(20));
        String fresh = sessions.create(bob, null).id();
        clock.advance(Duration.ofMinutes(15));

        assertThat(sessions.removeExpired()).isEqualTo(1);
        assertThat(storedIdHashes()).hasSize(1);
        assertThat(sessions.validate(fresh)).isPresent();
    }

    @Test
    void settingsRefuseAnIdleTimeoutLongerThanTheAbsoluteOne() {
        assertThatThrownBy(() -> new SessionSettings(Duration.ofHours(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most the absolute timeout");
    }

}

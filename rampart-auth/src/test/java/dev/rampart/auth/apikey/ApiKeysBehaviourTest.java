package dev.rampart.auth.apikey;

import dev.rampart.auth.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.auth.apikey.ApiKeyAuthentication.Accepted;
import dev.rampart.auth.apikey.ApiKeyAuthentication.Rejected;
import dev.rampart.core.Principal;
import dev.rampart.store.Store;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link ApiKeys} does against a real store; run on SQLite and on PostgreSQL. */
abstract class ApiKeysBehaviourTest {

    static final byte[] SERVER_SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final InetAddress CLIENT = address("192.0.2.10");

    final MutableClock clock = new MutableClock();
    Store store;
    ApiKeys keys;

    abstract Store openStore();

    @BeforeEach
    void open() {
        store = openStore();
        keys = new ApiKeys(store, SERVER_SECRET, clock);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static NewApiKey deployKey() {
        return new NewApiKey("ci-deploy", "team-payments", Set.of("deployer"), Set.of("deploy:write", "deploy:read"),
                List.of(), null);
    }

    ApiKeyRejection rejection(String presented, InetAddress client) {
        ApiKeyAuthentication result = keys.authenticate(presented, client);
        assertThat(result).isInstanceOf(Rejected.class);
        return ((Rejected) result).reason();
    }

    static String secretOf(CreatedApiKey created) {
        return ((PresentedKey) ApiKeyFormat.parse(created.plaintextKeyShownOnce())).secret();
    }

    @Test
    void createdKeyAuthenticatesAsAnApiKeyPrincipalWithItsRolesAndScopes() {
        CreatedApiKey created = keys.create(deployKey());

        ApiKeyAuthentication result = keys.authenticate(created.plaintextKeyShownOnce(), CLIENT);

        assertThat(result).isInstanceOf(Accepted.class);
        Principal principal = ((Accepted) result).principal();
        assertThat(principal.id()).isEqualTo(created.record().id());
        assertThat(principal.type()).isEqualTo(Principal.Type.API_KEY);
        assertThat(principal.authenticator()).isEqualTo("api-key");
        assertThat(principal.roles()).containsExactly("deployer");
        assertThat(principal.scopes()).containsExactlyInAnyOrder("deploy:write", "deploy:read");
        assertThat(principal.attributes()).containsEntry("name", "ci-deploy").containsEntry("owner", "team-payments");
    }

    @Test
    void aKeysPlanIsStoredAndGivenToItsCallerAsThePlanAttribute() {
        CreatedApiKey gold = keys.create(new NewApiKey("partner", "team-b", Set.of(), Set.of(), List.of(), null, "gold"));
        CreatedApiKey plain = keys.create(deployKey());

        assertThat(keys.get(gold.record().id()).orElseThrow().plan()).isEqualTo("gold");
        assertThat(keys.get(plain.record().id()).orElseThrow().plan()).isNull();
        Principal withPlan = ((Accepted) keys.authenticate(gold.plaintextKeyShownOnce(), CLIENT)).principal();
        assertThat(withPlan.attributes()).containsEntry(ApiKeys.PLAN_ATTRIBUTE, "gold");
        Principal withoutPlan = ((Accepted) keys.authenticate(plain.plaintextKeyShownOnce(), CLIENT)).principal();
        assertThat(withoutPlan.attributes()).doesNotContainKey(ApiKeys.PLAN_ATTRIBUTE);
        assertThatThrownBy(() -> new NewApiKey("x", "y", Set.of(), Set.of(), List.of(), null, "two words"))
                .hasMessageContaining("plan");
    }

    @Test
    void storedMetadataReadsBackAsCreated() {
        CreatedApiKey created = keys.create(new NewApiKey("ci", "alice", Set.of("a", "b"), Set.of(),
                List.of("10.0.0.0/8", "2001:db8::/32"), Duration.ofDays(90)));

        ApiKeyRecord read = keys.get(created.record().id()).orElseThrow();

        assertThat(read).isEqualTo(created.record());
        assertThat(read.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(90)));
        assertThat(read.allowedCidrs().blocks()).containsExactly("10.0.0.0/8", "2001:db8::/32");
        assertThat(keys.list()).extracting(ApiKeyRecord::id).contains(created.record().id());
        assertThat(keys.get("000000000000")).isEmpty();
    }

    @Test
    void rejectsTheRightKeyIdWithAnotherSecretAsBadSecret() {
        CreatedApiKey created = keys.create(deployKey());
        String forged = ApiKeyFormat.format(created.record().id(), ApiKeyFormat.newSecret(new java.security.SecureRandom()));

        assertThat(rejection(forged, CLIENT)).isEqualTo(ApiKeyRejection.BAD_SECRET);
    }

    @Test
    void rejectsAWellFormedKeyWhoseIdDoesNotExistAsUnknown() {
        String unknown = ApiKeyFormat.format("AAAAAAAAAAAA", "B".repeat(ApiKeyFormat.SECRET_LENGTH));

        ApiKeyAuthentication result = keys.authenticate(unknown, CLIENT);

        assertThat(result).isEqualTo(new Rejected(ApiKeyRejection.UNKNOWN_KEY, "AAAAAAAAAAAA"));
    }

    @Test
    void typoIsCaughtByTheChecksumWithoutTouchingTheStore() {
        CreatedApiKey created = keys.create(deployKey());
        String key = created.plaintextKeyShownOnce();
        String typo = key.substring(0, 30) + (key.charAt(30) == 'q' ? 'r' : 'q') + key.substring(31);
        store.close(); // any store access would now throw

        assertThat(keys.authenticate(typo, CLIENT)).isEqualTo(new Rejected(ApiKeyRejection.BAD_CHECKSUM, null));
        assertThat(keys.authenticate("Bearer " + key, CLIENT)).isEqualTo(new Rejected(ApiKeyRejection.MALFORMED, null));
    }

    @Test
    void keyStopsWorkingWhenItsExpiryPasses() {
        CreatedApiKey created = keys.create(new NewApiKey("short", "alice", Set.of(), Set.of(), List.of(), Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(59));
        assertThat(keys.authenticate(created.plaintextKeyShownOnce(), CLIENT).accepted()).isTrue();

        clock.advance(Duration.ofMinutes(1));

        assertThat(rejection(created.plaintextKeyShownOnce(), CLIENT)).isEqualTo(ApiKeyRejection.EXPIRED);
    }

    @Test
    void disabledKeyIsRejectedUntilEnabledAgain() {
        CreatedApiKey created = keys.create(deployKey());
        String id = created.record().id();
        keys.authenticate(created.plaintextKeyShownOnce(), CLIENT); // now cached

        keys.disable(id);
        assertThat(rejection(created.plaintextKeyShownOnce(), CLIENT)).isEqualTo(ApiKeyRejection.DISABLED);
        assertThat(keys.get(id).orElseThrow().enabled()).isFalse();

        keys.enable(id);
        assertThat(keys.authenticate(created.plaintextKeyShownOnce(), CLIENT).accepted()).isTrue();
    }

    /** Only the holder of the secret learns a key's state; the key id alone appears in logs. */
    @Test
    void wrongSecretOfADisabledKeyIsBadSecretNotDisabled() {
        CreatedApiKey created = keys.create(deployKey());
        keys.disable(created.record().id());
        String forged = ApiKeyFormat.format(created.record().id(), "C".repeat(ApiKeyFormat.SECRET_LENGTH));

        assertThat(rejection(forged, CLIENT)).isEqualTo(ApiKeyRejection.BAD_SECRET);
    }

    @Test
    void deleteRevokesAtOnceAndLeavesNoRecord() {
        CreatedApiKey created = keys.create(deployKey());
        String id = created.record().id();
        assertThat(keys.authenticate(created.plaintextKeyShownOnce(), CLIENT).accepted()).isTrue();

        keys.delete(id);

        assertThat(rejection(created.plaintextKeyShownOnce(), CLIENT)).isEqualTo(ApiKeyRejection.UNKNOWN_KEY);
        assertThat(keys.get(id)).isEmpty();
        assertThat(keys.list()).extracting(ApiKeyRecord::id).doesNotContain(id);
        assertThatThrownBy(() -> keys.delete(id)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void revokeTakesEffectAtOnceEvenForACachedKey() {
        CreatedApiKey created = keys.create(deployKey());
        String id = created.record().id();
        assertThat(keys.authenticate(created.plaintextKeyShownOnce(), CLIENT).accepted()).isTrue();

        keys.revoke(id);

        assertThat(rejection(created.plaintextKeyShownOnce(), CLIENT)).isEqualTo(ApiKeyRejection.REVOKED);
        assertThat(keys.get(id).orElseThrow().revokedAt()).isEqualTo(clock.instant());
        keys.revoke(id); // again: nothing changes
    }

    @Test
    void revokedKeyCanBeNeitherEnabledNorRotated() {
        String id = keys.create(deployKey()).record().id();
        keys.revoke(id);

        assertThatThrownBy(() -> keys.enable(id)).isInstanceOf(IllegalStateException.class).hasMessageContaining("revoked");
        assertThatThrownBy(() -> keys.rotate(id, Duration.ZERO)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void operationsOnAnUnknownKeyIdSayThereIsNoSuchKey() {
        assertThatThrownBy(() -> keys.rotate("AAAAAAAAAAAA", Duration.ZERO))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("AAAAAAAAAAAA");
        assertThatThrownBy(() -> keys.revoke("AAAAAAAAAAAA")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> keys.disable("AAAAAAAAAAAA")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void rotatedOutSecretWorksUntilTheGraceDeadlineAndTheNewOneFromTheStart() {
        CreatedApiKey created = keys.create(deployKey());
        String oldKey = created.plaintextKeyShownOnce();
        keys.authenticate(oldKey, CLIENT); // cached before the rotation

        CreatedApiKey rotated = keys.rotate(created.record().id(), Duration.ofHours(24));
        String newKey = rotated.plaintextKeyShownOnce();

        assertThat(newKey).isNotEqualTo(oldKey).startsWith("rmp_" + created.record().id() + "_");
        assertThat(rotated.record().previousSecretValidUntil()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(keys.authenticate(newKey, CLIENT).accepted()).isTrue();
        assertThat(keys.authenticate(oldKey, CLIENT).accepted()).isTrue();

        clock.advance(Duration.ofHours(24).minusMillis(1));
        assertThat(keys.authenticate(oldKey, CLIENT).accepted()).isTrue();

        clock.advance(Duration.ofMillis(1));
        assertThat(rejection(oldKey, CLIENT)).isEqualTo(ApiKeyRejection.BAD_SECRET);
        assertThat(keys.authenticate(newKey, CLIENT).accepted()).isTrue();
    }

    @Test
    void rotationWithoutGraceStopsTheOldSecretAtOnce() {
        CreatedApiKey created = keys.create(deployKey());

        CreatedApiKey rotated = keys.rotate(created.record().id(), Duration.ZERO);

        assertThat(rejection(created.plaintextKeyShownOnce(), CLIENT)).isEqualTo(ApiKeyRejection.BAD_SECRET);
        assertThat(keys.authenticate(rotated.plaintextKeyShownOnce(), CLIENT).accepted()).isTrue();
    }

    @Test
    void keyLimitedToNetworksIsRejectedFromElsewhere() {
        CreatedApiKey created = keys.create(new NewApiKey("office", "alice", Set.of(), Set.of(),
                List.of("10.0.0.0/8", "2001:db8::/32"), null));
        String key = created.plaintextKeyShownOnce();

        assertThat(keys.authenticate(key, address("10.1.2.3")).accepted()).isTrue();
        assertThat(keys.authenticate(key, address("2001:db8::1")).accepted()).isTrue();
        assertThat(rejection(key, address("192.0.2.10"))).isEqualTo(ApiKeyRejection.IP_NOT_ALLOWED);
        assertThat(rejection(key, address("2001:db9::1"))).isEqualTo(ApiKeyRejection.IP_NOT_ALLOWED);
        assertThat(rejection(key, null)).isEqualTo(ApiKeyRejection.IP_NOT_ALLOWED);
    }

    @Test
    void manyAuthenticationsAreWrittenAsTheLatestUseInOneFlush() throws SQLException {
        CreatedApiKey first = keys.create(deployKey());
        CreatedApiKey second = keys.create(deployKey());
        Instant latest = null;
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofSeconds(1));
            latest = clock.instant();
            keys.authenticate(first.plaintextKeyShownOnce(), CLIENT);
        }
        keys.authenticate(second.plaintextKeyShownOnce(), CLIENT);
        assertThat(keys.get(first.record().id()).orElseThrow().lastUsedAt()).isNull();

        assertThat(keys.flushLastUsed()).isEqualTo(2);

        assertThat(keys.get(first.record().id()).orElseThrow().lastUsedAt()).isEqualTo(latest);
        assertThat(keys.get(second.record().id()).orElseThrow().lastUsedAt()).isEqualTo(latest);
        assertThat(keys.flushLastUsed()).isZero();
    }

    @Test
    void lastUseNeverMovesBackwardsWhenAnotherProcessWroteALaterTime() {
        CreatedApiKey created = keys.create(deployKey());
        ApiKeys otherProcess = new ApiKeys(store, SERVER_SECRET, clock);
        keys.authenticate(created.plaintextKeyShownOnce(), CLIENT);
        Instant earlier = clock.instant();
        clock.advance(Duration.ofMinutes(5));
        otherProcess.authenticate(created.plaintextKeyShownOnce(), CLIENT);
        otherProcess.flushLastUsed();

        keys.flushLastUsed();

        assertThat(keys.get(created.record().id()).orElseThrow().lastUsedAt()).isAfter(earlier).isEqualTo(clock.instant());
    }

    @Test
    void plaintextKeyAndSecretAreNowhereInTheTable() throws SQLException {
        CreatedApiKey created = keys.create(deployKey());
        CreatedApiKey rotated = keys.rotate(created.record().id(), Duration.ofHours(1));
        keys.authenticate(rotated.plaintextKeyShownOnce(), CLIENT);
        keys.flushLastUsed();

        List<String> cells = allCells();

        assertThat(cells).isNotEmpty();
        for (String secret : List.of(secretOf(created), secretOf(rotated))) {
            assertThat(cells).noneMatch(cell -> cell.contains(secret));
        }
        assertThat(created.toString()).doesNotContain(secretOf(created));
    }

    @Test
    void storedHashIsTheHmacSha256OfTheSecretUnderTheServerSecret() throws Exception {
        CreatedApiKey created = keys.create(deployKey());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SERVER_SECRET, "HmacSHA256"));
        byte[] expected = mac.doFinal(secretOf(created).getBytes(StandardCharsets.US_ASCII));

        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT secret_hash FROM api_keys WHERE id = '" + created.record().id() + "'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getBytes(1)).isEqualTo(expected).hasSize(32);
        }
    }

    @Test
    void anotherServerSecretAcceptsNoKey() {
        CreatedApiKey created = keys.create(deployKey());
        byte[] otherSecret = Arrays.copyOf(SERVER_SECRET, SERVER_SECRET.length);
        otherSecret[0] ^= 1;

        ApiKeys other = new ApiKeys(store, otherSecret, clock);

        assertThat(other.authenticate(created.plaintextKeyShownOnce(), CLIENT))
                .isEqualTo(new Rejected(ApiKeyRejection.BAD_SECRET, created.record().id()));
    }

    @Test
    void refusesInvalidNewKeysWithAMessageSayingWhatToFix() {
        assertThatThrownBy(() -> new NewApiKey("", "alice", Set.of(), Set.of(), List.of(), null))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new NewApiKey("ci", "alice", Set.of("two words"), Set.of(), List.of(), null))
                .hasMessageContaining("'two words'");
        assertThatThrownBy(() -> new NewApiKey("ci", "alice", Set.of(), Set.of(), List.of("10.0.0.1/8"), null))
                .hasMessageContaining("10.0.0.1/8");
        assertThatThrownBy(() -> new NewApiKey("ci", "alice", Set.of(), Set.of(), List.of(), Duration.ZERO))
                .hasMessageContaining("expiry");
    }

    /** Every cell of the api_keys table as text, binary cells also as their bytes read as ASCII. */
    private List<String> allCells() throws SQLException {
        List<String> cells = new java.util.ArrayList<>();
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM api_keys")) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    byte[] bytes = r.getBytes(i);
                    if (bytes != null) {
                        cells.add(new String(bytes, StandardCharsets.ISO_8859_1));
                        cells.add(String.valueOf(r.getObject(i)));
                    }
                }
            }
        }
        return cells;
    }
}

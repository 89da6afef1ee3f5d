package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.rampart.crypto.ArtifactSigning;
import dev.rampart.store.Store;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subject encryption and crypto-shredding, run on each store engine by a subclass. */
abstract class SubjectErasureBehaviour {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final AuditPrivacy PRIVACY = new AuditPrivacy(Set.of("client-ip"), Set.of(), Set.of("principal", "account"));

    @TempDir
    Path dir;

    Store store;
    AuditLog log;
    Aead wrap;

    abstract Store openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        AeadConfig.register();
        wrap = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class);
        store = openStore();
        log = openLog(PRIVACY);
    }

    @AfterEach
    void close() {
        log.close();
        store.close();
    }

    AuditLog openLog(AuditPrivacy privacy) {
        return AuditLog.open(store, new AuditLog.Options(privacy, CheckpointSigner.fromKeyFile(dir.resolve("audit-key.jwk")),
                Duration.ofHours(1), AuditLog.WriteFailurePolicy.REFUSE, null, 512, wrap), Clock.systemUTC(), e -> { });
    }

    List<OctetKeyPair> trusted() {
        return List.of(ArtifactSigning.readPrivateKey(dir.resolve("audit-key.jwk")).toPublicJWK());
    }

    static AuditEntry entry(int i, String principal, String account) {
        return AuditEntry.of(T0.plusSeconds(i), "login.failed", principal, "203.0.113." + i, "console", "POST /admin/login",
                "denied", "req-" + i, account == null ? Map.of("guard", "login") : Map.of("guard", "login", "account", account));
    }

    void appendAll(AuditEntry... entries) {
        List<CompletableFuture<Long>> acks = new ArrayList<>();
        for (AuditEntry e : entries) {
            acks.add(log.append(e));
        }
        acks.forEach(CompletableFuture::join);
    }

    List<String> storedPrincipals() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT principal, details FROM audit_entries ORDER BY seq");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1) + " " + r.getString(2));
            }
        }
        return out;
    }

    AuditQuery byPrincipal(String principal) {
        return new AuditQuery(null, null, principal, null, null, null, null, -1, 100);
    }

    @Test
    void storesSubjectsEncryptedDeterministicallyAndReadersDecrypt() throws SQLException {
        appendAll(entry(0, "alice", "alice"), entry(1, "bob", null), entry(2, "alice", null));
        List<String> stored = storedPrincipals();
        assertThat(stored).noneMatch(s -> s.contains("alice") || s.contains("bob"));
        String aliceStored = stored.get(0).split(" ")[0];
        assertThat(aliceStored).matches("subj:[A-Za-z0-9_-]{12}:[A-Za-z0-9_-]+");
        assertThat(stored.get(2)).startsWith(aliceStored + " ");
        assertThat(stored.get(0)).contains("\"account\":\"" + aliceStored + "\"");
        assertThat(stored.get(1).split(" ")[0]).isNotEqualTo(aliceStored);

        assertThat(log.query(byPrincipal("alice"))).extracting(StoredEntry::seq).containsExactly(0L, 2L);
        AuditEntry shown = log.query(byPrincipal("alice")).get(0).entry();
        assertThat(shown.principal()).isEqualTo("alice");
        assertThat(shown.details()).containsEntry("account", "alice");
        assertThat(log.query(byPrincipal("carol"))).isEmpty();
        assertThat(log.subjectEntries(List.of("alice"), -1, 100)).extracting(StoredEntry::seq).containsExactly(0L, 2L);
    }

    @Test
    void erasingASubjectMakesItsEntriesUnreadableAndTheLogStillVerifies() throws Exception {
        appendAll(entry(0, "alice", "alice"), entry(1, "bob", "alice"), entry(2, "alice", null), entry(3, "bob", null));
        Checkpoint before = log.checkpoint().join();
        List<String> storedBefore = storedPrincipals();
        AuditLog.InclusionProof proofBefore = log.inclusionProof(2, 4);

        SubjectErasure erasure = log.eraseSubject("alice");
        assertThat(erasure.keyDestroyed()).isTrue();
        assertThat(erasure.entriesPruned()).isZero();
        assertThat(erasure.lookupHash()).hasSize(64);

        assertThat(storedPrincipals()).isEqualTo(storedBefore); // nothing rewritten: every leaf is as it was
        List<StoredEntry> all = log.query(AuditQuery.all(10));
        assertThat(all).extracting(s -> s.entry().principal())
                .containsExactly(SubjectKeys.ERASED, "bob", SubjectKeys.ERASED, "bob");
        assertThat(all.get(1).entry().details()).containsEntry("account", SubjectKeys.ERASED);
        assertThat(log.query(byPrincipal("alice"))).isEmpty();
        assertThat(log.subjectEntries(List.of("alice"), -1, 100)).isEmpty();
        assertThat(log.query(byPrincipal("bob"))).extracting(StoredEntry::seq).containsExactly(1L, 3L);
        assertThat(log.subjectErasedAt("alice")).isPresent();
        assertThat(log.subjectErasedAt("bob")).isEmpty();

        Checkpoint after = log.checkpoint().join();
        assertThat(AuditVerifier.verify(store, trusted(), null)).isEqualTo(new AuditVerifier.Report(4, 1, 4, null));
        assertThat(after.rootHash()).isEqualTo(before.rootHash());
        AuditLog.InclusionProof proofAfter = log.inclusionProof(2, 4);
        MerkleProofs.verifyInclusion(2, 4, proofAfter.leafHash(), proofAfter.path(), before.rootHash());
        assertThat(proofAfter.leafHash()).isEqualTo(proofBefore.leafHash());
    }

    @Test
    void aValueShapedLikeAStoredSubjectIsEncryptedLikeAnyOtherAndReadsBackAsGiven() throws SQLException {
        appendAll(entry(0, "alice", null));
        String aliceStored = storedPrincipals().get(0).split(" ")[0];
        // an outsider picks a username shaped like a stored value: made up, and a copy of alice's
        appendAll(entry(1, "subj:abc:xyz", "subj:abc:xyz"), entry(2, aliceStored, null));

        List<String> stored = storedPrincipals();
        String forgedStored = stored.get(1).split(" ")[0];
        assertThat(forgedStored).isNotEqualTo("subj:abc:xyz").matches("subj:[A-Za-z0-9_-]{12}:[A-Za-z0-9_-]+");
        assertThat(stored.get(1)).doesNotContain("subj:abc:xyz").contains("\"account\":\"" + forgedStored + "\"");
        assertThat(stored.get(2).split(" ")[0]).isNotEqualTo(aliceStored);
        List<StoredEntry> shown = log.query(AuditQuery.all(10));
        assertThat(shown).extracting(e -> e.entry().principal()).containsExactly("alice", "subj:abc:xyz", aliceStored);
        assertThat(shown.get(1).entry().details()).containsEntry("account", "subj:abc:xyz");
        assertThat(log.query(byPrincipal("subj:abc:xyz"))).extracting(StoredEntry::seq).containsExactly(1L);
        assertThat(log.subjectEntries(List.of(aliceStored), -1, 100)).extracting(StoredEntry::seq).containsExactly(2L);

        // erasing the look-alike shreds its own key and touches nothing of alice's
        SubjectErasure erasure = log.eraseSubject(aliceStored);
        assertThat(erasure.keyDestroyed()).isTrue();
        assertThat(erasure.entriesPruned()).isZero();
        assertThat(log.query(AuditQuery.all(10))).extracting(e -> e.entry().principal())
                .containsExactly("alice", "subj:abc:xyz", SubjectKeys.ERASED);
    }

    @Test
    void aStoredLookingValueInAFieldThatIsNeverEncryptedIsShownAsWritten() {
        appendAll(entry(0, "alice", null));
        String aliceStored = log.queryStored(AuditQuery.all(1)).get(0).entry().principal();
        appendAll(AuditEntry.of(T0.plusSeconds(1), "request.denied", "bob", null, "orders", "GET /x", "denied", "req-1",
                Map.of("path", "subj:abc:xyz", "guard", aliceStored + "x")));
        assertThat(log.query(AuditQuery.all(10)).get(1).entry().details())
                .containsEntry("path", "subj:abc:xyz").containsEntry("guard", aliceStored + "x");
    }

    @Test
    void theKeyRowKeepsNothingThatLinksTheSubjectToItsOldEntries() throws SQLException {
        appendAll(entry(0, "alice", null));
        log.eraseSubject("alice");
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT key_id, keyset, created_at, erased_at FROM audit_subject_keys");
                ResultSet r = s.executeQuery()) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isNull();
            assertThat(r.getBytes(2)).isNull();
            assertThat(r.getObject(3)).isNull();
            assertThat(r.getLong(4)).isPositive();
        }
    }

    @Test
    void erasingIsIdempotentAndALaterEntryGetsANewKeyWhileTheCacheNeverBringsTheOldOneBack() throws SQLException {
        appendAll(entry(0, "alice", null)); // alice's key is now cached by the writer
        String oldStored = storedPrincipals().get(0).split(" ")[0];
        assertThat(log.eraseSubject("alice").keyDestroyed()).isTrue();
        assertThat(log.eraseSubject("alice").keyDestroyed()).isFalse();

        appendAll(entry(1, "alice", null));
        String newStored = storedPrincipals().get(1).split(" ")[0];
        assertThat(SubjectKeys.keyIdOf(newStored)).isNotEqualTo(SubjectKeys.keyIdOf(oldStored));
        assertThat(log.query(AuditQuery.all(10))).extracting(s -> s.entry().principal())
                .containsExactly(SubjectKeys.ERASED, "alice");
        assertThat(log.query(byPrincipal("alice"))).extracting(StoredEntry::seq).containsExactly(1L);
    }

    @Test
    void aKeyReadBeforeAnErasureIsNotCachedAfterIt() {
        SubjectKeys keys = new SubjectKeys(store, AuditLog.loadSalt(store), wrap, Clock.systemUTC());
        String first = keys.protect("carol"); // creates the key and caches it
        keys.erase("carol");
        keys.protect("dave");
        // a load of a live key that an erasure overtakes before it reaches the cache
        String[] raced = new String[1];
        keys.betweenLoadAndCache = () -> {
            keys.betweenLoadAndCache = () -> { };
            keys.erase("erin");
        };
        raced[0] = keys.protect("erin"); // created, then erased before caching: used once, never cached
        String again = keys.protect("erin");
        assertThat(SubjectKeys.keyIdOf(again)).isNotEqualTo(SubjectKeys.keyIdOf(raced[0]));
        assertThat(keys.byIds(List.of(SubjectKeys.keyIdOf(raced[0])))).isEmpty();
        assertThat(keys.byIds(List.of(SubjectKeys.keyIdOf(again)))).hasSize(1);
        String second = keys.protect("carol");
        assertThat(SubjectKeys.keyIdOf(second)).isNotEqualTo(SubjectKeys.keyIdOf(first));
    }

    @Test
    void erasurePrunesEntriesThatNameTheSubjectRawOrPseudonymisedAndTheLogStillVerifies() throws Exception {
        log.close();
        // entries written before subject encryption was on (raw principal) and with the principal pseudonymised
        log = openLog(new AuditPrivacy(Set.of(), Set.of(), Set.of()));
        appendAll(entry(0, "alice", null), entry(1, "bob", null));
        log.close();
        log = openLog(new AuditPrivacy(Set.of("principal"), Set.of(), Set.of("principal")));
        appendAll(entry(2, "alice", null));
        log.close();
        log = openLog(PRIVACY);
        appendAll(entry(3, "alice", null));
        log.checkpoint().join();
        assertThat(log.subjectEntries(List.of("alice"), -1, 100)).extracting(StoredEntry::seq).containsExactly(0L, 2L, 3L);

        SubjectErasure erasure = log.eraseSubject("alice");
        assertThat(erasure.entriesPruned()).isEqualTo(2);
        assertThat(erasure.keyDestroyed()).isTrue();
        assertThat(log.query(AuditQuery.all(10))).extracting(s -> s.entry().principal())
                .containsExactly(null, "bob", null, SubjectKeys.ERASED);
        assertThat(AuditVerifier.verify(store, trusted(), null).verified()).isTrue();
    }

    @Test
    void sinksAndExportsGetTheProtectedFormSoErasureCoversThem() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        log.addSink(new dev.rampart.audit.sink.JsonLinesFileSink(file, 1 << 20, 2));
        appendAll(entry(0, "alice", "alice"));
        log.close();
        String line = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(line).doesNotContain("alice").contains("\"principal\":\"subj:");
        log = openLog(PRIVACY);
        StringWriter export = new StringWriter();
        log.exportJsonl(AuditQuery.all(10), export);
        assertThat(export.toString()).contains("\"principal\":\"alice\"");
        log.eraseSubject("alice");
        export = new StringWriter();
        log.exportJsonl(AuditQuery.all(10), export);
        assertThat(export.toString()).doesNotContain("alice").contains("\"principal\":\"" + SubjectKeys.ERASED + "\"");
    }

    @Test
    void keysAreSealedWhenAWrapIsGivenAndAReaderWithoutItIsToldWhy() throws SQLException {
        appendAll(entry(0, "alice", null));
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT sealed FROM audit_subject_keys");
                ResultSet r = s.executeQuery()) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(1);
        }
        AuditReader withWrap = AuditReader.open(store, PRIVACY, wrap);
        assertThat(withWrap.query(byPrincipal("alice"))).hasSize(1);
        AuditReader withoutWrap = AuditReader.open(store, PRIVACY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withoutWrap.query(AuditQuery.all(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sealed under the master key");
    }

    @Test
    void aReaderBesideTheWriterErasesAndTheWriterStopsUsingTheKeyWithinItsCacheLifetime() {
        appendAll(entry(0, "alice", null));
        AuditReader cli = AuditReader.open(store, PRIVACY, wrap);
        assertThat(cli.eraseSubject("alice").keyDestroyed()).isTrue();
        // the gateway's own readers never use the append cache: the erasure shows at once
        assertThat(log.query(AuditQuery.all(10))).extracting(s -> s.entry().principal()).containsExactly(SubjectKeys.ERASED);
    }
}

package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.rampart.audit.AuditLog.WriteFailurePolicy;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.crypto.ArtifactSigning;
import dev.rampart.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    private Store store;
    private AuditLog log;
    private final List<SecurityEvent> alerts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        store = Store.open(new StoreConfig(Kind.sqlite, "data", null, null, null, null), dir);
        log = openLog(WriteFailurePolicy.REFUSE, new AuditPrivacy(Set.of("client-ip"), Set.of("card"), Set.of("principal", "account")));
    }

    @AfterEach
    void close() {
        log.close();
        store.close();
    }

    private AuditLog openLog(WriteFailurePolicy policy, AuditPrivacy privacy) {
        return AuditLog.open(store, new AuditLog.Options(privacy, CheckpointSigner.fromKeyFile(dir.resolve("audit-key.jwk")),
                Duration.ofHours(1), policy, new AuditSpool(dir.resolve("audit.spool")), 512),
                java.time.Clock.systemUTC(), alerts::add);
    }

    private List<OctetKeyPair> trusted() {
        return List.of(ArtifactSigning.readPrivateKey(dir.resolve("audit-key.jwk")).toPublicJWK());
    }

    static AuditEntry entry(int i) {
        return AuditEntry.of(T0.plusSeconds(i), i % 2 == 0 ? "request.allowed" : "request.denied", "alice", "203.0.113." + (i % 5),
                "orders", "GET /orders/" + i, i % 2 == 0 ? "allowed" : "denied:waf-blocked", "req-" + i,
                Map.of("guard", "waf", "authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.secret-part", "card", "4111111111111111"));
    }

    private void appendAll(int n) {
        List<CompletableFuture<Long>> acks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            acks.add(log.append(entry(i)));
        }
        for (int i = 0; i < n; i++) {
            assertThat(acks.get(i).join()).isEqualTo(i);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void storesNoSecretAndPseudonymisedFieldsStaySearchable() {
        appendAll(10);
        AuditEntry stored = log.query(AuditQuery.all(1)).get(0).entry();
        assertThat(stored.details()).containsEntry("authorization", "****").containsEntry("card", "****1111")
                .containsEntry("guard", "waf");
        assertThat(stored.clientIp()).startsWith("hmac:").hasSize(5 + 32);
        assertThat(stored.principal()).isEqualTo("alice");

        AuditQuery byIp = new AuditQuery(null, null, null, "203.0.113.2", null, null, null, -1, 100);
        assertThat(log.query(byIp)).extracting(StoredEntry::seq).containsExactly(2L, 7L);
        AuditQuery deniedInWindow = new AuditQuery(T0.plusSeconds(2), T0.plusSeconds(8), "alice", null, "request.denied",
                "orders", "denied:waf-blocked", -1, 100);
        assertThat(log.query(deniedInWindow)).extracting(StoredEntry::seq).containsExactly(3L, 5L, 7L);
        assertThat(log.query(AuditQuery.all(3).afterSeq(7))).extracting(StoredEntry::seq).containsExactly(8L, 9L);
    }

    @Test
    void exportsEveryMatchingEntryAsJsonLinesAcrossPages() throws Exception {
        appendAll(7);
        java.io.StringWriter out = new java.io.StringWriter();
        AuditQuery denied = new AuditQuery(null, null, null, null, "request.denied", null, null, -1, 2);
        assertThat(log.exportJsonl(denied, out)).isEqualTo(3);
        assertThat(out.toString().lines().map(AuditJson::fromLine).map(StoredEntry::seq)).containsExactly(1L, 3L, 5L);
    }

    @Test
    void leafBytesAreTheDocumentedCanonicalForm() {
        AuditEntry e = AuditEntry.of(Instant.ofEpochSecond(1, 2_000), "t", null, "ip", null, null, null, null, Map.of("k", "v"));
        assertThat(java.util.HexFormat.of().formatHex(e.leafBytes())).isEqualTo("01" + "00000000000f4242"
                + "0000000174" + "ffffffff" + "000000026970" + "ffffffff".repeat(4)
                + "00000001" + "000000016b" + "0000000176");
    }

    @Test
    void proofsFromTheLogVerifyAgainstItsCheckpoints() {
        appendAll(13);
        Checkpoint first = log.checkpoint().join();
        appendAll13More();
        Checkpoint second = log.checkpoint().join();
        assertThat(log.checkpoints(0, 10)).extracting(Checkpoint::treeSize).containsExactly(13L, 26L);

        AuditLog.InclusionProof inclusion = log.inclusionProof(5, 26);
        MerkleProofs.verifyInclusion(5, 26, MerkleTree.leafHash(log.queryStored(AuditQuery.all(1).afterSeq(4)).get(0).entry().leafBytes()),
                inclusion.path(), second.rootHash());
        AuditLog.ConsistencyProof consistency = log.consistencyProof(13, 26);
        MerkleProofs.verifyConsistency(13, 26, consistency.path(), first.rootHash(), second.rootHash());
        CheckpointSigner.verify(second, trusted());
    }

    private void appendAll13More() {
        List<CompletableFuture<Long>> acks = new ArrayList<>();
        for (int i = 13; i < 26; i++) {
            acks.add(log.append(entry(i)));
        }
        acks.forEach(CompletableFuture::join);
    }

    @Test
    void verifiesAnUntamperedLog() {
        appendAll(20);
        log.checkpoint().join();
        AuditVerifier.Report report = AuditVerifier.verify(store, trusted(), null);
        assertThat(report.failure()).isNull();
        assertThat(report).isEqualTo(new AuditVerifier.Report(20, 1, 20, null));
    }

    @Test
    void namesTheFirstTamperedEntry() throws SQLException {
        appendAll(20);
        log.checkpoint().join();
        sql("UPDATE audit_entries SET result = 'allowed' WHERE seq = 7");
        sql("UPDATE audit_entries SET result = 'allowed' WHERE seq = 9");
        AuditVerifier.Report report = AuditVerifier.verify(store, trusted(), null);
        assertThat(report.failure()).startsWith("entry 7 does not verify: its fields were changed after it was appended (leaf hash recorded ");
        assertThat(report.entriesChecked()).isEqualTo(7);
    }

    @Test
    void namesATamperedCheckpoint() throws SQLException {
        appendAll(20);
        log.checkpoint().join();
        sql("UPDATE audit_checkpoints SET tree_size = 19 WHERE tree_size = 20");
        assertThat(AuditVerifier.verify(store, trusted(), null).failure())
                .isEqualTo("checkpoint at tree size 19: the signature does not verify with key "
                        + ArtifactSigning.fingerprint(trusted().get(0)) + " (the checkpoint was altered)");
    }

    @Test
    void anEntryRewrittenWithItsLeafHashIsCaughtByTheCheckpoint() throws SQLException {
        appendAll(8);
        log.checkpoint().join();
        appendAll8More();
        log.checkpoint().join();
        AuditEntry forged = AuditEntry.of(T0.plusSeconds(10), "request.allowed", "mallory", null, null, null, null, null, Map.of());
        try (Connection c = store.dataSource().getConnection();
                java.sql.PreparedStatement s = c.prepareStatement("UPDATE audit_entries SET principal = 'mallory', time_us = ?, "
                        + "event_type = 'request.allowed', client_ip = NULL, route = NULL, action = NULL, result = NULL, "
                        + "request_id = NULL, details = '{}', leaf_hash = ? WHERE seq = 10")) {
            s.setLong(1, forged.timeMicros());
            s.setBytes(2, MerkleTree.leafHash(forged.leafBytes()));
            s.executeUpdate();
        }
        assertThat(AuditVerifier.verify(store, trusted(), null).failure()).isEqualTo("checkpoint at tree size 16: its signed root "
                + "hash does not match entries 0..15 — an entry in 8..15 was changed together with its leaf hash");
    }

    private void appendAll8More() {
        List<CompletableFuture<Long>> acks = new ArrayList<>();
        for (int i = 8; i < 16; i++) {
            acks.add(log.append(entry(i)));
        }
        acks.forEach(CompletableFuture::join);
    }

    @Test
    void verifiesSinceACheckpointWithoutRehashingWhatItCovers() throws SQLException {
        appendAll(8);
        log.checkpoint().join();
        appendAll8More();
        log.checkpoint().join();
        assertThat(AuditVerifier.verify(store, trusted(), 8L)).isEqualTo(new AuditVerifier.Report(8, 2, 16, null));
        assertThat(AuditVerifier.verify(store, trusted(), 9L).failure())
                .isEqualTo("there is no checkpoint at tree size 9 to verify from; list them with GET /admin/audit/checkpoints");
        sql("DELETE FROM audit_entries WHERE seq = 15");
        assertThat(AuditVerifier.verify(store, trusted(), 8L).failure())
                .isEqualTo("checkpoint at tree size 16 is beyond the log's 15 entries: entries from 15 on were deleted");
    }

    @Test
    void retentionPrunesFieldsButTheLogStillVerifies() {
        appendAll(6);
        log.checkpoint().join();
        int pruned = log.applyRetention(Map.of("request.allowed", Duration.between(T0.plusSeconds(3), Instant.now())));
        assertThat(pruned).isEqualTo(2); // entries 0 and 2; 4 is younger than the period
        AuditEntry first = log.query(AuditQuery.all(1)).get(0).entry();
        assertThat(first.principal()).isNull();
        assertThat(first.details()).isEmpty();
        assertThat(AuditVerifier.verify(store, trusted(), null)).isEqualTo(new AuditVerifier.Report(4, 1, 6, null));
    }

    @Test
    void refusePolicyFailsAppendsAndReportsUnwritableUntilTheStoreIsBack() throws SQLException {
        appendAll(2);
        sql("ALTER TABLE audit_entries RENAME TO audit_entries_away");
        assertThatThrownBy(() -> log.append(entry(2)).join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(AuditUnavailableException.class)
                .hasMessageContaining("the audit store cannot be written");
        assertThat(log.writable()).isFalse();
        assertThat(alerts).extracting(SecurityEvent::type).contains("audit.unavailable");
        sql("ALTER TABLE audit_entries_away RENAME TO audit_entries");
        assertThat(log.append(entry(3)).join()).isEqualTo(2);
        assertThat(log.writable()).isTrue();
    }

    @Test
    void spoolPolicyAcknowledgesToTheSpoolAndReplaysInOrder() throws SQLException {
        log.close();
        log = openLog(WriteFailurePolicy.SPOOL, AuditPrivacy.defaults());
        appendAll(2);
        sql("ALTER TABLE audit_entries RENAME TO audit_entries_away");
        assertThat(log.append(entry(2)).join()).isEqualTo(-1);
        assertThat(log.append(entry(3)).join()).isEqualTo(-1);
        assertThat(alerts).extracting(SecurityEvent::type).contains("audit.spooling");
        assertThat(dir.resolve("audit.spool")).exists();
        sql("ALTER TABLE audit_entries_away RENAME TO audit_entries");
        assertThat(log.append(entry(4)).join()).isEqualTo(4);
        assertThat(log.query(AuditQuery.all(10))).extracting(s -> s.entry().requestId())
                .containsExactly("req-0", "req-1", "req-2", "req-3", "req-4");
        assertThat(dir.resolve("audit.spool")).doesNotExist();
        assertThat(alerts).extracting(SecurityEvent::type).contains("audit.spool-replayed");
        log.checkpoint().join();
        assertThat(AuditVerifier.verify(store, trusted(), null).verified()).isTrue();
    }

    @Test
    void spooledEntriesAreEncryptedOnceAndOnlyTheSpoolsMarkKeepsAStoredForm() throws SQLException {
        log.close();
        log = openLog(WriteFailurePolicy.SPOOL, AuditPrivacy.defaults());
        assertThat(log.append(entry(0)).join()).isZero(); // alice's key is now cached
        sql("ALTER TABLE audit_entries RENAME TO audit_entries_away");
        sql("ALTER TABLE audit_subject_keys RENAME TO audit_subject_keys_away");
        // alice's entry is spooled encrypted (cached key); the look-alike's key cannot be read: spooled in clear
        assertThat(log.append(entry(1)).join()).isEqualTo(-1);
        assertThat(log.append(AuditEntry.of(T0.plusSeconds(2), "request.allowed", "subj:abc:xyz", null, "orders", "GET /orders",
                "allowed", "req-2", Map.of())).join()).isEqualTo(-1);
        sql("ALTER TABLE audit_subject_keys_away RENAME TO audit_subject_keys");
        sql("ALTER TABLE audit_entries_away RENAME TO audit_entries");
        assertThat(log.append(entry(3)).join()).isEqualTo(3);

        List<StoredEntry> stored = log.queryStored(AuditQuery.all(10));
        assertThat(stored).extracting(s -> s.entry().principal()).allMatch(p -> SubjectKeys.isProtected(p))
                .doesNotContain("subj:abc:xyz");
        assertThat(stored.get(1).entry().principal()).isEqualTo(stored.get(0).entry().principal()); // not encrypted twice
        assertThat(log.query(AuditQuery.all(10))).extracting(s -> s.entry().principal())
                .containsExactly("alice", "alice", "subj:abc:xyz", "alice");
        log.checkpoint().join();
        assertThat(AuditVerifier.verify(store, trusted(), null).verified()).isTrue();
    }

    @Test
    void aSpoolWrittenBeforeTheMarkIsReplayedAsThenKeepingItsStoredForms() throws Exception {
        log.close();
        log = openLog(WriteFailurePolicy.SPOOL, AuditPrivacy.defaults());
        assertThat(log.append(entry(0)).join()).isZero();
        AuditEntry aliceStored = log.queryStored(AuditQuery.all(1)).get(0).entry();
        log.close();
        // lines as the spool wrote them before they carried "subjects_protected": one protected, one in clear
        java.nio.file.Files.writeString(dir.resolve("audit.spool"), AuditJson.toLine(new StoredEntry(-1, aliceStored)) + "\n"
                + AuditJson.toLine(new StoredEntry(-1, entry(1))) + "\n");
        log = openLog(WriteFailurePolicy.SPOOL, AuditPrivacy.defaults());
        assertThat(log.append(entry(2)).join()).isEqualTo(3);

        List<StoredEntry> stored = log.queryStored(AuditQuery.all(10));
        assertThat(stored).extracting(s -> s.entry().principal()).containsOnly(aliceStored.principal());
        assertThat(log.query(AuditQuery.all(10))).extracting(s -> s.entry().principal()).containsOnly("alice").hasSize(4);
    }

    @Test
    void reopeningRestoresTheTree() {
        appendAll(5);
        byte[] root = log.rootHash(5);
        log.close();
        log = openLog(WriteFailurePolicy.REFUSE, AuditPrivacy.defaults());
        assertThat(log.size()).isEqualTo(5);
        assertThat(log.rootHash(5)).isEqualTo(root);
        assertThat(log.append(entry(5)).join()).isEqualTo(5);
    }

    @Test
    void entryTimesKeepMicroseconds() {
        assertThat(AuditEntry.of(T0.plusNanos(1_234_567), "t", null, null, null, null, null, null, null).time())
                .isEqualTo(T0.plus(1234, ChronoUnit.MICROS));
    }
}

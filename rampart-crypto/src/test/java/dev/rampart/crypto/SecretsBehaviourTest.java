package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.CryptoException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The versioned secrets store and config references; on both engines. */
abstract class SecretsBehaviourTest extends CryptoTestBase {

    Secrets secrets() {
        return crypto.secrets();
    }

    @Test
    void eachPutMakesANewVersionAndOldVersionsStayReadable() {
        assertThat(secrets().put("db/orders", Map.of("user", "app", "password", "one")).version()).isEqualTo(1);
        assertThat(secrets().put("db/orders", Map.of("user", "app", "password", "two")).version()).isEqualTo(2);

        assertThat(secrets().get("db/orders").orElseThrow().data()).containsEntry("password", "two");
        assertThat(secrets().get("db/orders", 1).orElseThrow().data()).containsEntry("password", "one");
        assertThat(secrets().get("db/absent")).isEmpty();
        assertThat(secrets().get("db/orders").orElseThrow().toString()).contains("password").doesNotContain("two");
    }

    @Test
    void checkAndSetRefusesAWriteBasedOnAStaleVersion() {
        secrets().put("api/stripe", Map.of("key", "sk_1"), 0, null);
        assertThatThrownBy(() -> secrets().put("api/stripe", Map.of("key", "sk_x"), 0, null))
                .hasMessageContaining("expected version 0, but the current version is 1")
                .extracting(e -> ((CryptoException) e).reason()).isEqualTo(Reason.CAS_MISMATCH);

        secrets().put("api/stripe", Map.of("key", "sk_2"), 1, null);
        assertThatThrownBy(() -> secrets().put("api/stripe", Map.of("key", "sk_3"), 1, null))
                .hasMessageContaining("re-read it and retry");
        assertThat(secrets().get("api/stripe").orElseThrow().data()).containsEntry("key", "sk_2");
    }

    @Test
    void ofConcurrentWritersWithTheSameExpectedVersionExactlyOneWins() throws Exception {
        secrets().put("leader", Map.of("holder", "none"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String holder = "node-" + i;
                attempts.add(pool.submit(() -> {
                    start.await();
                    try {
                        secrets().put("leader", Map.of("holder", holder), 1, null);
                        return true;
                    } catch (CryptoException e) {
                        assertThat(e.reason()).isEqualTo(Reason.CAS_MISMATCH);
                        return false;
                    }
                }));
            }
            start.countDown();
            int wins = 0;
            for (Future<Boolean> attempt : attempts) {
                wins += attempt.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
            assertThat(secrets().get("leader").orElseThrow().version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPathWithCasRequiredRefusesUnconditionalWrites() {
        secrets().configure("api/stripe", null, true, Map.of("owner", "payments-team"));
        assertThatThrownBy(() -> secrets().put("api/stripe", Map.of("key", "sk_1")))
                .hasMessageContaining("requires check-and-set writes: give cas=0");
        secrets().put("api/stripe", Map.of("key", "sk_1"), 0, null);

        SecretMetadata metadata = secrets().metadata("api/stripe").orElseThrow();
        assertThat(metadata.casRequired()).isTrue();
        assertThat(metadata.customMetadata()).containsEntry("owner", "payments-team");
        assertThat(metadata.currentVersion()).isEqualTo(1);
    }

    @Test
    void onlyMaxVersionsAreKept() {
        secrets().configure("rotating", 3, null, null);
        for (int i = 1; i <= 5; i++) {
            secrets().put("rotating", Map.of("v", Integer.toString(i)));
        }
        assertThat(secrets().metadata("rotating").orElseThrow().versions())
                .extracting(SecretMetadata.Version::version).containsExactly(3, 4, 5);
        assertThat(secrets().get("rotating", 2)).isEmpty();
        secrets().configure("rotating", 1, null, null);
        assertThat(secrets().metadata("rotating").orElseThrow().versions()).hasSize(1);
    }

    @Test
    void deleteIsSoftUndeleteRestoresAndDestroyIsForGood() {
        secrets().put("s", Map.of("k", "one"));
        secrets().put("s", Map.of("k", "two"));

        secrets().delete("s");
        assertThat(secrets().get("s")).isEmpty();
        assertThat(secrets().metadata("s").orElseThrow().versions().get(1).deletedAt()).isEqualTo(clock.instant());
        secrets().undelete("s", 2);
        assertThat(secrets().get("s").orElseThrow().data()).containsEntry("k", "two");

        secrets().destroy("s", 1);
        secrets().undelete("s", 1);
        assertThat(secrets().get("s", 1)).isEmpty();
        assertThat(secrets().metadata("s").orElseThrow().versions().get(0).destroyed()).isTrue();

        secrets().deleteAll("s");
        assertThat(secrets().metadata("s")).isEmpty();
        assertThatThrownBy(() -> secrets().delete("s")).extracting(e -> ((CryptoException) e).reason())
                .isEqualTo(Reason.SECRET_NOT_FOUND);
    }

    @Test
    void aVersionWithATtlIsNotReturnedAfterItExpires() {
        secrets().put("temp/token", Map.of("t", "abc"), null, Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(9));
        assertThat(secrets().get("temp/token")).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(secrets().get("temp/token")).isEmpty();
        assertThat(secrets().metadata("temp/token").orElseThrow().versions().get(0).expiresAt()).isEqualTo(clock.instant());
    }

    @Test
    void listReturnsThePathsUnderAPrefix() {
        secrets().put("db/orders", Map.of("k", "v"));
        secrets().put("db/users", Map.of("k", "v"));
        secrets().put("dbx", Map.of("k", "v"));
        secrets().put("api/x_y", Map.of("k", "v"));

        assertThat(secrets().list("db/")).containsExactly("db/orders", "db/users");
        assertThat(secrets().list("")).hasSize(4);
        assertThat(secrets().list("api/x_")).containsExactly("api/x_y");
    }

    @Test
    void pathsKeysAndTtlsAreChecked() {
        assertThatThrownBy(() -> secrets().put("../etc", Map.of("k", "v"))).hasMessageContaining("separated by '/'");
        assertThatThrownBy(() -> secrets().put("a", Map.of("has space", "v"))).hasMessageContaining("key 'has space'");
        assertThatThrownBy(() -> secrets().put("a", Map.of())).hasMessageContaining("no data given");
        assertThatThrownBy(() -> secrets().put("a", Map.of("k", "v"), null, Duration.ZERO)).hasMessageContaining("positive");
    }

    @Test
    void configReferencesResolveToTheCurrentValueAndFailClearly() {
        secrets().put("db/orders", Map.of("user", "app", "password", "s3cret"));
        SecretReferences references = crypto.secretReferences();

        assertThat(references.resolve("db/orders#password")).isEqualTo("s3cret");
        assertThat(references.expand("postgresql://${secret:db/orders#user}:${secret:db/orders#password}@db/${NAME}"))
                .isEqualTo("postgresql://app:s3cret@db/${NAME}");
        assertThatThrownBy(() -> references.resolve("db/orders#pasword"))
                .hasMessageContaining("has no key 'pasword'").hasMessageContaining("[password, user]")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> references.resolve("db/nothing#x")).hasMessageContaining("no readable secret at path 'db/nothing'");
        assertThatThrownBy(() -> references.resolve("db/orders")).hasMessageContaining("${secret:<path>#<key>}");
        assertThatThrownBy(() -> references.expand("x ${secret:db/orders#user")).hasMessageContaining("unterminated");
    }

    @Test
    void changesAreAuditedWithoutValues() {
        secrets().put("db/orders", Map.of("password", "s3cret"));
        secrets().delete("db/orders");
        assertThat(events.ofType("crypto.secret.put").get(0).details()).containsEntry("path", "db/orders")
                .containsEntry("version", "1");
        assertThat(events.ofType("crypto.secret.delete")).hasSize(1);
        assertThat(events.events).allSatisfy(e -> assertThat(e.details().values()).doesNotContain("s3cret"));
    }
}

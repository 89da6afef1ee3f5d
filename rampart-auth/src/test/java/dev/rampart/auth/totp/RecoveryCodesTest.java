package dev.rampart.auth.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    private final InMemoryRecoveryCodeStore store = new InMemoryRecoveryCodeStore();
    private final RecoveryCodes recovery = new RecoveryCodes(store);

    @Test
    void issuesTenDistinctGroupedCodes() {
        List<String> codes = recovery.issue("alice");

        assertThat(codes).hasSize(10).allMatch(c -> c.matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}"));
        assertThat(new HashSet<>(codes)).hasSize(10);
        assertThat(recovery.remaining("alice")).isEqualTo(10);
    }

    @Test
    void eachCodeWorksOnce() {
        String code = recovery.issue("alice").get(3);

        assertThat(recovery.redeem("alice", code)).isTrue();
        assertThat(recovery.redeem("alice", code)).isFalse();
        assertThat(recovery.remaining("alice")).isEqualTo(9);
    }

    @Test
    void acceptsCodesRetypedInLowerCaseWithSpaces() {
        String code = recovery.issue("alice").get(0);

        assertThat(recovery.redeem("alice", code.toLowerCase().replace('-', ' '))).isTrue();
    }

    @Test
    void rejectsUnknownCodesAndCodesOfAnotherAccount() {
        String alices = recovery.issue("alice").get(0);
        recovery.issue("bob");

        assertThat(recovery.redeem("bob", alices)).isFalse();
        assertThat(recovery.redeem("alice", "AAAA-AAAA-AAAA-AAAA")).isFalse();
        assertThat(recovery.redeem("alice", "short")).isFalse();
        assertThat(recovery.redeem("alice", null)).isFalse();
        assertThat(recovery.redeem("carol", alices)).isFalse();
    }

    @Test
    void reissuingInvalidatesTheOldCodes() {
        String old = recovery.issue("alice").get(0);
        recovery.issue("alice", 5);

        assertThat(recovery.redeem("alice", old)).isFalse();
        assertThat(recovery.remaining("alice")).isEqualTo(5);
    }

    @Test
    void storesOnlyHashesNeverTheCodes() {
        RecordingStore recording = new RecordingStore();
        List<String> codes = new RecoveryCodes(recording).issue("alice");

        assertThat(recording.stored).hasSize(10).allMatch(h -> h.matches("[0-9a-f]{64}"));
        assertThat(recording.stored).doesNotContainAnyElementsOf(codes);
        assertThat(recording.stored).contains(RecoveryCodes.hash(codes.get(0)));
    }

    private static final class RecordingStore implements RecoveryCodeStore {
        private final java.util.Set<String> stored = new HashSet<>();

        @Override
        public void replace(String account, java.util.Set<String> hashes) {
            stored.clear();
            stored.addAll(hashes);
        }

        @Override
        public boolean consume(String account, String hash) {
            return stored.remove(hash);
        }

        @Override
        public int remaining(String account) {
            return stored.size();
        }
    }
}

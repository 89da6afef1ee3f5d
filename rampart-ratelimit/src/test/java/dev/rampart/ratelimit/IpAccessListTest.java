package dev.rampart.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.config.IpFilterConfig;
import dev.rampart.core.net.IpAddresses;
import dev.rampart.ratelimit.IpAccessList.Entry;
import dev.rampart.ratelimit.IpAccessList.Kind;
import dev.rampart.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpAccessListTest {

    @TempDir
    Path configDir;

    private final ManualClock clock = new ManualClock("2026-05-04T10:00:00Z");
    private Store store;

    private IpAccessList open(IpFilterConfig config) {
        if (store == null) {
            store = TestStores.sqlite(configDir);
        }
        return IpAccessList.open(config, store, Duration.ofHours(1), clock);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static boolean admits(IpAccessList list, String address) {
        return list.admits(IpAddresses.parse(address));
    }

    @Test
    void deniesTheConfiguredDenyListAndAdmitsEveryoneElseWhenNoAllowList() {
        IpAccessList list = open(new IpFilterConfig(null, List.of("203.0.113.0/24", "2001:db8:bad::/48")));

        assertThat(admits(list, "203.0.113.9")).isFalse();
        assertThat(admits(list, "2001:db8:bad:1::1")).isFalse();
        assertThat(admits(list, "198.51.100.1")).isTrue();
        list.close();
    }

    @Test
    void admitsOnlyTheAllowListWhenThereIsOneAndDenyWins() {
        IpAccessList list = open(new IpFilterConfig(List.of("10.0.0.0/8"), List.of("10.6.6.0/24")));

        assertThat(admits(list, "10.1.2.3")).isTrue();
        assertThat(admits(list, "10.6.6.6")).isFalse();
        assertThat(admits(list, "198.51.100.1")).isFalse();
        list.close();
    }

    @Test
    void entriesAddedAtRunTimeApplyAtOnceAndSurviveARestart() {
        IpAccessList before = open(IpFilterConfig.none());
        Entry added = before.add(Kind.deny, "198.51.100.0/24", "credential stuffing");
        before.add(Kind.deny, "2001:DB8::7", "scanner");
        assertThat(admits(before, "198.51.100.77")).isFalse();
        before.close();

        IpAccessList after = open(IpFilterConfig.none());

        assertThat(admits(after, "198.51.100.77")).isFalse();
        assertThat(admits(after, "2001:db8::7")).isFalse();
        assertThat(admits(after, "2001:db8::8")).as("a bare IPv6 entry is one address").isTrue();
        assertThat(after.entries()).extracting(Entry::block).containsExactly("198.51.100.0/24", "2001:db8::7");
        assertThat(after.entries().get(0)).isEqualTo(added);
        after.close();
    }

    @Test
    void aRemovedEntryStopsApplyingAndStaysRemovedAfterARestart() {
        IpAccessList before = open(IpFilterConfig.none());
        before.add(Kind.deny, "198.51.100.7", "scanner");

        assertThat(before.remove(Kind.deny, "198.51.100.7")).isPresent();
        assertThat(before.remove(Kind.deny, "198.51.100.7")).isEmpty();
        assertThat(admits(before, "198.51.100.7")).isTrue();
        before.close();

        assertThat(admits(open(IpFilterConfig.none()), "198.51.100.7")).isTrue();
    }

    @Test
    void takesInEntriesAddedByAnotherProcessSharingTheStore() {
        IpAccessList gateway = open(IpFilterConfig.none());
        IpAccessList cli = open(IpFilterConfig.none());

        cli.add(Kind.deny, "198.51.100.0/24", "abuse report");
        cli.awaitWrites();
        gateway.syncFromStore();

        assertThat(admits(gateway, "198.51.100.9")).isFalse();
        gateway.close();
        cli.close();
    }

    @Test
    void aSyncDoesNotUndoALocalChangeWhoseWriteIsStillWaiting() throws Exception {
        IpAccessList list = open(IpFilterConfig.none());
        list.add(Kind.deny, "198.51.100.7", "scanner");
        list.awaitWrites();
        // another process holds SQLite's write lock, so the next writes wait (busy timeout) while reads go on (WAL)
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + configDir.resolve("data/rampart.db"));
                Statement lock = other.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            list.add(Kind.deny, "198.51.100.8", "scanner");
            list.remove(Kind.deny, "198.51.100.7");

            list.syncFromStore();

            assertThat(admits(list, "198.51.100.8")).as("added here, not yet in the store").isFalse();
            assertThat(admits(list, "198.51.100.7")).as("removed here, still in the store").isTrue();
            lock.execute("COMMIT");
        }
        list.awaitWrites();
        list.syncFromStore();
        assertThat(list.entries()).extracting(Entry::block).containsExactly("198.51.100.8");
        list.close();
    }

    @Test
    void refusesABlockWithHostBitsSayingWhy() {
        IpAccessList list = open(IpFilterConfig.none());

        assertThatThrownBy(() -> list.add(Kind.allow, "10.0.0.1/8", "office"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10.0.0.1/8' has host bits set");
        list.close();
    }
}

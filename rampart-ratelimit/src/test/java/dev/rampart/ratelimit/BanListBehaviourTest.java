package dev.rampart.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.BanList.Ban;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.BansConfig;
import dev.rampart.core.net.IpAddresses;
import dev.rampart.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Escalating bans against a real store, on SQLite and PostgreSQL. */
abstract class BanListBehaviourTest {

    static final BansConfig CONFIG = new BansConfig(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofDays(1), null, null, null);

    final ManualClock clock = new ManualClock("2026-05-04T10:00:00Z");
    final RecordingEventBus events = new RecordingEventBus();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private Store store;

    abstract Store openStore();

    EscalatingBanList open() {
        return open(events);
    }

    EscalatingBanList open(RecordingEventBus bus) {
        if (store == null) {
            store = openStore();
            opened.add(store);
        }
        EscalatingBanList bans = EscalatingBanList.open(store, CONFIG, bus, clock);
        opened.add(0, bans);
        return bans;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private static boolean banned(EscalatingBanList bans, String address) {
        return bans.isBanned(IpAddresses.parse(address));
    }

    @Test
    void aFirstBanLastsTheBaseTimeAndEachRepeatTwiceAsLongUpToTheMaximum() {
        EscalatingBanList bans = open();
        List<Duration> lengths = new ArrayList<>();
        List<Integer> offences = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            Ban ban = bans.ban("198.51.100.7", "scanning", "detector");
            lengths.add(Duration.between(ban.since(), ban.until()));
            offences.add(ban.offence());
            clock.advance(Duration.between(ban.since(), ban.until())); // each repeat comes as the last ban ends
        }

        assertThat(lengths).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(40),
                Duration.ofHours(1), Duration.ofHours(1));
        assertThat(offences).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aRepeatAfterTheRepeatWindowStartsAgainFromTheBaseTime() {
        EscalatingBanList bans = open();
        bans.ban("198.51.100.7", "scanning", "detector");
        bans.ban("198.51.100.7", "scanning", "detector");

        clock.advance(Duration.ofDays(1).plusSeconds(1));
        Ban later = bans.ban("198.51.100.7", "scanning", "detector");

        assertThat(later.offence()).isEqualTo(1);
        assertThat(Duration.between(later.since(), later.until())).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void bansWholeBlocksAndTheSlash64OfABareIpv6AddressUntilTheBanRunsOut() {
        EscalatingBanList bans = open();
        bans.ban("203.0.113.0/24", "botnet", "admin");
        Ban v6 = bans.ban("2001:DB8:0:7::1", "scanning", "detector");

        assertThat(v6.block()).isEqualTo("2001:db8:0:7::/64");
        assertThat(banned(bans, "203.0.113.77")).isTrue();
        assertThat(banned(bans, "203.0.114.1")).isFalse();
        assertThat(banned(bans, "2001:db8:0:7:abcd::5")).isTrue();
        assertThat(banned(bans, "2001:db8:0:8::1")).isFalse();
        clock.advance(Duration.ofMinutes(10));
        assertThat(banned(bans, "203.0.113.77")).as("ended").isFalse();
    }

    @Test
    void bansAndTheirOffenceCountsSurviveARestart() {
        EscalatingBanList before = open();
        before.ban("198.51.100.7", "scanning", "detector");
        Ban second = before.ban("198.51.100.7", "scanning again", "detector");
        before.ban("203.0.113.0/24", "botnet", "admin");
        before.close();

        EscalatingBanList after = open();

        assertThat(banned(after, "198.51.100.7")).isTrue();
        assertThat(banned(after, "203.0.113.9")).isTrue();
        assertThat(after.list()).contains(second);
        assertThat(after.ban("198.51.100.7", "scanning", "detector").offence()).isEqualTo(3);
    }

    @Test
    void unbanLiftsABanAtOnceAndARepeatStillEscalates() {
        EscalatingBanList bans = open();
        bans.ban("198.51.100.7", "scanning", "detector");
        clock.advance(Duration.ofMinutes(1));

        Ban lifted = bans.unban("198.51.100.7").orElseThrow();

        assertThat(lifted.until()).isEqualTo(clock.instant());
        assertThat(banned(bans, "198.51.100.7")).isFalse();
        assertThat(bans.unban("198.51.100.7")).isEmpty();
        assertThat(bans.ban("198.51.100.7", "scanning", "detector").offence()).isEqualTo(2);
    }

    @Test
    void anUnbanSurvivesARestart() {
        EscalatingBanList before = open();
        before.ban("198.51.100.7", "scanning", "detector");
        before.unban("198.51.100.7");
        before.close();

        assertThat(banned(open(), "198.51.100.7")).isFalse();
    }

    @Test
    void takesInBansMadeAndLiftedByAnotherProcessSharingTheStore() {
        EscalatingBanList gateway = open();
        RecordingEventBus cliEvents = new RecordingEventBus();
        EscalatingBanList cli = open(cliEvents);

        cli.ban("198.51.100.7", "abuse report", "cli");
        cli.awaitWrites();
        gateway.syncFromStore();
        assertThat(banned(gateway, "198.51.100.7")).isTrue();

        cli.unban("198.51.100.7");
        cli.awaitWrites();
        gateway.syncFromStore();
        assertThat(banned(gateway, "198.51.100.7")).isFalse();
        assertThat(cliEvents.types()).containsExactly("ban.added", "ban.removed");
        assertThat(events.events).as("the process that made the change reported it").isEmpty();
    }

    @Test
    void emitsAnEventForEachBanAddedRemovedAndExpired() {
        EscalatingBanList bans = open();
        bans.ban("198.51.100.7", "scanning", "detector");
        bans.ban("198.51.100.8", "scanning", "detector");
        bans.unban("198.51.100.8");
        clock.advance(Duration.ofMinutes(10));
        bans.expireDue();
        bans.expireDue();

        assertThat(events.types()).containsExactly("ban.added", "ban.added", "ban.removed", "ban.expired");
        SecurityEvent added = events.events.get(0);
        assertThat(added.source()).isEqualTo("bans");
        assertThat(added.clientIp()).isEqualTo("198.51.100.7");
        assertThat(added.details()).containsAllEntriesOf(Map.of("block", "198.51.100.7", "reason", "scanning",
                "source", "detector", "until", "2026-05-04T10:10:00Z", "offence", "1"));
        assertThat(bans.list()).isEmpty();
    }

    @Test
    void listsBansInForceSoonestEndingFirst() {
        EscalatingBanList bans = open();
        bans.ban("198.51.100.7", "a", "admin");
        bans.ban("198.51.100.7", "a", "admin"); // 20 minutes
        clock.advance(Duration.ofMinutes(1));
        bans.ban("198.51.100.9", "b", "admin"); // ends at 10:11

        assertThat(bans.list()).extracting(Ban::block).containsExactly("198.51.100.9", "198.51.100.7");
    }

    @Test
    void refusesSomethingThatIsNoAddressOrBlock() {
        EscalatingBanList bans = open();

        assertThatThrownBy(() -> bans.ban("example.com", "x", "admin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'example.com' is not an IPv4 address");
        assertThatThrownBy(() -> bans.ban("10.0.0.1/8", "x", "admin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has host bits set");
    }
}

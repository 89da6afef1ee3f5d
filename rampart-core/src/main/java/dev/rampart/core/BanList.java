package dev.rampart.core;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Clients refused at connection accept for a while: what the detector and the admin API use to ban
 * an abusive address or network. Implementations answer {@link #isBanned} from memory without
 * blocking (it runs for every new connection on an event loop) and persist changes in the
 * background, so bans survive a restart.
 */
public interface BanList {

    /**
     * Bans an address or CIDR block. Banning a block again while its ban is still running, or within
     * the implementation's memory of past bans, counts as a repeat offence and may lengthen it.
     *
     * @param block an IP address ({@code 203.0.113.7}, {@code 2001:db8::1}) or a CIDR block
     *     ({@code 203.0.113.0/24}); an IPv6 address without a prefix may be widened to its /64
     * @param reason why, for operators and events (no secrets)
     * @param source who asked, e.g. {@code detector}, {@code admin}, a ban rule's name
     * @return the ban as now in force, with its end
     * @throws IllegalArgumentException when {@code block} is not an address or CIDR block
     */
    Ban ban(String block, String reason, String source);

    /** Whether {@code address} lies in a block whose ban is in force now. Never blocks. */
    boolean isBanned(InetAddress address);

    /**
     * Lifts the ban of exactly {@code block} (as {@link #ban} returned it) at once.
     *
     * @return the lifted ban, or empty when no ban of that block was in force
     */
    Optional<Ban> unban(String block);

    /** Bans in force now, soonest-ending first. */
    List<Ban> list();

    /**
     * One ban.
     *
     * @param block the banned address or CIDR block, normalised ({@code 2001:db8:0:1::/64})
     * @param reason why it was banned
     * @param source who banned it
     * @param since when this ban started
     * @param until when it ends by itself
     * @param offence how many times the block has been banned within the remembered window, this
     *     ban included (1 for a first ban); the length grows with it
     */
    record Ban(String block, String reason, String source, Instant since, Instant until, int offence) {
        public Ban {
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(until, "until");
        }
    }
}

package dev.rampart.core.config;

import java.time.Duration;
import java.util.List;

/**
 * Escalating bans ({@code bans:}), in the manner of fail2ban's {@code bantime.increment}: a first
 * ban lasts {@code base-time}, each repeat within {@code repeat-window} twice as long as the one
 * before, up to {@code max-time}.
 */
public record BansConfig(
        @Doc("Length of a first ban. Default 10m.") Duration baseTime,
        @Doc("Longest ban. Default 7d.") Duration maxTime,
        @Doc("How long a client's previous bans are remembered for escalation, from the start of its last ban. "
                + "Default 7d.") Duration repeatWindow,
        @Doc("Addresses or CIDR blocks never banned (health checkers, office networks).") List<String> ignore,
        @Doc("Rules that ban clients automatically.") List<BanRuleConfig> rules,
        @Doc("How often bans made elsewhere (the CLI, other gateways sharing the store) are read from the store. "
                + "Default 30s.") Duration syncInterval) {

    public BansConfig {
        baseTime = baseTime == null ? Duration.ofMinutes(10) : baseTime;
        maxTime = maxTime == null ? Duration.ofDays(7) : maxTime;
        repeatWindow = repeatWindow == null ? Duration.ofDays(7) : repeatWindow;
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
        rules = rules == null ? List.of() : List.copyOf(rules);
        syncInterval = syncInterval == null ? Duration.ofSeconds(30) : syncInterval;
    }

    public static BansConfig defaults() {
        return new BansConfig(null, null, null, null, null, null);
    }
}

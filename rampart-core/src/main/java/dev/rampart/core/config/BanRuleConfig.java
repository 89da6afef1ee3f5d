package dev.rampart.core.config;

import java.time.Duration;
import java.util.List;

/**
 * A ban rule: a client with {@code count} matching security events within {@code window} is
 * banned (for {@code bans.base-time}, doubled on each repeat). Events are matched by type and,
 * when {@code codes} is not empty, by reason code.
 */
public record BanRuleConfig(
        @Required @Doc("Name of the rule; it becomes the ban's reason.") String name,
        @Required @Doc("Matching events within the window that trigger a ban.") Integer count,
        @Required @Doc("The window, e.g. 1m.") Duration window,
        @Doc("Event types that count. Default [request.denied, authentication.failed] (denials of any kind).")
        List<String> events,
        @Doc("Reason codes that count, e.g. [invalid-api-key]; empty: any code.") List<String> codes) {

    public BanRuleConfig {
        events = events == null ? List.of("request.denied", "authentication.failed") : List.copyOf(events);
        codes = codes == null ? List.of() : List.copyOf(codes);
    }
}

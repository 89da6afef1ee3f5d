package dev.rampart.detect;

import static dev.rampart.core.config.DetectionActionConfig.Action.alert;
import static dev.rampart.core.config.DetectionActionConfig.Action.ban_ip;
import static dev.rampart.core.config.DetectionActionConfig.Action.incident;

import dev.rampart.core.config.DetectionActionConfig;
import dev.rampart.core.config.DetectionRuleConfig;
import dev.rampart.core.config.DetectionRuleConfig.Kind;
import dev.rampart.core.config.EventFilterConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The rules every installation runs unless the config switches them off ({@code enabled: false}
 * under the rule's name) or overrides some of their keys. See the module README for the table.
 */
public final class BuiltInRules {

    public static final String BRUTE_FORCE_IP = "brute-force-ip";
    public static final String BRUTE_FORCE_ACCOUNT = "brute-force-account";
    public static final String CREDENTIAL_STUFFING = "credential-stuffing";
    public static final String LOGIN_AFTER_FAILURES = "login-after-failures";
    public static final String WAF_REPEATED_BLOCKS = "waf-repeated-blocks";
    public static final String RATE_LIMIT_ABUSE = "rate-limit-abuse";
    public static final String SCANNING = "scanning";
    public static final String REVOKED_KEY_USE = "revoked-key-use";
    public static final String TOKEN_REPLAY = "token-replay";
    public static final String ADMIN_LOGIN_NEW_IP = "admin-login-new-ip";

    private static final List<EventFilterConfig> FAILED_LOGINS = List.of(
            EventFilterConfig.ofTypes(DetectionEvents.AUTHENTICATION_FAILED, DetectionEvents.ADMIN_AUTH_FAILED));

    private BuiltInRules() {
    }

    /** All built-in rules, with their defaults. */
    public static List<DetectionRuleConfig> all() {
        return List.of(
                // OWASP ASVS V2.2.1 / CAPEC-49: many failed logins from one address in a short time
                threshold(BRUTE_FORCE_IP, FAILED_LOGINS, "client_ip", 5, Duration.ofMinutes(5), null, "SEV-3",
                        incident, alert, ban_ip),
                // the same attack spread over many addresses, aimed at one account
                threshold(BRUTE_FORCE_ACCOUNT, FAILED_LOGINS, "details." + DetectionEvents.ACCOUNT, 5,
                        Duration.ofMinutes(5), null, "SEV-3", incident, alert),
                // CAPEC-600: leaked username/password pairs tried, one try per account, from one address
                threshold(CREDENTIAL_STUFFING, FAILED_LOGINS, "client_ip", 10, Duration.ofMinutes(10),
                        "details." + DetectionEvents.ACCOUNT, "SEV-2", incident, alert, ban_ip),
                new DetectionRuleConfig(LOGIN_AFTER_FAILURES, true, Kind.sequence, FAILED_LOGINS,
                        List.of(EventFilterConfig.ofTypes(DetectionEvents.AUTHENTICATION_SUCCEEDED,
                                DetectionEvents.ADMIN_AUTH_SUCCEEDED)),
                        "client_ip", 5, Duration.ofMinutes(10), null, null, null, null, null, "SEV-2", null,
                        actions(incident, alert)),
                threshold(WAF_REPEATED_BLOCKS, List.of(EventFilterConfig.ofTypes(DetectionEvents.WAF_BLOCKED),
                        new EventFilterConfig(List.of(DetectionEvents.REQUEST_DENIED), null, List.of("waf"), null)),
                        "client_ip", 10, Duration.ofMinutes(1), null, "SEV-3", incident, alert, ban_ip),
                threshold(RATE_LIMIT_ABUSE, List.of(EventFilterConfig.ofTypes(DetectionEvents.RATE_LIMIT_EXCEEDED)),
                        "client_ip", 100, Duration.ofMinutes(1), null, "SEV-4", incident, ban_ip),
                // CAPEC-169 footprinting: paths probed that do not exist
                threshold(SCANNING, List.of(
                        new EventFilterConfig(List.of(DetectionEvents.REQUEST_DENIED),
                                List.of(DetectionEvents.ROUTE_NOT_FOUND), null, null),
                        EventFilterConfig.ofTypes(DetectionEvents.UPSTREAM_NOT_FOUND)),
                        "client_ip", 30, Duration.ofMinutes(1), null, "SEV-4", incident, ban_ip),
                pattern(REVOKED_KEY_USE, new EventFilterConfig(List.of(DetectionEvents.AUTHENTICATION_FAILED),
                        List.of(DetectionEvents.REVOKED), null, null), "SEV-2"),
                pattern(TOKEN_REPLAY, new EventFilterConfig(List.of(DetectionEvents.SIGNATURE_REJECTED,
                        DetectionEvents.AUTHENTICATION_FAILED), List.of(DetectionEvents.REPLAYED), null, null), "SEV-2"),
                new DetectionRuleConfig(ADMIN_LOGIN_NEW_IP, true, Kind.new_value,
                        List.of(EventFilterConfig.ofTypes(DetectionEvents.ADMIN_AUTH_SUCCEEDED)), null, "principal",
                        null, null, null, null, "client_ip", null, null, "SEV-2", null, actions(incident, alert)));
    }

    private static DetectionRuleConfig threshold(String name, List<EventFilterConfig> match, String groupBy, int count,
            Duration window, String distinct, String severity, DetectionActionConfig.Action... actions) {
        return new DetectionRuleConfig(name, true, Kind.threshold, match, null, groupBy, count, window, null, distinct,
                null, null, null, severity, null, actions(actions));
    }

    private static DetectionRuleConfig pattern(String name, EventFilterConfig match, String severity) {
        return new DetectionRuleConfig(name, true, Kind.pattern, List.of(match), null, "client_ip", null, null, null,
                null, null, null, null, severity, null, actions(incident, alert));
    }

    private static List<DetectionActionConfig> actions(DetectionActionConfig.Action... actions) {
        return Arrays.stream(actions).map(DetectionActionConfig::of).toList();
    }
}

package dev.rampart.waf;

import java.util.Locale;

/** {@code SecRuleEngine}: whether matched disruptive rules act, only log, or no rule runs at all. */
public enum EngineMode {
    ON, DETECTION_ONLY, OFF;

    /** The mode a {@code SecRuleEngine} or {@code ctl:ruleEngine} value names ({@code On}, {@code DetectionOnly}, {@code Off}). */
    public static EngineMode fromSecLang(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on":
                return ON;
            case "detectiononly":
                return DETECTION_ONLY;
            case "off":
                return OFF;
            default:
                throw new IllegalArgumentException(
                        "rule engine mode '" + value + "' is not one of On, DetectionOnly, Off");
        }
    }
}

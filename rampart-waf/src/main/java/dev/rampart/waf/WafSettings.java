package dev.rampart.waf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a deployment changes on top of the rule files, without editing them: the engine mode, CRS
 * paranoia level and anomaly thresholds (seeded as the TX variables CRS reads, so CRS's own
 * defaults apply to what is left unset), and extra SecLang directives read after the rules — the
 * place for exclusions such as {@code SecRuleRemoveById 942100} or
 * {@code SecRuleUpdateTargetById 942100 "!ARGS:query"}.
 *
 * @param engineMode        overrides {@code SecRuleEngine} when not null
 * @param transactionValues TX variables every transaction starts with ({@code blocking_paranoia_level → 2})
 * @param directives        SecLang text read after the rule files, in order
 */
public record WafSettings(EngineMode engineMode, Map<String, String> transactionValues, List<String> directives) {

    public WafSettings {
        transactionValues = Map.copyOf(transactionValues);
        directives = List.copyOf(directives);
    }

    /** The rule files as they are. */
    public static WafSettings defaults() {
        return new WafSettings(null, Map.of(), List.of());
    }

    /** These settings with {@code mode} replacing the rules' {@code SecRuleEngine}. */
    public WafSettings withEngineMode(EngineMode mode) {
        return new WafSettings(Objects.requireNonNull(mode, "mode"), transactionValues, directives);
    }

    /** These settings with CRS paranoia level {@code level} (1–4) for blocking and detection. */
    public WafSettings withParanoiaLevel(int level) {
        if (level < 1 || level > 4) {
            throw new IllegalArgumentException("paranoia level must be 1-4, got " + level);
        }
        return withTransactionValue("blocking_paranoia_level", Integer.toString(level))
                .withTransactionValue("detection_paranoia_level", Integer.toString(level));
    }

    /** These settings with CRS's inbound and outbound anomaly score thresholds. */
    public WafSettings withAnomalyThresholds(int inbound, int outbound) {
        if (inbound < 1 || outbound < 1) {
            throw new IllegalArgumentException("anomaly thresholds must be at least 1, got " + inbound + "/" + outbound);
        }
        return withTransactionValue("inbound_anomaly_score_threshold", Integer.toString(inbound))
                .withTransactionValue("outbound_anomaly_score_threshold", Integer.toString(outbound));
    }

    /** These settings with TX variable {@code name} starting at {@code value} in every transaction. */
    public WafSettings withTransactionValue(String name, String value) {
        Map<String, String> values = new LinkedHashMap<>(transactionValues);
        values.put(name, value);
        return new WafSettings(engineMode, values, directives);
    }

    /** These settings with SecLang {@code text} read after the rule files. */
    public WafSettings withDirectives(String text) {
        List<String> all = new ArrayList<>(directives);
        all.add(text);
        return new WafSettings(engineMode, transactionValues, all);
    }
}

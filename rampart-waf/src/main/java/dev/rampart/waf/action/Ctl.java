package dev.rampart.waf.action;

import dev.rampart.waf.EngineMode;
import dev.rampart.waf.engine.Target;
import dev.rampart.waf.engine.Targets;
import dev.rampart.waf.engine.TransactionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code ctl}: changes the configuration for the rest of this transaction only — the engine mode,
 * which rules and rule targets run, the request body processor and body handling, auditing.
 * <pre>SecRule REQUEST_URI "{@literal @}beginsWith /upload" "id:1,phase:1,pass,nolog,ctl:ruleRemoveTargetById=942100;ARGS:file"</pre>
 */
final class Ctl implements RuleAction {

    static final Set<String> BODY_PROCESSORS = Set.of("URLENCODED", "MULTIPART", "JSON", "XML");

    private final Consumer<TransactionState> change;

    Ctl(String argument) {
        String text = Arguments.required("ctl", argument);
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("ctl needs option=value (e.g. ctl:ruleEngine=Off), got '" + argument + "'");
        }
        String option = text.substring(0, equals).trim();
        String value = text.substring(equals + 1).trim();
        this.change = parse(option, value);
    }

    private static Consumer<TransactionState> parse(String option, String value) {
        switch (option.toLowerCase(Locale.ROOT)) {
            case "ruleengine": {
                EngineMode mode = EngineMode.fromSecLang(value);
                return tx -> tx.mode(mode);
            }
            case "ruleremovebyid": {
                List<int[]> ranges = idRanges(value);
                return tx -> ranges.forEach(r -> tx.removeRulesById(r[0], r[1]));
            }
            case "ruleremovebytag":
                return tx -> tx.removeRulesByTag(value);
            case "ruleremovetargetbyid": {
                String[] parts = idAndTarget(option, value);
                List<int[]> ranges = idRanges(parts[0]);
                List<Target> targets = Targets.parse(parts[1]);
                return tx -> {
                    for (int[] range : ranges) {
                        for (Target target : targets) {
                            tx.removeTargetById(range[0], range[1], target);
                        }
                    }
                };
            }
            case "ruleremovetargetbytag": {
                String[] parts = idAndTarget(option, value);
                List<Target> targets = Targets.parse(parts[1]);
                return tx -> targets.forEach(target -> tx.removeTargetByTag(parts[0], target));
            }
            case "requestbodyprocessor": {
                String processor = value.toUpperCase(Locale.ROOT);
                if (!BODY_PROCESSORS.contains(processor)) {
                    throw new IllegalArgumentException("ctl:requestBodyProcessor must be one of URLENCODED, MULTIPART, "
                            + "JSON, XML; got '" + value + "'");
                }
                return tx -> tx.reqbodyProcessor(processor);
            }
            case "forcerequestbodyvariable": {
                boolean on = onOff(option, value);
                return tx -> tx.forceRequestBodyVariable(on);
            }
            case "requestbodyaccess": {
                boolean on = onOff(option, value);
                return tx -> tx.requestBodyAccess(on);
            }
            case "responsebodyaccess": {
                boolean on = onOff(option, value);
                return tx -> tx.responseBodyAccess(on);
            }
            case "auditengine": {
                String mode = value.toLowerCase(Locale.ROOT);
                if (!Set.of("on", "off", "relevantonly").contains(mode)) {
                    throw new IllegalArgumentException("ctl:auditEngine must be On, Off or RelevantOnly; got '" + value + "'");
                }
                return tx -> tx.auditEngine(!mode.equals("off"));
            }
            case "auditlogparts":
                return tx -> tx.auditLogParts(value);
            default:
                throw new IllegalArgumentException("unknown ctl option '" + option + "'; supported: ruleEngine, "
                        + "ruleRemoveById, ruleRemoveByTag, ruleRemoveTargetById, ruleRemoveTargetByTag, "
                        + "requestBodyProcessor, forceRequestBodyVariable, requestBodyAccess, responseBodyAccess, "
                        + "auditEngine, auditLogParts");
        }
    }

    private static boolean onOff(String option, String value) {
        if (value.equalsIgnoreCase("on")) {
            return true;
        }
        if (value.equalsIgnoreCase("off")) {
            return false;
        }
        throw new IllegalArgumentException("ctl:" + option + " must be On or Off, got '" + value + "'");
    }

    private static String[] idAndTarget(String option, String value) {
        int semicolon = value.indexOf(';');
        if (semicolon <= 0 || semicolon == value.length() - 1) {
            throw new IllegalArgumentException("ctl:" + option + " needs rule;TARGET (e.g. 942100;ARGS:password), got '"
                    + value + "'");
        }
        return new String[] {value.substring(0, semicolon).trim(), value.substring(semicolon + 1).trim()};
    }

    /** Rule ids and ranges as {@code ctl:ruleRemoveById} and {@code SecRuleRemoveById} take them: {@code 1 2 10-20}. */
    static List<int[]> idRanges(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.trim().split("[\\s,]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                int dash = part.indexOf('-', 1);
                if (dash > 0) {
                    ranges.add(new int[] {Integer.parseInt(part.substring(0, dash)), Integer.parseInt(part.substring(dash + 1))});
                } else {
                    int id = Integer.parseInt(part);
                    ranges.add(new int[] {id, id});
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a rule id or range like 920100-920199, got '" + part + "'", e);
            }
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("expected at least one rule id");
        }
        return ranges;
    }

    @Override
    public boolean runsOnMatch() {
        return true;
    }

    @Override
    public void execute(TransactionState tx) {
        change.accept(tx);
    }
}

package dev.rampart.gateway.config;

import dev.rampart.core.config.DetectionConfig;
import dev.rampart.core.config.DetectionRuleConfig;
import dev.rampart.detect.Detector;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of the {@code detection:} section: the detector's own checks ({@link Detector#check}), each
 * placed at the key it names. The detector names rules by name ({@code detection.rules[export-abuse]})
 * and writes "{@code <path> is missing; …}"; the file is indexed by position, so both are translated.
 */
final class DetectionRules {

    private static final String RULES = "detection.rules[";
    /** "{@code <path> is …}" / "must" / "needs": the path ends at the first space. */
    private static final Pattern PATH_THEN_VERB = Pattern.compile("(\\S+[^:\\s]) (is|must|needs) ");

    private DetectionRules() {
    }

    static void check(DetectionConfig detection, Findings findings) {
        for (String problem : Detector.check(detection)) {
            String located = withColon(byIndex(problem, detection.rules()));
            findings.errorNamingItsPath(located, parentOfPath(located));
        }
    }

    /** {@code detection.rules[name]…} as {@code detection.rules[i]…} for a rule written in the file. */
    static String byIndex(String problem, List<DetectionRuleConfig> rules) {
        int end = problem.indexOf(']', RULES.length());
        if (!problem.startsWith(RULES) || end < 0) {
            return problem;
        }
        String name = problem.substring(RULES.length(), end);
        for (int i = rules.size() - 1; i >= 0; i--) {   // the last override of a name is the one in force
            if (name.equals(rules.get(i).name())) {
                return RULES + i + problem.substring(end);
            }
        }
        return problem;
    }

    /**
     * The parent of the path a problem starts with ({@code detection.rules[0]} for
     * {@code detection.rules[0].kind: …}): where a missing key is shown, since the file has no line
     * for it.
     */
    private static String parentOfPath(String problem) {
        int colon = problem.indexOf(": ");
        String path = colon < 0 ? problem : problem.substring(0, colon);
        int dot = path.lastIndexOf('.');
        return dot > "detection".length() - 1 && path.startsWith("detection") && path.indexOf(' ') < 0
                ? path.substring(0, dot) : "detection";
    }

    private static String withColon(String problem) {
        Matcher m = PATH_THEN_VERB.matcher(problem);
        return m.lookingAt() ? m.group(1) + ": " + problem.substring(m.end(1) + 1) : problem;
    }
}

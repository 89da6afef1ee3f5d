package dev.rampart.waf.operator;

import dev.rampart.waf.detect.InjectionDetector;
import dev.rampart.waf.detect.SqlInjectionDetector;

/**
 * {@code @detectSQLi}: matches when the value is a SQL-injection fragment according to
 * Rampart's {@link SqlInjectionDetector}; with {@code capture}, {@code TX:0} holds the fragment's
 * token fingerprint (never the value itself). Takes no argument.
 *
 * <pre>SecRule ARGS "@detectSQLi" "id:1,phase:2,deny,capture"</pre>
 */
public final class DetectSqli implements Operator {

    private final InjectionDetector detector = new SqlInjectionDetector();

    /** The detector reads the value only. */
    @Override
    public boolean dependsOnValueOnly() {
        return true;
    }

    @Override
    public boolean matches(String value, MatchContext context) {
        return DetectorMatch.record(detector.detect(value), context);
    }
}

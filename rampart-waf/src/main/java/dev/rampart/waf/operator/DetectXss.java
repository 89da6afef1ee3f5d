package dev.rampart.waf.operator;

import dev.rampart.waf.detect.InjectionDetector;
import dev.rampart.waf.detect.XssDetector;

/**
 * {@code @detectXSS}: matches when the value would run script if a page echoed it, according to
 * Rampart's {@link XssDetector}; with {@code capture}, {@code TX:0} holds the finding
 * ({@code data:handler:onerror}, never the value itself). Takes no argument.
 *
 * <pre>SecRule ARGS "@detectXSS" "id:1,phase:2,deny,capture"</pre>
 */
public final class DetectXss implements Operator {

    private final InjectionDetector detector = new XssDetector();

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

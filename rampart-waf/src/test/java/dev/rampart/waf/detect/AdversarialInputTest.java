package dev.rampart.waf.detect;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 16 KB inputs built to push the detectors' worst cases — unbounded nesting in the SQL grammar,
 * endless quotes, tags, attributes and character references — complete without error (the
 * detectors are single passes over the input plus a recursion bounded by the grammar's depth
 * limit; their speed is measured in rampart-bench, not asserted here).
 */
class AdversarialInputTest {

    private static final int SIZE = 16 * 1024;

    static List<String> inputs() {
        return List.of(
                fill("("), fill("-"), fill("!"), fill("not "), fill("case when "), fill("if(1)"),
                "1" + fill(" union select 1"), "1" + fill(" or 1"), fill("'"), fill("\"'`"), fill("/*!"),
                fill("x' or ("), fill("sleep("), fill("<"), fill("<a "), fill("<a b="), fill("&#"),
                fill("&#x6a;"), fill("javascript:"), fill("\" onclick=\""), fill("<!--"), fill("\\"),
                fill("url("), fill("<style>"), fill("1,"));
    }

    private static String fill(String unit) {
        return unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void sqlInjectionDetectorCompletesOnAdversarialInput(String input) {
        assertThatCode(() -> new SqlInjectionDetector().detect(input)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void xssDetectorCompletesOnAdversarialInput(String input) {
        assertThatCode(() -> new XssDetector().detect(input)).doesNotThrowAnyException();
    }
}

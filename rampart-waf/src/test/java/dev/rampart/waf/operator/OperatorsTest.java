package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.waf.transform.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class OperatorsTest {

    @Test
    void createsOperatorsByCaseInsensitiveName() {
        assertThat(Operators.create("RX", "a", null)).isInstanceOf(Rx.class);
        assertThat(Operators.create("validateurlencoding", "", null)).isInstanceOf(ValidateUrlEncoding.class);
    }

    @Test
    void rejectsUnknownOperatorListingTheKnownOnes() {
        assertThatThrownBy(() -> Operators.create("regex", "a", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@regex")
                .hasMessageContaining("rx")
                .hasMessageContaining("validateUtf8Encoding");
    }

    @Test
    void namesTheOperatorWhoseArgumentIsWrong() {
        assertThatThrownBy(() -> Operators.create("rx", "(unclosed", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("@rx: ");
        assertThatThrownBy(() -> Operators.create("eq", "many", null))
                .hasMessageStartingWith("@eq: ")
                .hasMessageContaining("many");
    }

    @Test
    void treatsMissingArgumentAsEmpty() {
        assertThat(Operators.create("unconditionalMatch", null, null).matches("x", RecordingContext.plain())).isTrue();
    }

    @Test
    void knowsEveryOperatorTheCoreRuleSetUsesButTheInjectionDetectors() {
        Path rules = SharedData.crsRules();
        Assumptions.assumeTrue(rules != null, "../shared/crs-v4.28.0/rules not found; CRS check skipped");
        List<CrsRuleScanner.CrsOperator> operators = CrsRuleScanner.operators(rules);
        Set<String> used = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        operators.forEach(op -> used.add(op.name()));
        used.removeAll(Set.of("detectSQLi", "detectXSS"));
        assertThat(used).isNotEmpty();
        assertThat(Operators.names()).containsAll(used);
        for (CrsRuleScanner.CrsOperator op : operators) {
            if (used.contains(op.name())) {
                assertThat(Operators.create(op.name(), op.argument(), rules)).as(op.file() + " @" + op.name()).isNotNull();
            }
        }
    }
}

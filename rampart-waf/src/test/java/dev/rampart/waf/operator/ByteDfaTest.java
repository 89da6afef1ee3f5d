package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.waf.transform.SharedData;
import dev.rampart.waf.transform.Transformation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ByteDfaTest {

    private static boolean re2(String translated, String value) {
        return com.google.re2j.Pattern.compile(translated, com.google.re2j.Pattern.DOTALL | com.google.re2j.Pattern.MULTILINE)
                .matcher(value).find();
    }

    private static void agrees(String pattern, String... values) {
        String translated = SecLangRegex.translate(pattern);
        ByteDfa dfa = ByteDfa.compile(translated).orElseThrow();
        for (String value : values) {
            assertThat(dfa.matches(value)).as("%s on '%s'", pattern, value).contains(re2(translated, value));
        }
    }

    @Test
    void answersAsRe2DoesForTheSyntaxItKnows() {
        agrees("(?i)union\\s+select", "1 UNION  select", "union", "xunion\tSELECTx", "");
        agrees("^\\d+$", "123", "12a", "a\n42\nb", "", "7\n");
        agrees("\\bcat\\b", "a cat.", "concat", "cat", "cats", "caf\u00e9cat");
        agrees("a\\Bb|x{2,3}y", "ab", "a b", "xy", "xxy", "xxxxy", "x");
        agrees("[^a-c\\x5d]+z|[]q]", "dz", "az", "]", "q", "]z");
        agrees("(?i:\u00c0b)c|(?i)D", "\u00e0Bc", "\u00e0BC", "d", "e");
        agrees("\\Aab|cd\\z|e.f", "ab", "xab", "cd", "cdx", "e\nf", "ef");
        agrees("^$", "", "a", "a\n", "\n\n");
        agrees("(?:a|b)*?c{0}d{1,}", "d", "abd", "c", "cd");
    }

    @Test
    void takesClassRangesReachingAboveTheBytesAsTheirByteParts() {
        // SecLangRegex spells \S as [\x00-\x08\x0E-\x1F\x21-\x{10FFFF}]: before, a range bound
        // above 0xff left the whole pattern (CRS 3.3's 920100 on every request line) to RE2/J.
        String nonSpace = SecLangRegex.translate("^get /[^?#]*(?:#[\\S]*)?$|a[^#\\S]b");
        assertThat(ByteDfa.compile(nonSpace)).isPresent();
        agrees(nonSpace, "get /x#frag", "get /x# frag", "get /x#", "a b", "a#b", "axb", "a\tb", "get /\u00ff#\u00e9");
        agrees("[\\x{41}-\\x{10FFFF}]+!|[\\x{100}-\\x{200}]", "AZ!", "\u00ff!", "@!", "x");
    }

    @Test
    void leavesUnknownSyntaxToRe2() {
        assertThat(ByteDfa.compile("a[[:alpha:]]")).isEmpty();
        assertThat(ByteDfa.compile("\\pL")).isEmpty();
        assertThat(ByteDfa.compile("a**")).isEmpty();
    }

    @Test
    void judgesNoValueThatIsNotAByteString() {
        ByteDfa dfa = ByteDfa.compile("(?i)k").orElseThrow();
        assertThat(dfa.matches("\u212a")).isEmpty();
    }

    @Test
    void agreesWithRe2OnEveryCrsPatternOverTheRegressionPayloads() {
        Path rules = SharedData.crsRules();
        Assumptions.assumeTrue(rules != null, "../shared/crs-v4.28.0/rules not found; CRS DFA check skipped");
        Path tests = rules.resolveSibling("tests/regression/tests");
        Assumptions.assumeTrue(Files.isDirectory(tests), "CRS regression tests not found; CRS DFA check skipped");
        List<Transformation[]> decodings = List.of(
                new Transformation[0],
                new Transformation[] {RequiredLiteralsTest.t("urlDecodeUni")},
                new Transformation[] {RequiredLiteralsTest.t("urlDecodeUni"), RequiredLiteralsTest.t("htmlEntityDecode"),
                    RequiredLiteralsTest.t("jsDecode"), RequiredLiteralsTest.t("lowercase")},
                new Transformation[] {RequiredLiteralsTest.t("urlDecodeUni"), RequiredLiteralsTest.t("cmdLine")});
        List<CrsRuleScanner.CrsOperator> operators = CrsRuleScanner.operators(rules).stream()
                .filter(op -> op.name().equals("rx") && !op.argument().contains("%{")).toList();
        // Every pattern against its own payloads and those of the rules around it, so both
        // verdicts occur often.
        int compiled = 0;
        int matched = 0;
        int checked = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < operators.size(); i++) {
            String translated = SecLangRegex.translate(operators.get(i).argument());
            Optional<ByteDfa> dfa = ByteDfa.compile(translated);
            if (dfa.isEmpty()) {
                continue;
            }
            compiled++;
            com.google.re2j.Pattern regex = com.google.re2j.Pattern.compile(translated,
                    com.google.re2j.Pattern.DOTALL | com.google.re2j.Pattern.MULTILINE);
            Set<String> values = new LinkedHashSet<>();
            for (int j = Math.max(0, i - 2); j <= Math.min(operators.size() - 1, i + 2); j++) {
                values.addAll(RequiredLiteralsTest.payloads(tests, operators.get(j).ruleId()));
            }
            values.addAll(List.of("", "Please wrap it; it's a gift for my sister.", "SKU-1003", "jane.oneill@example.com",
                    "Mozilla/5.0 (X11; Linux x86_64) AppClient/2.4", "application/json"));
            for (String payload : values) {
                for (Transformation[] chain : decodings) {
                    String value = payload;
                    for (Transformation step : chain) {
                        value = step.apply(value);
                    }
                    Optional<Boolean> answer = dfa.get().matches(value);
                    if (answer.isEmpty()) {
                        continue;
                    }
                    checked++;
                    boolean expected = regex.matcher(value).find();
                    if (expected) {
                        matched++;
                    }
                    if (answer.get() != expected) {
                        disagreements.add(operators.get(i).ruleId() + " says " + answer.get() + " on " + value);
                    }
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(compiled).as("CRS patterns the DFA takes").isGreaterThan(operators.size() * 9 / 10);
        assertThat(matched).as("matching values checked").isGreaterThan(1000);
        assertThat(checked).isGreaterThan(20_000);
    }
}

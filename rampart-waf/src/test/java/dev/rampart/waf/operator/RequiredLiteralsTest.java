package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.waf.transform.Transformation;
import dev.rampart.waf.transform.Transformations;
import dev.rampart.waf.transform.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RequiredLiteralsTest {

    private static Optional<Set<String>> literals(String pattern) {
        return RequiredLiterals.of(SecLangRegex.translate(pattern));
    }

    @Test
    void takesLiteralsOfEachAlternativeLowercased() {
        assertThat(literals("(?i)union\\s+select|SLEEP\\(")).contains(Set.of("select", "sleep("));
    }

    @Test
    void keepsTheLongestRequiredRunOfAConcatenation() {
        assertThat(literals("a\\d+bcd\\w*ef")).contains(Set.of("bcd"));
        assertThat(literals("<script[^>]*>")).contains(Set.of("<script"));
    }

    @Test
    void expandsSmallClassesAndOptionalParts() {
        assertThat(literals("[Jj]ava")).contains(Set.of("java"));
        assertThat(literals("ab?c")).contains(Set.of("ac", "abc"));
        assertThat(literals("x[ab]y")).contains(Set.of("xay", "xby"));
    }

    @Test
    void readsEscapedCharactersAsLiterals() {
        assertThat(literals("\\x3cscript\\.")).contains(Set.of("<script."));
        assertThat(literals("\\Q(a)\\E")).contains(Set.of("(a)"));
        assertThat(literals("a\\nb")).contains(Set.of("a\nb"));
    }

    @Test
    void zeroWidthAssertionsJoinTheirNeighbours() {
        assertThat(literals("^\\bselect\\b$")).contains(Set.of("select"));
    }

    @Test
    void requiresNothingWhenAnAlternativeOrTheWholePatternIsFree() {
        assertThat(literals("abc|\\d+")).isEmpty();
        assertThat(literals(".*")).isEmpty();
        assertThat(literals("(?:abc)?")).isEmpty();
        assertThat(literals("[^a]bc*")).contains(Set.of("b"));
        assertThat(literals("^$")).isEmpty();
    }

    @Test
    void aConcatenationRequiresEachOfItsParts() {
        // 942290's shape: a '$' before one of many operator names; a value without '$' is out
        // however many of the names it holds.
        Optional<List<Set<String>>> sets = RequiredLiterals.setsOf(SecLangRegex.translate("(?i)\\$\\w+\\("));
        assertThat(sets).contains(List.of(Set.of("$"), Set.of("(")));
        // CRS 941120 as translated for RE2: a class range written with control escapes (\t-\r).
        assertThat(RequiredLiterals.setsOf("(?i)[\\t-\\r \"'\\(,/-9;=`]on[a-z]{3,50}[\\t-\\r \\(,;]*?=[^=]"))
                .contains(List.of(Set.of("on"), Set.of("=")));
    }

    @Test
    void putsTheRarestSetFirstAndKeepsAtMostThree() {
        // Punctuation other than what prose is full of beats a letter of the same length.
        List<Set<String>> sets = RequiredLiterals.setsOf("a\\d+l\\d+i\\d+a\\d+s\\d+=").orElseThrow();
        assertThat(sets).hasSize(RequiredLiterals.MAX_SETS);
        assertThat(sets.get(0)).isEqualTo(Set.of("="));
        assertThat(literals("a\\d+l\\d+i\\d+a\\d+s\\d+=")).contains(Set.of("="));
    }

    @Test
    void anAlternationRequiresTheUnionOfItsBranchesSets() {
        List<Set<String>> sets = RequiredLiterals.setsOf("union\\s+select|sleep\\(\\d+\\)").orElseThrow();
        // Each branch contributes its k-th set to the k-th set of the whole.
        assertThat(sets).allSatisfy(set -> assertThat(set).hasSize(2));
        assertThat(sets.get(0)).containsAnyOf("select", "union").containsAnyOf("sleep(", ")");
    }

    @Test
    void keepsRequirementThroughRepetitionAtLeastOnce() {
        assertThat(literals("(?:abc)+")).contains(Set.of("abc"));
        assertThat(literals("(?:abc){2,}")).contains(Set.of("abc"));
        assertThat(literals("(?:abc){0,3}")).isEmpty();
    }

    @Test
    void givesUpOnLookAroundAndLargeClasses() {
        assertThat(literals("a(?=b)")).isEmpty();
        assertThat(literals("[a-z]+")).isEmpty();
        assertThat(literals("[\\S]")).isEmpty();
    }

    @Test
    void onlyAFixedPatternsVerdictDependsOnTheValueAlone() {
        assertThat(new Rx("(?i)union\\s+select").dependsOnValueOnly()).isTrue();
        // A macro makes the pattern depend on TX: no memo of its misses.
        assertThat(new Rx("^%{tx.allowed_methods}$").dependsOnValueOnly()).isFalse();
    }

    @Test
    void prefilterNeverChangesAVerdict() {
        Rx rx = new Rx("(?i)union\\s+select");
        assertThat(rx.requiredLiterals()).contains(Set.of("select"));
        assertThat(rx.matches("1 UNION\u000bSELECT 2", RecordingContext.plain())).isTrue();
        assertThat(rx.matches("1 onion select 2", RecordingContext.plain())).isFalse();
        assertThat(rx.matches("1 union selec", RecordingContext.plain())).isFalse();
        // A char beyond a byte (never in a SecLang value) bypasses the prefilter: the regex judges.
        assertThat(new Rx("(?i)k").matches("\u212a", RecordingContext.plain())).isTrue();
    }

    /**
     * Soundness on real attacks: every payload of the CRS regression tests of a rule that its
     * pattern matches (raw and after the usual decodings) holds a literal of each of the
     * pattern's literal sets.
     */
    @Test
    void everyCoreRuleSetPayloadAPatternMatchesHoldsALiteralOfEachSet() {
        Path rules = SharedData.crsRules();
        Assumptions.assumeTrue(rules != null, "../shared/crs-v4.28.0/rules not found; CRS soundness check skipped");
        Path tests = rules.resolveSibling("tests/regression/tests");
        Assumptions.assumeTrue(Files.isDirectory(tests), "CRS regression tests not found; CRS soundness check skipped");
        List<Transformation[]> decodings = List.of(
                new Transformation[0],
                new Transformation[] {t("urlDecodeUni")},
                new Transformation[] {t("urlDecodeUni"), t("htmlEntityDecode"), t("jsDecode"), t("lowercase")},
                new Transformation[] {t("urlDecodeUni"), t("cmdLine")},
                new Transformation[] {t("urlDecodeUni"), t("replaceComments"), t("compressWhitespace")},
                new Transformation[] {t("urlDecodeUni"), t("removeWhitespace"), t("removeNulls")});
        int matched = 0;
        List<String> unsound = new ArrayList<>();
        for (CrsRuleScanner.CrsOperator op : CrsRuleScanner.operators(rules)) {
            if (!op.name().equals("rx") || op.argument().contains("%{")) {
                continue;
            }
            String translated = SecLangRegex.translate(op.argument());
            Optional<List<Set<String>>> literals = RequiredLiterals.setsOf(translated);
            if (literals.isEmpty()) {
                continue;
            }
            com.google.re2j.Pattern regex = com.google.re2j.Pattern.compile(translated,
                    com.google.re2j.Pattern.DOTALL | com.google.re2j.Pattern.MULTILINE);
            for (String payload : payloads(tests, op.ruleId())) {
                for (Transformation[] chain : decodings) {
                    String value = payload;
                    for (Transformation step : chain) {
                        value = step.apply(value);
                    }
                    if (regex.matcher(value).find()) {
                        matched++;
                        String folded = foldCase(value);
                        for (Set<String> set : literals.get()) {
                            if (set.stream().noneMatch(folded::contains)) {
                                unsound.add(op.ruleId() + " " + set + " misses " + value);
                            }
                        }
                    }
                }
            }
        }
        assertThat(unsound).isEmpty();
        assertThat(matched).as("payloads matched by their rule's pattern").isGreaterThan(500);
    }

    static Transformation t(String name) {
        return Transformations.named(name);
    }

    private static String foldCase(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            out.append(Character.toLowerCase(value.charAt(i)));
        }
        return out.toString();
    }

    /** Every "key: value" value of the rule's regression test file, unquoted: URIs, bodies, headers. */
    static Set<String> payloads(Path tests, String ruleId) {
        Set<String> values = new LinkedHashSet<>();
        try (Stream<Path> dirs = Files.list(tests)) {
            for (Path dir : dirs.toList()) {
                Path file = dir.resolve(ruleId + ".yaml");
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int colon = line.indexOf(": ");
                    if (colon < 0) {
                        continue;
                    }
                    String value = line.substring(colon + 2).strip();
                    if (value.length() > 1 && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))) {
                        value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
                    }
                    values.add(dev.rampart.waf.transform.ByteText.ofUtf8(value));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}

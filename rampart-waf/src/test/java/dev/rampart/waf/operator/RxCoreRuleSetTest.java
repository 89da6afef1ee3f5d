package dev.rampart.waf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.waf.transform.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every {@code @rx} of CRS v4.28.0 compiles, and none can be driven into super-linear time: each
 * runs to completion on 16 KB inputs shaped like the classic catastrophic-backtracking attacks
 * on it, each holding one of the pattern's required literals so the regex does run. The timeout is a hang guard only (a backtracking engine would take hours here), not a
 * speed assertion.
 */
class RxCoreRuleSetTest {

    private static final int INPUT_BYTES = 16 * 1024;

    private static List<String> patterns;

    @BeforeAll
    static void loadPatterns() {
        Path rules = SharedData.crsRules();
        Assumptions.assumeTrue(rules != null, "../shared/crs-v4.28.0/rules not found; CRS regex checks skipped");
        patterns = CrsRuleScanner.operators(rules).stream().filter(op -> op.name().equals("rx"))
                .map(CrsRuleScanner.CrsOperator::argument).toList();
    }

    @Test
    void everyCoreRuleSetPatternCompilesForLinearTimeMatching() {
        assertThat(patterns).hasSizeGreaterThan(250);
        List<String> failures = new ArrayList<>();
        for (String pattern : patterns) {
            try {
                if (!new Rx(pattern).linearTime()) {
                    failures.add("needs the backtracking fallback: " + pattern);
                }
            } catch (IllegalArgumentException e) {
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyCoreRuleSetPatternCompletesOnAdversarialInputs() {
        int evaluations = 0;
        for (String pattern : patterns) {
            Rx rx = new Rx(pattern);
            // Each input ends with one of the pattern's required literals, so the prefilter lets it
            // through and the regex itself scans all 16 KB.
            String literal = rx.requiredLiterals().map(set -> set.iterator().next()).orElse("");
            List<String> inputs = adversarialInputs(pattern).stream()
                    .map(input -> input.substring(0, INPUT_BYTES - literal.length()) + literal).toList();
            for (String input : inputs) {
                assertThat(input).hasSize(INPUT_BYTES);
                rx.matches(input, RecordingContext.plain());
                evaluations++;
            }
            // Capturing takes RE2's submatch path, a different matcher: run it on the pattern's own characters.
            rx.matches(inputs.get(0), RecordingContext.withCapture());
            evaluations++;
        }
        assertThat(evaluations).isGreaterThan(patterns.size() * 9);
    }

    /**
     * Inputs built from the pattern itself: runs of its own literal characters (what nested
     * quantifiers over those characters would backtrack on), its characters cycled, each closed
     * by a byte that makes the match fail at the very end; plus whitespace runs, repeated SQL and
     * markup fragments, and random bytes.
     */
    static List<String> adversarialInputs(String pattern) {
        Set<Character> literals = new LinkedHashSet<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c >= 0x20 && c < 0x7f && "()[]{}|?*+^$.".indexOf(c) < 0) {
                literals.add(c);
            }
        }
        List<String> inputs = new ArrayList<>();
        StringBuilder cycled = new StringBuilder();
        for (char c : literals) {
            cycled.append(c);
        }
        int runs = 0;
        for (char c : literals) {
            if (runs++ == 2) {
                break;
            }
            inputs.add(fill(String.valueOf(c), "\u0000"));
        }
        if (cycled.length() > 0) {
            inputs.add(fill(cycled.toString(), "\n"));
        }
        inputs.add(fill(" \t", "!"));
        inputs.add(fill("a", "!"));
        inputs.add(fill("<a ", ">"));
        inputs.add(fill("' or 1=1 ", "'"));
        inputs.add(fill("/*", "*"));
        inputs.add(fill("%25", "%"));
        inputs.add(fill("\\x", "\\"));
        Random random = new Random(pattern.hashCode());
        char[] noise = new char[INPUT_BYTES];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (char) random.nextInt(256);
        }
        inputs.add(new String(noise));
        return inputs;
    }

    private static String fill(String unit, String last) {
        StringBuilder out = new StringBuilder(INPUT_BYTES);
        while (out.length() < INPUT_BYTES - last.length()) {
            out.append(unit);
        }
        out.setLength(INPUT_BYTES - last.length());
        return out.append(last).toString();
    }
}

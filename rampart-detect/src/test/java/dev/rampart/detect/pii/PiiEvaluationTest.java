package dev.rampart.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Precision and recall per type on the labelled set {@code pii/pii-eval.jsonl} (positives and hard
 * negatives; made by {@code make-eval-set.py} beside it) with the default scanner (every type,
 * confidence MEDIUM and up). A finding is right when its type and exact text are those of an expected
 * item. The floors are set just under what was measured, so a detector change that costs accuracy fails.
 */
class PiiEvaluationTest {

    /** Measured figures are in the module README; floors a little below them. */
    private static final Map<PiiType, double[]> FLOORS = Map.of(
            PiiType.CARD, new double[] {0.98, 0.98},
            PiiType.IBAN, new double[] {0.98, 0.95},
            PiiType.SSN, new double[] {0.95, 0.95},
            PiiType.EMAIL, new double[] {0.98, 0.98},
            PiiType.PHONE, new double[] {0.95, 0.90},
            PiiType.IP, new double[] {0.95, 0.95},
            PiiType.SECRET, new double[] {0.98, 0.98},
            PiiType.JWT, new double[] {0.98, 0.98});

    @Test
    void meetsThePrecisionAndRecallFloorsOnTheLabelledSet() throws Exception {
        PiiScanner scanner = PiiScanner.defaults();
        Map<PiiType, int[]> counts = new EnumMap<>(PiiType.class);   // tp, fp, fn
        for (PiiType t : PiiType.values()) {
            counts.put(t, new int[3]);
        }
        List<String> misses = new ArrayList<>();
        int lines = 0;
        JsonMapper json = JsonMapper.builder().build();
        try (InputStream in = getClass().getResourceAsStream("/pii/pii-eval.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                JsonNode node = json.readTree(line);
                String text = node.get("text").asString();
                List<String[]> expected = new ArrayList<>();
                for (JsonNode e : node.get("expected")) {
                    expected.add(new String[] {e.get("type").asString(), e.get("value").asString()});
                }
                for (PiiFinding f : scanner.scan(text)) {
                    String value = f.valueIn(text);
                    boolean matched = expected.removeIf(e -> e[0].equals(f.type().configName()) && e[1].equals(value));
                    counts.get(f.type())[matched ? 0 : 1]++;
                    if (!matched) {
                        misses.add("false positive " + f.type().configName() + " '" + value + "' in: " + text);
                    }
                }
                for (String[] e : expected) {
                    counts.get(PiiType.ofConfigName(e[0]))[2]++;
                    misses.add("missed " + e[0] + " '" + e[1] + "' in: " + text);
                }
            }
        }
        StringBuilder table = new StringBuilder("PII evaluation, " + lines + " lines, min-confidence medium\n"
                + "| type | expected | found | precision | recall |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (PiiType t : PiiType.values()) {
            int[] c = counts.get(t);
            table.append(String.format(java.util.Locale.ROOT, "| %s | %d | %d | %.3f | %.3f |%n", t.configName(),
                    c[0] + c[2], c[0] + c[1], precision(c), recall(c)));
        }
        System.out.println(table);
        misses.forEach(m -> System.out.println("  " + m));
        assertThat(lines).isGreaterThan(300);
        for (PiiType t : PiiType.values()) {
            int[] c = counts.get(t);
            assertThat(c[0] + c[2]).as("positives of %s in the set", t).isGreaterThanOrEqualTo(8);
            assertThat(precision(c)).as("precision of %s", t).isGreaterThanOrEqualTo(FLOORS.get(t)[0]);
            assertThat(recall(c)).as("recall of %s", t).isGreaterThanOrEqualTo(FLOORS.get(t)[1]);
        }
    }

    private static double precision(int[] c) {
        return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
    }

    private static double recall(int[] c) {
        return c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
    }
}

package dev.rampart.waf.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The labelled datasets under {@code src/test/resources/detect}: one payload per line, {@code #}
 * lines are comments, and {@code ⏎} (U+23CE) stands for a line break inside a payload.
 */
final class LabelledPayloads {

    static final String SQL_INJECTION = "sqli-attacks.txt";
    static final String CROSS_SITE_SCRIPTING = "xss-attacks.txt";
    static final String BENIGN = "benign.txt";

    private LabelledPayloads() {
    }

    static List<String> load(String name) {
        try (InputStream in = LabelledPayloads.class.getResourceAsStream("/detect/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dataset /detect/" + name + " is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.replace('\u23ce', '\n'))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset /detect/" + name, e);
        }
    }

    /** The share of {@code payloads} the detector reports, printing the ones that disagree with {@code expected}. */
    static double detectionRate(InjectionDetector detector, List<String> payloads, boolean expected, String label) {
        int detected = 0;
        for (String payload : payloads) {
            boolean found = detector.detect(payload).isPresent();
            if (found) {
                detected++;
            }
            if (found != expected) {
                System.out.printf("  %s %s: %s%n", label, found ? "false positive" : "missed",
                        payload.replace("\n", "\u23ce"));
            }
        }
        return (double) detected / payloads.size();
    }
}

package dev.rampart.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.waf.transform.CharClasses;
import dev.rampart.waf.transform.Transformation;
import dev.rampart.waf.transform.Transformations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The skipping {@link TransformationChain#apply(String, int)} gives what applying every step does. */
class TransformationChainTest {

    /** The chains CRS v4 applies to request values at paranoia level 1. */
    private static final List<String> CRS_CHAINS = List.of(
            "cmdLine", "cmdLine,normalizePath", "htmlEntityDecode,jsDecode", "htmlEntityDecode,lowercase",
            "lowercase,length", "lowercase,urlDecodeUni,htmlEntityDecode,jsDecode", "normalizePath,urlDecodeUni",
            "urlDecodeUni,compressWhitespace", "urlDecodeUni,jsDecode,htmlEntityDecode", "urlDecodeUni,removeCommentsChar",
            "urlDecodeUni,replaceComments,removeWhitespace",
            "utf8toUnicode,urlDecodeUni,htmlEntityDecode,jsDecode,cssDecode,lowercase,removeNulls",
            "utf8toUnicode,urlDecodeUni,htmlEntityDecode,jsDecode,cssDecode,removeNulls,removeWhitespace",
            "utf8toUnicode,urlDecodeUni,normalizePathWin", "utf8toUnicode,urlDecodeUni,removeNulls,cmdLine",
            "base64Decode,lowercase", "trim,lowercase,sha1,hexEncode");

    /** Characters every step of those chains reacts to, and plain text, so decodings feed each other. */
    private static final String ALPHABET = "aZ09 .,;-_/\\%+&#*'\"^()<>=:\t\n\u0000\u00a0\u00c3\u00a9"
            + "uxU%25%2e%3c&lt;&#x3c;\\x3c\\u003c/*-- */";

    @Test
    void skippingStepsNeverChangesTheResult() {
        Random random = new Random(11);
        for (String names : CRS_CHAINS) {
            TransformationChain chain = chain(names);
            for (int n = 0; n < 5_000; n++) {
                String value = randomValue(random);
                String everyStep = value;
                List<String> distinctResults = new ArrayList<>(List.of(value));
                for (Transformation step : steps(names)) {
                    String next = step.apply(everyStep);
                    if (!next.equals(everyStep)) {
                        distinctResults.add(next);
                    }
                    everyStep = next;
                }
                assertThat(chain.applyEach(value)).as("multiMatch %s of %s", names, value).isEqualTo(distinctResults);
                // As the engine does it: the first step the value triggers worked out apart.
                int first = chain.firstTriggered(CharClasses.of(value));
                if (first >= 0) {
                    String afterFirst = chain.step(first).apply(value);
                    assertThat(chain.applyEachFrom(first + 1, value, afterFirst, CharClasses.of(afterFirst)))
                            .as("multiMatch from step %d, %s of %s", first, names, value).isEqualTo(distinctResults);
                }
                assertThat(chain.apply(value, CharClasses.of(value))).as("%s of %s", names, value).isEqualTo(everyStep);
                assertThat(chain.apply(value)).isEqualTo(everyStep);
            }
        }
    }

    @Test
    void aPlainValueComesBackAsTheSameObject() {
        TransformationChain decodings = chain("utf8toUnicode,urlDecodeUni,htmlEntityDecode,jsDecode,cssDecode,removeNulls");
        String plain = "paperback edition, volume 3";
        assertThat(decodings.mayChange(CharClasses.of(plain))).isFalse();
        assertThat(decodings.apply(plain, CharClasses.of(plain))).isSameAs(plain);
        assertThat(chain("length").apply(plain, CharClasses.of(plain))).isEqualTo("27");
    }

    private static TransformationChain chain(String names) {
        return new TransformationChain(Arrays.asList(names.split(",")), steps(names));
    }

    private static List<Transformation> steps(String names) {
        List<Transformation> steps = new ArrayList<>();
        for (String name : names.split(",")) {
            steps.add(Transformations.named(name));
        }
        return steps;
    }

    private static String randomValue(Random random) {
        int pieces = random.nextInt(8);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            int start = random.nextInt(ALPHABET.length());
            value.append(ALPHABET, start, Math.min(ALPHABET.length(), start + 1 + random.nextInt(6)));
        }
        return value.toString();
    }
}

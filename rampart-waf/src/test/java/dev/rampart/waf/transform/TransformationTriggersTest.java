package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Transformation#triggers()} is a promise the engine acts on: a value holding none of a
 * step's trigger classes skips the step. A wrong promise would let an encoded attack through
 * undecoded, so every registered transformation is held to it on random values built only from
 * the characters outside its triggers.
 */
class TransformationTriggersTest {

    private static final int VALUES_PER_TRANSFORMATION = 3_000;

    @Test
    void aValueWithoutAnyTriggerComesOutUnchanged() {
        Random random = new Random(20261126);
        List<String> checked = new ArrayList<>();
        for (String name : Transformations.names()) {
            Transformation transformation = Transformations.named(name);
            int triggers = transformation.triggers();
            if (triggers == CharClasses.ANY) {
                continue;
            }
            StringBuilder alphabet = new StringBuilder();
            for (char c = 0; c < 0x100; c++) {
                if ((CharClasses.of(String.valueOf(c)) & triggers & ~CharClasses.EVERY_VALUE) == 0) {
                    alphabet.append(c);
                }
            }
            for (int n = 0; n < VALUES_PER_TRANSFORMATION; n++) {
                String value = randomValue(random, alphabet);
                assertThat(CharClasses.of(value) & triggers).as(name + " alphabet").isZero();
                assertThat(transformation.apply(value)).as("t:%s of %s", name, printable(value)).isEqualTo(value);
            }
            checked.add(name);
        }
        assertThat(checked).contains("urlDecodeUni", "htmlEntityDecode", "jsDecode", "cssDecode", "utf8toUnicode",
                "lowercase", "removeNulls", "removeWhitespace", "compressWhitespace", "cmdLine", "normalizePath",
                "normalizePathWin", "replaceComments", "removeCommentsChar", "trim", "none");
    }

    @Test
    void triggersAreWhatTheStepsActOn() {
        assertThat(Transformations.named("urlDecodeUni").apply("a%41+b")).isEqualTo("aA b");
        assertThat(CharClasses.of("a%41+b") & Transformations.named("urlDecodeUni").triggers()).isNotZero();
        assertThat(CharClasses.of("Select") & Transformations.named("lowercase").triggers()).isNotZero();
        assertThat(CharClasses.of("select") & Transformations.named("lowercase").triggers()).isZero();
        // normalizePath: a dot alone is a path of its own; without a slash nothing else changes.
        assertThat(Transformations.named("normalizePath").apply(".")).isEmpty();
        assertThat(Transformations.named("normalizePath").apply("12.99")).isEqualTo("12.99");
        assertThat(Transformations.named("normalizePathWin").apply("a\\..\\b")).isEqualTo("b");
    }

    @Test
    void everyValueHasTheEveryValueClass() {
        assertThat(CharClasses.of("")).isEqualTo(CharClasses.EVERY_VALUE);
        assertThat(CharClasses.of("abc")).isEqualTo(CharClasses.EVERY_VALUE);
        assertThat(CharClasses.of("\u0100") & CharClasses.NON_ASCII).isNotZero();
        assertThat(CharClasses.of("\u00a0") & (CharClasses.WHITESPACE | CharClasses.NON_ASCII))
                .isEqualTo(CharClasses.WHITESPACE | CharClasses.NON_ASCII);
    }

    /** Short and long values, with runs of one character (where whitespace and comment markers bite). */
    private static String randomValue(Random random, CharSequence alphabet) {
        int length = random.nextInt(4) == 0 ? random.nextInt(200) : random.nextInt(12);
        StringBuilder value = new StringBuilder(length);
        while (value.length() < length) {
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            int run = random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 1;
            for (int i = 0; i < run; i++) {
                value.append(c);
            }
        }
        return value.toString();
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out.toString();
    }
}

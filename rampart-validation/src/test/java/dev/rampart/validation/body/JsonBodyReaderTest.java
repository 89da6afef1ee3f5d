package dev.rampart.validation.body;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.JsonLimitsConfig;
import dev.rampart.validation.BodyRules;
import dev.rampart.validation.Violation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyReaderTest {

    private static final JsonLimitsConfig LIMITS = new JsonLimitsConfig(4, 3, 5, DataSize.ofBytes(16), DataSize.ofKilobytes(1));

    private static Violation read(String json) {
        return JsonBodyReader.read(LIMITS, json.getBytes(StandardCharsets.UTF_8), true).violation();
    }

    @Test
    void buildsTheTreeOfAnAcceptableBody() {
        JsonBodyReader reader = JsonBodyReader.read(LIMITS,
                "{\"a\": [1, 2.50, true, null], \"b\": {\"c\": \"x\"}, \"n\": 12345678901234}".getBytes(StandardCharsets.UTF_8), true);
        assertThat(reader.violation()).isNull();
        assertThat(reader.tree().toString()).isEqualTo("{\"a\":[1,2.50,true,null],\"b\":{\"c\":\"x\"},\"n\":12345678901234}");
    }

    @Test
    void buildsTheSameTreeWhenFedOneByteAtATime() {
        byte[] json = "{\"a\": [1, {\"b\": \"h\\u00e9llo\"}], \"c\": -0.5e3}".getBytes(StandardCharsets.UTF_8);
        JsonBodyReader reader = new JsonBodyReader(LIMITS, true);
        for (byte b : json) {
            assertThat(reader.feed(new byte[] {b}, 0, 1)).isTrue();
        }
        assertThat(reader.finish()).isTrue();
        assertThat(reader.tree()).isEqualTo(JsonBodyReader.read(LIMITS, json, true).tree());
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        assertThat(read("[[[[1]]]]")).isNull();
        Violation v = read("[[[[[1]]]]]");
        assertThat(v.rule()).isEqualTo(BodyRules.MAX_DEPTH);
        assertThat(v.pointer()).isEqualTo("/0/0/0/0");
    }

    @Test
    void refusesTooManyKeysInOneObject() {
        Violation v = read("{\"x\": {\"a\":1, \"b\":2, \"c\":3, \"d\":4}}");
        assertThat(v).extracting(Violation::pointer, Violation::rule, Violation::expected).containsExactly("/x", BodyRules.MAX_KEYS, "3");
    }

    @Test
    void refusesArraysLongerThanTheLimit() {
        assertThat(read("[1,2,3,4,5]")).isNull();
        assertThat(read("{\"list\": [1,2,3,4,5,6]}")).extracting(Violation::pointer, Violation::rule)
                .containsExactly("/list", BodyRules.MAX_ARRAY_LENGTH);
        assertThat(read("[[],[],[],[],[],[]]").rule()).isEqualTo(BodyRules.MAX_ARRAY_LENGTH);
    }

    @Test
    void refusesLongStringsAndKeys() {
        assertThat(read("[\"" + "x".repeat(16) + "\"]")).isNull();
        assertThat(read("[\"" + "x".repeat(17) + "\"]").rule()).isEqualTo(BodyRules.MAX_STRING_LENGTH);
        assertThat(read("{\"" + "k".repeat(17) + "\": 1}").rule()).isEqualTo(BodyRules.MAX_STRING_LENGTH);
    }

    @Test
    void refusesDuplicateKeys() {
        // {"role":"user","role":"admin"}: one parser keeps the first, another the last.
        Violation v = read("{\"user\": {\"role\": \"user\", \"role\": \"admin\"}}");
        assertThat(v).extracting(Violation::pointer, Violation::rule).containsExactly("/user/role", BodyRules.DUPLICATE_KEY);
    }

    @Test
    void refusesBodiesLargerThanMaxSize() {
        Violation v = read("[1" + " ".repeat(2000) + "]");
        assertThat(v.rule()).isEqualTo(BodyRules.MAX_SIZE);
    }

    @Test
    void refusesMalformedAndTruncatedJson() {
        assertThat(read("{\"a\": }").rule()).isEqualTo(BodyRules.SYNTAX);
        assertThat(read("{\"a\": [1, 2").rule()).isEqualTo(BodyRules.SYNTAX);
        assertThat(read("").rule()).isEqualTo(BodyRules.SYNTAX);
        assertThat(read("[1] [2]").rule()).isEqualTo(BodyRules.SYNTAX);
    }

    @Test
    void acceptsAScalarDocument() {
        assertThat(JsonBodyReader.read(LIMITS, "\"text\"".getBytes(StandardCharsets.UTF_8), true).tree().asString()).isEqualTo("text");
    }

    @Test
    void stopsA100MegabyteBodyAtMaxSizeWithoutReadingFurther() {
        JsonLimitsConfig limits = new JsonLimitsConfig(null, null, null, null, DataSize.ofMegabytes(1));
        JsonBodyReader reader = new JsonBodyReader(limits, true);
        byte[] chunk = chunkOfStrings();
        long offered = 0;
        boolean open = reader.feed("[".getBytes(StandardCharsets.UTF_8), 0, 1);
        while (open && offered < 100L * 1024 * 1024) {
            open = reader.feed(chunk, 0, chunk.length);
            offered += chunk.length;
        }
        assertThat(reader.violation().rule()).isEqualTo(BodyRules.MAX_SIZE);
        assertThat(reader.bytesRead()).isLessThanOrEqualTo(1024 * 1024 + chunk.length);
    }

    @Test
    void scansA100MegabyteHostileBodyInChunksWithinASmallHeap() {
        // The test JVM runs with -Xmx96m (see the pom): holding this body, or a tree of it, would not fit.
        JsonLimitsConfig limits = new JsonLimitsConfig(null, null, 1_000_000, null, DataSize.ofMegabytes(256));
        JsonBodyReader reader = new JsonBodyReader(limits, false);
        byte[] chunk = chunkOfStrings();
        assertThat(reader.feed("[".getBytes(StandardCharsets.UTF_8), 0, 1)).isTrue();
        long total = 0;
        while (total < 100L * 1024 * 1024) {
            assertThat(reader.feed(chunk, 0, chunk.length)).isTrue();
            total += chunk.length;
        }
        // The bomb's fuse at the very end: a duplicate key, after 100 MB of harmless-looking items.
        byte[] tail = "{\"a\":1,\"a\":2}]".getBytes(StandardCharsets.UTF_8);
        assertThat(reader.feed(tail, 0, tail.length)).isFalse();
        assertThat(reader.violation().rule()).isEqualTo(BodyRules.DUPLICATE_KEY);
        assertThat(reader.bytesRead()).isGreaterThan(100L * 1024 * 1024);
    }

    /** 64 KB of {@code "xxx…",} items: each string is 1,000 characters. */
    private static byte[] chunkOfStrings() {
        String item = "\"" + "x".repeat(1000) + "\",";
        StringBuilder sb = new StringBuilder();
        while (sb.length() + item.length() <= 64 * 1024) {
            sb.append(item);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}

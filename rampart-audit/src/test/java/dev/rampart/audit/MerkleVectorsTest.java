package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the shared RFC 6962 proof vectors ({@code ../shared/vectors/merkle/testdata}, as laid out by
 * transparency-dev/merkle): every file names a proof, its inputs and whether verification must fail.
 */
class MerkleVectorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestFactory
    Stream<DynamicTest> inclusionVectorsVerifyOrFailAsTheyDeclare() throws IOException {
        return vectors("inclusion").map(file -> DynamicTest.dynamicTest(name(file), () -> {
            JsonNode v = JSON.readTree(file.toFile());
            Runnable verify = () -> MerkleProofs.verifyInclusion(unsigned(v.get("leafIdx")), unsigned(v.get("treeSize")),
                    bytes(v.get("leafHash")), hashes(v.get("proof")), bytes(v.get("root")));
            expect(verify, v.get("wantErr").asBoolean());
        }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyVectorsVerifyOrFailAsTheyDeclare() throws IOException {
        return vectors("consistency").map(file -> DynamicTest.dynamicTest(name(file), () -> {
            JsonNode v = JSON.readTree(file.toFile());
            Runnable verify = () -> MerkleProofs.verifyConsistency(unsigned(v.get("size1")), unsigned(v.get("size2")),
                    hashes(v.get("proof")), bytes(v.get("root1")), bytes(v.get("root2")));
            expect(verify, v.get("wantErr").asBoolean());
        }));
    }

    private static void expect(Runnable verify, boolean wantError) {
        if (wantError) {
            assertThatThrownBy(verify::run).isInstanceOf(InvalidProofException.class);
        } else {
            assertThatCode(verify::run).doesNotThrowAnyException();
        }
    }

    private static Stream<Path> vectors(String kind) throws IOException {
        Path root = vectorRoot();
        assumeTrue(root != null, "RFC 6962 proof vectors not found: expected ../shared/vectors/merkle/testdata "
                + "next to the repository (set -Drampart.merkle.vectors=DIR to point elsewhere); skipping");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root.resolve(kind))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("vector files under " + root.resolve(kind)).isNotEmpty();
        return files.stream();
    }

    static Path vectorRoot() {
        String configured = System.getProperty("rampart.merkle.vectors");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/vectors/merkle/testdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String name(Path file) {
        return vectorRoot().relativize(file).toString();
    }

    /** Sizes are Go uint64s; one past Long.MAX_VALUE reads as negative, which every check refuses. */
    private static long unsigned(JsonNode node) {
        return node.bigIntegerValue().longValue();
    }

    private static byte[] bytes(JsonNode node) {
        return node == null || node.isNull() ? new byte[0] : Base64.getDecoder().decode(node.asString());
    }

    private static List<byte[]> hashes(JsonNode node) {
        List<byte[]> list = new ArrayList<>();
        if (node != null && !node.isNull()) {
            node.forEach(n -> list.add(bytes(n)));
        }
        return list;
    }
}

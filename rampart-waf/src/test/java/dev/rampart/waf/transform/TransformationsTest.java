package dev.rampart.waf.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TransformationsTest {

    @Test
    void looksUpNamesCaseInsensitivelyAsSecLangDoes() {
        assertThat(Transformations.named("base64decode")).isInstanceOf(Base64Decode.class);
        assertThat(Transformations.named("URLDECODEUNI")).isInstanceOf(UrlDecodeUni.class);
        assertThat(Transformations.named("utf8toUnicode")).isInstanceOf(Utf8ToUnicode.class);
    }

    @Test
    void acceptsBritishSpellingsOfNormalizePath() {
        assertThat(Transformations.named("normalisePath")).isInstanceOf(NormalizePath.class);
        assertThat(Transformations.named("normalisePathWin")).isInstanceOf(NormalizePathWin.class);
    }

    @Test
    void rejectsUnknownNameListingTheKnownOnes() {
        assertThatThrownBy(() -> Transformations.named("urlDecodeTwice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t:urlDecodeTwice")
                .hasMessageContaining("urlDecodeUni")
                .hasMessageContaining("htmlEntityDecode");
    }

    @Test
    void namesListsEveryTransformationOnce() {
        assertThat(Transformations.names()).contains("none", "urlDecodeUni", "cmdLine", "trimRight", "base64DecodeExt")
                .hasSize(35);
    }

    @Test
    void knowsEveryTransformationTheCoreRuleSetUses() throws IOException {
        Path rules = SharedData.crsRules();
        Assumptions.assumeTrue(rules != null, "../shared/crs-v4.28.0/rules not found; CRS check skipped");
        Set<String> used = new TreeSet<>();
        java.util.regex.Pattern action = java.util.regex.Pattern.compile("[\"',]t:([A-Za-z0-9]+)");
        try (Stream<Path> files = Files.list(rules)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".conf")).toList()) {
                for (String line : Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                    if (line.strip().startsWith("#")) {
                        continue;
                    }
                    Matcher m = action.matcher(line);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        assertThat(used).isNotEmpty();
        for (String name : used) {
            assertThat(Transformations.named(name)).as("t:" + name).isNotNull();
        }
    }
}

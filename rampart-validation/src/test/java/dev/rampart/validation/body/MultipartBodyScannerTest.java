package dev.rampart.validation.body;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.MultipartLimitsConfig;
import dev.rampart.validation.BodyRules;
import dev.rampart.validation.Violation;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartBodyScannerTest {

    private static final String BOUNDARY = "----rampart7MA4YWxkTrZu0gW";
    private final MultipartBodyScanner scanner = new MultipartBodyScanner(
            new MultipartLimitsConfig(3, DataSize.ofKilobytes(1), DataSize.ofKilobytes(8), List.of("png", "pdf")));

    private static String part(String disposition, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; " + disposition + "\r\n\r\n" + content + "\r\n";
    }

    private Violation scan(String... parts) {
        String body = String.join("", parts) + "--" + BOUNDARY + "--\r\n";
        return scanner.scan(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)), BOUNDARY);
    }

    @Test
    void acceptsFieldsAndAnAllowedFile() {
        assertThat(scan(part("name=\"title\"", "Invoice"), part("name=\"file\"; filename=\"invoice-2026.pdf\"", "%PDF-1.7 ..."))).isNull();
    }

    @Test
    void refusesMorePartsThanAllowed() {
        Violation v = scan(part("name=\"a\"", "1"), part("name=\"b\"", "2"), part("name=\"c\"", "3"), part("name=\"d\"", "4"));
        assertThat(v).extracting(Violation::rule, Violation::expected).containsExactly(BodyRules.MAX_PARTS, "3");
    }

    @Test
    void refusesAnOversizedPart() {
        Violation v = scan(part("name=\"ok\"", "x"), part("name=\"file\"; filename=\"big.png\"", "x".repeat(1025)));
        assertThat(v).extracting(Violation::name, Violation::pointer, Violation::rule).containsExactly("file", "/1", BodyRules.MAX_PART_SIZE);
    }

    @Test
    void stopsAnOversizedBodyWhileStreaming() {
        // An endless part would be read forever; the whole-body limit cuts it off.
        InputStream body = new EndlessBody("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n", "0123456789");
        MultipartBodyScanner roomyParts = new MultipartBodyScanner(new MultipartLimitsConfig(3, DataSize.ofMegabytes(100),
                DataSize.ofKilobytes(64), List.of()));
        assertThat(roomyParts.scan(body, BOUNDARY).rule()).isEqualTo(BodyRules.MAX_SIZE);
    }

    @Test
    void refusesPathTraversalInFileNames() {
        for (String name : List.of("../../etc/passwd.png", "..\\..\\boot.png", "/etc/cron.d/x.png", "C:evil.png", ".htaccess.png")) {
            assertThat(scan(part("name=\"f\"; filename=\"" + name + "\"", "x"))).as(name)
                    .extracting(Violation::rule).isEqualTo(BodyRules.FILENAME);
        }
    }

    @Test
    void refusesControlCharactersAndOtherExtensionsInFileNames() {
        assertThat(scan(part("name=\"f\"; filename=\"shell.php\u0000.png\"", "x")).rule()).isEqualTo(BodyRules.FILENAME);
        Violation ext = scan(part("name=\"f\"; filename=\"shell.php\"", "<?php"));
        assertThat(ext.rule()).isEqualTo(BodyRules.FILENAME);
        assertThat(ext.detail()).doesNotContain("shell");
    }

    @Test
    void refusesAMissingBoundaryAndMalformedBodies() {
        assertThat(scanner.scan(new ByteArrayInputStream(new byte[0]), null).rule()).isEqualTo(BodyRules.SYNTAX);
        assertThat(scanner.scan(new ByteArrayInputStream(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end")
                .getBytes(StandardCharsets.ISO_8859_1)), BOUNDARY).rule()).isEqualTo(BodyRules.SYNTAX);
    }

    @Test
    void acceptsABodySplitAtEveryByteAndCountsPartsAcrossChunks() {
        byte[] body = (part("name=\"title\"", "Invoice\r\n--not-the-boundary")
                + part("name=\"file\"; filename=\"invoice.pdf\"", "%PDF\r\n\r-1.7")
                + "--" + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.ISO_8859_1);
        MultipartBodyScanner.Feed feed = scanner.open(BOUNDARY);
        for (int i = 0; i < body.length; i++) {
            assertThat(feed.feed(body, i, 1)).isNull();
        }
        assertThat(feed.finish()).isNull();
    }

    @Test
    void refusesABadFileNameOnTheChunkThatNamesIt() {
        MultipartBodyScanner.Feed feed = scanner.open(BOUNDARY);
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../../etc/cron.d/x.png\"\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(feed.feed(head, 0, head.length)).extracting(Violation::name, Violation::pointer, Violation::rule)
                .containsExactly("f", "/0", BodyRules.FILENAME);
    }

    @Test
    void refusesAnOversizedPartBeforeItEnds() {
        MultipartBodyScanner.Feed feed = scanner.open(BOUNDARY);
        byte[] head = (part("name=\"a\"", "1") + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"big\"\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(feed.feed(head, 0, head.length)).isNull();
        byte[] content = "x".repeat(600).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(feed.feed(content, 0, content.length)).isNull();
        assertThat(feed.feed(content, 0, content.length)).extracting(Violation::name, Violation::pointer, Violation::rule)
                .containsExactly("big", "/1", BodyRules.MAX_PART_SIZE);
    }

    @Test
    void refusesABodyWithoutItsCloseDelimiter() {
        assertThat(scanner.scan(new ByteArrayInputStream(part("name=\"a\"", "1").getBytes(StandardCharsets.ISO_8859_1)), BOUNDARY)
                .rule()).isEqualTo(BodyRules.SYNTAX);
        assertThat(scanner.scan(new ByteArrayInputStream(new byte[0]), BOUNDARY).rule()).isEqualTo(BodyRules.SYNTAX);
    }

    @Test
    void refusesAHeaderBlockOverTenKilobytes() {
        String many = "--" + BOUNDARY + "\r\n" + "X-Filler: y\r\n".repeat(1_000) + "\r\ncontent\r\n--" + BOUNDARY + "--\r\n";
        MultipartBodyScanner roomy = new MultipartBodyScanner(new MultipartLimitsConfig(3, DataSize.ofKilobytes(1),
                DataSize.ofKilobytes(64), List.of()));
        assertThat(roomy.scan(new ByteArrayInputStream(many.getBytes(StandardCharsets.ISO_8859_1)), BOUNDARY).rule())
                .isEqualTo(BodyRules.SYNTAX);
        String few = "--" + BOUNDARY + "\r\n" + "X-Filler: y\r\n".repeat(10) + "\r\ncontent\r\n--" + BOUNDARY + "--\r\n";
        assertThat(roomy.scan(new ByteArrayInputStream(few.getBytes(StandardCharsets.ISO_8859_1)), BOUNDARY)).isNull();
    }
}

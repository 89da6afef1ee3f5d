package dev.rampart.waf.body;

import dev.rampart.waf.engine.TransactionState;
import dev.rampart.waf.transform.ByteText;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The XML request body processor ({@code ctl:requestBodyProcessor=XML}): collects the document's
 * text content ({@code XML:/*}) and attribute values ({@code XML://@*}) with the JDK's StAX parser.
 * DTDs and external entities are off, so a body cannot make the gateway read files or fetch URLs
 * (XXE, CWE-611) or expand entities exponentially ("billion laughs").
 */
public final class XmlBody {

    private static final XMLInputFactory FACTORY = secureFactory();

    private XmlBody() {}

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }

    /** Records the text and attributes of {@code body} in {@code tx}; REQBODY_ERROR when it is not well-formed. */
    public static void process(byte[] body, TransactionState tx) {
        StringBuilder text = new StringBuilder();
        List<String> attributes = new ArrayList<>();
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            attributes.add(ByteText.ofUtf8(reader.getAttributeValue(i)));
                        }
                    } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                            || event == XMLStreamConstants.SPACE) {
                        text.append(reader.getText());
                    } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                        text.append('&').append(reader.getLocalName()).append(';');
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            tx.reqbodyError("XML parsing error: " + firstLine(e.getMessage()));
            tx.xml(ByteText.ofUtf8(text.toString()), attributes);
            return;
        }
        tx.xml(ByteText.ofUtf8(text.toString()), attributes);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed document";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

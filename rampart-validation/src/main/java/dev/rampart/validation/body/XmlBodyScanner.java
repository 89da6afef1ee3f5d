package dev.rampart.validation.body;

import dev.rampart.core.config.XmlLimitsConfig;
import dev.rampart.validation.BodyRules;
import dev.rampart.validation.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checks an XML body as it streams through a StAX reader: any document type declaration is
 * refused (the carrier of XXE, CWE-611, and of entity expansion such as "billion laughs",
 * CWE-776), and depth, element count, attributes per element, text length and total size are
 * bounded. Nothing is built or kept; the body is read once.
 *
 * <p>A violation's pointer is the path of element names from the root, e.g. {@code /order/item}.
 */
public final class XmlBodyScanner {

    private final XmlLimitsConfig limits;
    private final XMLInputFactory factory;

    public XmlBodyScanner(XmlLimitsConfig limits) {
        this.limits = limits;
        XMLInputFactory f = XMLInputFactory.newFactory();
        // With DTD support off the reader neither loads external subsets nor expands internal
        // entities; the DTD event is still reported, and refused below.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not loaded");
        });
        this.factory = f;
    }

    /** Scans {@code body} to its end or its first violation; null when it is acceptable. */
    public Violation scan(InputStream body) {
        long maxSize = limits.maxSize().bytes();
        int maxText = limits.maxTextLength().bytesAsInt();
        XMLStreamReader reader = null;
        ElementPath path = new ElementPath();
        LimitedInputStream limited = new LimitedInputStream(body, maxSize);
        try (InputStream in = limited) {
            reader = factory.createXMLStreamReader(in);
            int elements = 0;
            long text = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_DECLARATION, XMLStreamConstants.ENTITY_REFERENCE -> {
                        return violation(path, BodyRules.DTD, "no DOCTYPE",
                                "XML document type declarations and entities are not accepted");
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        text = 0;
                        if (++elements > limits.maxElements()) {
                            return violation(path, BodyRules.MAX_ELEMENTS, Integer.toString(limits.maxElements()),
                                    "the document has more than " + limits.maxElements() + " elements");
                        }
                        path.push(reader.getLocalName());
                        if (path.depth() > limits.maxDepth()) {
                            return violation(path, BodyRules.MAX_DEPTH, Integer.toString(limits.maxDepth()),
                                    "elements are nested deeper than " + limits.maxDepth());
                        }
                        if (reader.getAttributeCount() > limits.maxAttributes()) {
                            return violation(path, BodyRules.MAX_ATTRIBUTES, Integer.toString(limits.maxAttributes()),
                                    "an element has more than " + limits.maxAttributes() + " attributes");
                        }
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            if (reader.getAttributeValue(i).length() > maxText) {
                                return violation(path, BodyRules.MAX_STRING_LENGTH, maxText + " characters",
                                        "an attribute value is longer than " + maxText + " characters");
                            }
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        text = 0;
                        path.pop();
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        text += reader.getTextLength();
                        if (text > maxText) {
                            return violation(path, BodyRules.MAX_STRING_LENGTH, maxText + " characters",
                                    "a text node is longer than " + maxText + " characters");
                        }
                    }
                    default -> {
                        // comments, processing instructions, document start/end: nothing to bound
                    }
                }
            }
            return null;
        } catch (XMLStreamException | IOException e) {
            if (limited.exceeded()) {
                return violation(new ElementPath(), BodyRules.MAX_SIZE, maxSize + " bytes",
                        "the XML body is larger than " + maxSize + " bytes");
            }
            return violation(path, BodyRules.SYNTAX, "well-formed XML without DTD", "the body is not well-formed XML");
        } finally {
            close(reader);
        }
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // closing a reader over a stream that is closed anyway: nothing left to release
            }
        }
    }

    private static Violation violation(ElementPath path, String rule, String expected, String detail) {
        return Violation.body(path.toString(), rule, expected, detail);
    }

    /** The names of the open elements, root first. */
    private static final class ElementPath {
        private final ArrayDeque<String> names = new ArrayDeque<>();

        void push(String name) {
            names.addLast(name);
        }

        void pop() {
            names.pollLast();
        }

        int depth() {
            return names.size();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (String n : names) {
                sb.append('/').append(JsonBodyReader.escape(n));
            }
            return sb.toString();
        }
    }
}

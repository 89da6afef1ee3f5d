package dev.rampart.validation.body;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import dev.rampart.core.config.XmlLimitsConfig;
import dev.rampart.validation.BodyRules;
import dev.rampart.validation.Violation;
import java.io.InputStream;
import java.util.ArrayDeque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * Checks an XML body chunk by chunk as it arrives, with Aalto's non-blocking StAX reader
 * ({@link AsyncXMLStreamReader}): any document type declaration is refused (the carrier of XXE,
 * CWE-611, and of entity expansion such as "billion laughs", CWE-776), and depth, element count,
 * attributes per element, text length and total size are bounded. The first violation ends the
 * check, on the chunk that carries it; nothing is built or kept but the open elements' names and
 * the token being read.
 *
 * <p>A violation's pointer is the path of element names from the root, e.g. {@code /order/item}.
 */
public final class XmlBodyScanner {

    // The walk of the prolog (declaresDoctype): between markup, after '<', after "<!", after "<!-",
    // in a comment, in a processing instruction (or the XML declaration), past the prolog.
    private static final int PROLOG_TEXT = 0;
    private static final int PROLOG_LT = 1;
    private static final int PROLOG_LT_BANG = 2;
    private static final int PROLOG_COMMENT_OPEN = 3;
    private static final int PROLOG_COMMENT = 4;
    private static final int PROLOG_PI = 5;
    private static final int PROLOG_DONE = 6;

    private final XmlLimitsConfig limits;
    private final AsyncXMLInputFactory factory;

    public XmlBodyScanner(XmlLimitsConfig limits) {
        this.limits = limits;
        AsyncXMLInputFactory f = new InputFactoryImpl();
        // Aalto never loads external subsets or expands entities it has not declared; with DTD support
        // off it does not process the internal subset either. The DTD event is still reported, and
        // refused below, so no entity (internal or external) ever reaches the document.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        this.factory = f;
    }

    /** Scans {@code body} to its end or its first violation; null when it is acceptable. */
    public Violation scan(InputStream body) {
        return BodyFeed.scan(body, open(), "XML");
    }

    /** A check of one body, fed as it arrives. */
    public Feed open() {
        return new Feed();
    }

    /** One body's check; not thread-safe. */
    public final class Feed implements BodyFeed {
        private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = factory.createAsyncForByteArray();
        private final ElementPath path = new ElementPath();
        private long fed;
        private int elements;
        private long text;
        private int prolog = PROLOG_TEXT;  // where the walk of the prolog is; see declaresDoctype
        private int dashes;
        private boolean question;
        private boolean ended;
        private Violation violation;

        /** Feeds the next bytes; the first violation (then on every later call), or null to go on. */
        @Override
        public Violation feed(byte[] chunk, int offset, int length) {
            if (violation != null) {
                return violation;
            }
            fed += length;
            if (fed > limits.maxSize().bytes()) {
                return fail(tooLarge());
            }
            if (length == 0) {
                return null;
            }
            if (prolog != PROLOG_DONE && declaresDoctype(chunk, offset, length)) {
                return fail(doctype());
            }
            try {
                reader.getInputFeeder().feedInput(chunk, offset, length);
                return drain();
            } catch (XMLStreamException e) {
                return fail(syntax());
            }
        }

        /** The body is complete: null when the document is well-formed and within the limits. */
        @Override
        public Violation finish() {
            if (violation != null) {
                return violation;
            }
            try {
                reader.getInputFeeder().endOfInput();
                Violation v = drain();
                if (v != null) {
                    return v;
                }
                return ended && elements > 0 ? null : fail(syntax());
            } catch (XMLStreamException e) {
                return fail(syntax());
            } finally {
                close();
            }
        }

        /** Bytes fed so far. */
        public long bytesRead() {
            return fed;
        }

        private Violation drain() throws XMLStreamException {
            int maxText = limits.maxTextLength().bytesAsInt();
            while (!ended) {
                int event = reader.next();
                switch (event) {
                    case AsyncXMLStreamReader.EVENT_INCOMPLETE -> {
                        return null;
                    }
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_DECLARATION, XMLStreamConstants.ENTITY_REFERENCE -> {
                        return fail(doctype());
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        text = 0;
                        if (++elements > limits.maxElements()) {
                            return fail(violation(path, BodyRules.MAX_ELEMENTS, Integer.toString(limits.maxElements()),
                                    "the document has more than " + limits.maxElements() + " elements"));
                        }
                        path.push(reader.getLocalName());
                        if (path.depth() > limits.maxDepth()) {
                            return fail(violation(path, BodyRules.MAX_DEPTH, Integer.toString(limits.maxDepth()),
                                    "elements are nested deeper than " + limits.maxDepth()));
                        }
                        if (reader.getAttributeCount() > limits.maxAttributes()) {
                            return fail(violation(path, BodyRules.MAX_ATTRIBUTES, Integer.toString(limits.maxAttributes()),
                                    "an element has more than " + limits.maxAttributes() + " attributes"));
                        }
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            if (reader.getAttributeValue(i).length() > maxText) {
                                return fail(violation(path, BodyRules.MAX_STRING_LENGTH, maxText + " characters",
                                        "an attribute value is longer than " + maxText + " characters"));
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
                            return fail(violation(path, BodyRules.MAX_STRING_LENGTH, maxText + " characters",
                                    "a text node is longer than " + maxText + " characters"));
                        }
                    }
                    case XMLStreamConstants.END_DOCUMENT -> ended = true;
                    default -> {
                        // comments, processing instructions, document start: nothing to bound
                    }
                }
            }
            return null;
        }

        /**
         * Whether this chunk declares a document type in the prolog. Aalto's non-blocking reader
         * reports a declaration without internal subset as a DTD event but fails on an internal
         * subset (where entities are declared) as malformed; this walk of the prolog refuses either
         * as a DOCTYPE as soon as {@code <!D} arrives. It skips the XML declaration, processing
         * instructions and comments, and stops at the root element's start tag: a document type
         * declaration can stand nowhere else (XML 1.0 §2.8), and {@code <!DOCTYPE} inside the
         * document (in a CDATA section) is text.
         */
        private boolean declaresDoctype(byte[] chunk, int offset, int length) {
            for (int i = offset; i < offset + length && prolog != PROLOG_DONE; i++) {
                byte b = chunk[i];
                switch (prolog) {
                    case PROLOG_TEXT -> prolog = b == '<' ? PROLOG_LT : PROLOG_TEXT;
                    case PROLOG_LT -> prolog = b == '!' ? PROLOG_LT_BANG : b == '?' ? PROLOG_PI : PROLOG_DONE;
                    case PROLOG_LT_BANG -> {
                        if (b == 'D') {
                            return true;
                        }
                        prolog = b == '-' ? PROLOG_COMMENT_OPEN : PROLOG_DONE;   // else malformed: Aalto says so
                    }
                    case PROLOG_COMMENT_OPEN -> {
                        prolog = b == '-' ? PROLOG_COMMENT : PROLOG_DONE;
                        dashes = 0;
                    }
                    case PROLOG_COMMENT -> {
                        if (b == '>' && dashes >= 2) {
                            prolog = PROLOG_TEXT;
                        }
                        dashes = b == '-' ? dashes + 1 : 0;
                    }
                    case PROLOG_PI -> {
                        if (b == '>' && question) {
                            prolog = PROLOG_TEXT;
                        }
                        question = b == '?';
                    }
                    default -> prolog = PROLOG_DONE;
                }
            }
            return false;
        }

        private Violation doctype() {
            return violation(path, BodyRules.DTD, "no DOCTYPE", "XML document type declarations and entities are not accepted");
        }

        private Violation tooLarge() {
            long maxSize = limits.maxSize().bytes();
            return violation(new ElementPath(), BodyRules.MAX_SIZE, maxSize + " bytes",
                    "the XML body is larger than " + maxSize + " bytes");
        }

        private Violation syntax() {
            return violation(path, BodyRules.SYNTAX, "well-formed XML without DTD", "the body is not well-formed XML");
        }

        private Violation fail(Violation v) {
            violation = v;
            close();
            return v;
        }

        private void close() {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // the reader holds no resource beyond its buffers: nothing left to release
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

package dev.rampart.validation.body;

import dev.rampart.core.config.JsonLimitsConfig;
import dev.rampart.validation.BodyRules;
import dev.rampart.validation.Violation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON body fed in chunks as it arrives, enforcing {@link JsonLimitsConfig} token by token
 * with Jackson's non-blocking parser, and (optionally) building the tree for schema validation
 * in the same pass. The first limit broken ends the read: a JSON bomb is refused after at most
 * {@code max-size} bytes, whatever its declared length, and nothing beyond the current token (or,
 * when building, the tree of the bytes accepted so far) is ever held.
 *
 * <p>Not thread-safe: one reader per body.
 */
public final class JsonBodyReader {

    /** A factory is costly to build (symbol tables, buffer recyclers) and thread-safe: one per set of limits. */
    private static final Map<JsonLimitsConfig, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

    private final JsonLimitsConfig limits;
    private final long maxSize;
    private final int maxString;
    private final boolean buildTree;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private long fed;
    private Violation violation;
    private JsonNode root;
    private boolean sawScalarRoot; // a complete root value that is not kept as a tree

    /** One open object or array: its parent, how many entries it has, which keys it has seen. */
    private static final class Frame {
        final Frame parent;
        final String nameInParent;  // set when the parent is an object
        final int indexInParent;    // set when the parent is an array
        final boolean object;
        final ObjectNode objectNode;
        final ArrayNode arrayNode;
        final Set<String> keys;     // only without a tree: the object node detects duplicates itself
        int count;
        String name;

        Frame(Frame parent, boolean object, boolean buildTree) {
            this.parent = parent;
            this.nameInParent = parent != null && parent.object ? parent.name : null;
            this.indexInParent = parent != null && !parent.object ? parent.count - 1 : -1;
            this.object = object;
            this.objectNode = object && buildTree ? JsonNodeFactory.instance.objectNode() : null;
            this.arrayNode = !object && buildTree ? JsonNodeFactory.instance.arrayNode() : null;
            this.keys = object && !buildTree ? new HashSet<>() : null;
        }

        /** This container's JSON Pointer, built only when a violation needs it. */
        String pointer() {
            if (parent == null) {
                return "";
            }
            return parent.pointer() + "/" + (nameInParent != null ? escape(nameInParent) : Integer.toString(indexInParent));
        }

        /** The pointer of the entry being read in this container. */
        String childPointer() {
            return pointer() + "/" + (object ? escape(name) : Integer.toString(count - 1));
        }
    }

    /**
     * A reader with {@code limits}; {@code buildTree} false checks the limits only (nothing but the
     * open containers' keys is kept), true also builds the tree {@link #tree()} returns.
     */
    public JsonBodyReader(JsonLimitsConfig limits, boolean buildTree) {
        this(limits, buildTree, null);
    }

    /** With {@code whole} null: fed in chunks (non-blocking parser); else reads {@code whole} (blocking parser, faster). */
    private JsonBodyReader(JsonLimitsConfig limits, boolean buildTree, byte[] whole) {
        this.limits = limits;
        this.maxSize = limits.maxSize().bytes();
        this.maxString = limits.maxStringLength().bytesAsInt();
        this.buildTree = buildTree;
        JsonFactory factory = FACTORIES.computeIfAbsent(limits, JsonBodyReader::factoryFor);
        if (whole == null) {
            this.parser = factory.createNonBlockingByteArrayParser(ObjectReadContext.empty());
            this.feeder = (ByteArrayFeeder) parser.nonBlockingInputFeeder();
        } else {
            this.parser = factory.createParser(ObjectReadContext.empty(), whole);
            this.feeder = null;
        }
    }

    /**
     * Jackson's own constraints stop a token from growing past our limits while it is still being
     * accumulated (a 100 MB string is cut off at max-string-length, not buffered whole); depth and
     * size are checked here first, with Jackson's as a backstop one step further.
     */
    private static JsonFactory factoryFor(JsonLimitsConfig limits) {
        int maxString = limits.maxStringLength().bytesAsInt();
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth() + 1)
                        .maxStringLength(maxString)
                        .maxNameLength(maxString)
                        .maxNumberLength(Math.min(1000, maxString))
                        .maxDocumentLength(limits.maxSize().bytes() + 1)
                        .build())
                .build();
    }

    /** Convenience for a body already in memory: reads it whole. */
    public static JsonBodyReader read(JsonLimitsConfig limits, byte[] body, boolean buildTree) {
        if (body.length > limits.maxSize().bytes()) {
            JsonBodyReader refused = new JsonBodyReader(limits, buildTree);
            refused.fed = body.length;
            refused.fail(refused.tooLarge());
            return refused;
        }
        JsonBodyReader reader = new JsonBodyReader(limits, buildTree, body);
        reader.fed = body.length;
        reader.finish();
        return reader;
    }

    /**
     * Feeds the next {@code length} bytes; the caller may reuse the array once this returns.
     *
     * @return true to go on, false once a limit is broken (see {@link #violation()}); stop feeding then
     */
    public boolean feed(byte[] chunk, int offset, int length) {
        if (violation != null) {
            return false;
        }
        fed += length;
        if (fed > maxSize) {
            return fail(tooLarge());
        }
        try {
            feeder.feedInput(chunk, offset, offset + length);
            return drain();
        } catch (StreamConstraintsException e) {
            return fail(constraintViolation(e));
        } catch (JacksonException e) {
            return fail(syntax());
        }
    }

    /** Signals the end of the body; checks that the document is complete. */
    public boolean finish() {
        if (violation != null) {
            return false;
        }
        try {
            if (feeder != null) {
                feeder.endOfInput();
            }
            if (!drain()) {
                return false;
            }
            if (!frames.isEmpty() || (root == null && !sawScalarRoot)) {
                return fail(syntax());
            }
            return true;
        } catch (StreamConstraintsException e) {
            return fail(constraintViolation(e));
        } catch (JacksonException e) {
            return fail(syntax());
        } finally {
            parser.close();
        }
    }


    /** The first limit broken, or null. */
    public Violation violation() {
        return violation;
    }

    /** The document, when built and complete without violation; else null. */
    public JsonNode tree() {
        return violation == null ? root : null;
    }

    /** Bytes fed so far. */
    public long bytesRead() {
        return fed;
    }

    private boolean drain() {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            if (!onToken(token)) {
                return false;
            }
        }
        return true;
    }

    private boolean onToken(JsonToken token) {
        Frame parent = frames.peek();
        if (parent == null && (root != null || sawScalarRoot)) {
            // RFC 8259 §2: one value per text; a second one is smuggled data.
            return fail(syntax());
        }
        switch (token) {
            case PROPERTY_NAME -> {
                String name = parser.currentName();
                if (parent.count >= limits.maxKeysPerObject()) {
                    return fail(Violation.body(parent.pointer(), BodyRules.MAX_KEYS, Integer.toString(limits.maxKeysPerObject()),
                            "an object has more than " + limits.maxKeysPerObject() + " keys"));
                }
                // RFC 8259 §4 leaves duplicate names undefined; parsers disagree on which wins, which
                // lets a payload pass the gateway with one value and reach the service with another.
                boolean duplicate = parent.keys != null ? !parent.keys.add(name) : parent.objectNode.has(name);
                if (duplicate) {
                    return fail(Violation.body(parent.pointer() + "/" + escape(name), BodyRules.DUPLICATE_KEY, "unique keys",
                            "an object has the same key twice"));
                }
                parent.count++;
                parent.name = name;
                return true;
            }
            case START_OBJECT, START_ARRAY -> {
                if (parent != null && !countArrayItem(parent)) {
                    return false;
                }
                if (frames.size() >= limits.maxDepth()) {
                    return fail(Violation.body(parent == null ? "" : parent.childPointer(), BodyRules.MAX_DEPTH,
                            Integer.toString(limits.maxDepth()), "objects and arrays are nested deeper than " + limits.maxDepth()));
                }
                frames.push(new Frame(parent, token == JsonToken.START_OBJECT, buildTree));
                return true;
            }
            case END_OBJECT, END_ARRAY -> {
                Frame done = frames.pop();
                if (buildTree) {
                    attach(frames.peek(), done.object ? done.objectNode : done.arrayNode);
                } else if (frames.isEmpty()) {
                    sawScalarRoot = true; // the root container is complete (no tree to hold it)
                }
                return true;
            }
            default -> {
                if (parent == null) {
                    sawScalarRoot = true;
                } else if (!countArrayItem(parent)) {
                    return false;
                }
                if (buildTree) {
                    attach(parent, scalar(token));
                }
                return true;
            }
        }
    }

    private boolean countArrayItem(Frame parent) {
        if (parent.object) {
            return true;
        }
        if (parent.count >= limits.maxArrayLength()) {
            return fail(Violation.body(parent.pointer(), BodyRules.MAX_ARRAY_LENGTH, Integer.toString(limits.maxArrayLength()),
                    "an array has more than " + limits.maxArrayLength() + " items"));
        }
        parent.count++;
        return true;
    }

    private JsonNode scalar(JsonToken token) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (token) {
            case VALUE_STRING -> nodes.stringNode(parser.getString());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            // Decimal, not double: a schema's minimum/maximum must compare the value the client sent.
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            default -> nodes.nullNode();
        };
    }

    private void attach(Frame parent, JsonNode node) {
        if (parent == null) {
            root = node;
        } else if (parent.object) {
            parent.objectNode.set(parent.name, node);
        } else {
            parent.arrayNode.add(node);
        }
    }

    private Violation constraintViolation(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        String at = frames.isEmpty() ? "" : frames.peek().pointer();
        if (message.contains("Number")) {
            return Violation.body(at, BodyRules.MAX_NUMBER_LENGTH, "1000 digits", "a number has too many digits");
        }
        if (message.contains("nesting")) {
            return Violation.body(at, BodyRules.MAX_DEPTH, Integer.toString(limits.maxDepth()),
                    "objects and arrays are nested deeper than " + limits.maxDepth());
        }
        if (message.contains("Document")) {
            return tooLarge();
        }
        return Violation.body(at, BodyRules.MAX_STRING_LENGTH, maxString + " characters",
                "a string or key is longer than " + maxString + " characters");
    }

    private Violation tooLarge() {
        return Violation.body("", BodyRules.MAX_SIZE, maxSize + " bytes", "the JSON body is larger than " + maxSize + " bytes");
    }

    private Violation syntax() {
        return Violation.body(frames.isEmpty() ? "" : frames.peek().pointer(), BodyRules.SYNTAX, "JSON (RFC 8259)",
                "the body is not well-formed JSON");
    }

    private boolean fail(Violation v) {
        violation = v;
        parser.close();
        return false;
    }

    /** Escapes one reference token of a JSON Pointer (RFC 6901 §3). */
    public static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }
}

package dev.rampart.gateway.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads a config file's YAML into a JSON tree while recording, in the {@link SourceMap}, where each
 * key and value is written, and resolving {@link References} in string values.
 *
 * <p>What YAML allows but a config file must not do is refused here, with its position: a key
 * given twice (YAML parsers silently keep one), aliases ({@code *name}, which Jackson would read as
 * the plain string {@code name}), and a second document after {@code ---}. A known key written
 * with no value ({@code cors:} or {@code cors: null}) counts as absent, so its default applies.
 */
final class YamlSource {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

    private final JsonParser parser;
    private final References references;
    private final ConfigSchema schema;
    private final Findings findings;
    private final SourceMap source;

    private YamlSource(JsonParser parser, References references, ConfigSchema schema, Findings findings) {
        this.parser = parser;
        this.references = references;
        this.schema = schema;
        this.findings = findings;
        this.source = findings.source();
    }

    /**
     * Reads {@code text}; returns the root mapping, or null when the file cannot be read as one
     * (syntax error, empty, not a mapping), the reason recorded in {@code findings}.
     */
    static ObjectNode read(String text, References references, ConfigSchema schema, Findings findings) {
        try (JsonParser parser = YAML.createParser(ObjectReadContext.empty(), text)) {
            return new YamlSource(parser, references, schema, findings).document();
        } catch (JacksonException e) {
            syntaxError(e, findings);
            return null;
        }
    }

    private ObjectNode document() {
        JsonToken first = parser.nextToken();
        if (first == null) {
            findings.errorAt(SourceMap.Position.START, "", "the file is empty; a config is a YAML mapping such as "
                    + "'routes:' with a list of routes (run 'rampart demo' for an example)");
            return null;
        }
        if (first != JsonToken.START_OBJECT) {
            findings.errorAt(position(), "", "the top level must be a mapping of keys (listeners:, routes:, ...), "
                    + "found " + (first == JsonToken.START_ARRAY ? "a list" : "a single value"));
            return null;
        }
        source.recordValue("", SourceMap.Position.START, true);
        ObjectNode root = object("", List.of());
        if (parser.nextToken() != null) {
            findings.errorAt(position(), "", "a second YAML document starts here; a config file holds exactly one "
                    + "(remove the '---' and what follows, or merge it into the first)");
        }
        return root;
    }

    private JsonNode value(JsonToken token, String path, List<Object> elements) {
        return switch (token) {
            case START_OBJECT -> object(path, elements);
            case START_ARRAY -> array(path, elements);
            case VALUE_STRING -> string(path, elements);
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> {
                findings.error(path, "this kind of YAML value (" + token + ") is not supported; write a string, "
                        + "number, true/false, list or mapping");
                yield NODES.nullNode();
            }
        };
    }

    private ObjectNode object(String path, List<Object> elements) {
        ObjectNode object = NODES.objectNode();
        Map<String, SourceMap.Position> seen = new HashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            SourceMap.Position keyAt = position();
            String childPath = SourceMap.child(path, key);
            JsonToken valueToken = parser.nextToken();
            SourceMap.Position first = seen.putIfAbsent(key, keyAt);
            if (first != null) {
                findings.errorAt(keyAt, childPath, "key given twice (first at line " + first.line()
                        + "); keep one");
                parser.skipChildren();
                continue;
            }
            source.recordKey(childPath, keyAt);
            source.recordValue(childPath, position(), isContainer(valueToken));
            JsonNode value = value(valueToken, childPath, append(elements, key));
            // A known key without a value is absent; anything else keeps its null for the schema to report.
            if (!value.isNull() || !schema.declares(elements, key)) {
                object.set(key, value);
            }
        }
        return object;
    }

    private ArrayNode array(String path, List<Object> elements) {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            String elementPath = SourceMap.element(path, array.size());
            source.recordKey(elementPath, position());
            source.recordValue(elementPath, position(), isContainer(t));
            array.add(value(t, elementPath, append(elements, array.size())));
        }
        return array;
    }

    private JsonNode string(String path, List<Object> elements) {
        String text = parser.getString();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            findings.error(path, "YAML aliases (*" + text + ") are not supported; write the value out");
            return NODES.nullNode();
        }
        References.Resolved resolved;
        try {
            resolved = references.resolve(text);
        } catch (References.UnresolvableReference e) {
            source.recordUnresolved(path);
            findings.error(path, e.getMessage());
            return NODES.stringNode(text);
        }
        if (!resolved.referenced()) {
            return NODES.stringNode(resolved.value()); // '$${' escapes resolve without a reference
        }
        String value = resolved.value();
        source.recordReference(path, value);
        // A reference yields text; where the key takes a number or a flag, 'port: ${PORT}' means the number.
        if (INTEGER.matcher(value).matches() && schema.expects(elements, "integer")) {
            return NODES.numberNode(Long.parseLong(value));
        }
        if ((value.equals("true") || value.equals("false")) && schema.expects(elements, "boolean")) {
            return NODES.booleanNode(Boolean.parseBoolean(value));
        }
        return NODES.stringNode(value);
    }

    private static boolean isContainer(JsonToken token) {
        return token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
    }

    private SourceMap.Position position() {
        TokenStreamLocation at = parser.currentTokenLocation();
        return new SourceMap.Position(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    private static List<Object> append(List<Object> elements, Object element) {
        List<Object> longer = new ArrayList<>(elements.size() + 1);
        longer.addAll(elements);
        longer.add(element);
        return longer;
    }

    /** A YAML syntax error, placed where the parser saw it, in one line. */
    private static void syntaxError(JacksonException e, Findings findings) {
        if (e.getCause() instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
            Mark problem = yaml.getProblemMark().get();
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext()
                    + yaml.getContextMark().map(m -> " at " + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("")
                    + ")";
            findings.errorAt(new SourceMap.Position(problem.getLine() + 1, problem.getColumn() + 1), "",
                    "YAML syntax: " + yaml.getProblem() + context);
            return;
        }
        TokenStreamLocation at = e.getLocation();
        SourceMap.Position position = at == null || at.getLineNr() < 1 ? SourceMap.Position.START
                : new SourceMap.Position(at.getLineNr(), Math.max(1, at.getColumnNr()));
        findings.errorAt(position, "", "YAML syntax: " + e.getOriginalMessage());
    }
}

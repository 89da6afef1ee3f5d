package dev.rampart.validation.operation;

import dev.rampart.core.config.JsonLimitsConfig;
import dev.rampart.validation.BodyRules;
import dev.rampart.validation.ValidationRequest;
import dev.rampart.validation.Violation;
import dev.rampart.validation.body.JsonBodyReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the text of a parameter into the JSON value its schema describes, by the OpenAPI 3.x
 * serialization rules ("style" and "explode"): primitives, arrays and objects in the styles
 * {@code form}, {@code simple}, {@code label}, {@code matrix}, {@code spaceDelimited},
 * {@code pipeDelimited} and {@code deepObject}, and {@code content}-encoded JSON. Each value is
 * turned into the type its (property or item) schema declares; text that does not parse as that
 * type stays text, so the schema reports a {@code type} violation for it rather than this class
 * inventing a rule. Text that does not follow the declared style at all ({@code .a} for a matrix
 * parameter, an odd number of {@code key,value} items) is a {@code style} violation.
 */
final class ParameterDecoder {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** deepObject keys nest ({@code filter[a][b]}); a request may not build a deeper value than this. */
    private static final int MAX_DEEP_OBJECT_LEVELS = 8;

    /** A parameter as sent: its value, or what is wrong with how it is written. */
    record Decoded(JsonNode value, Violation violation) {
    }

    private ParameterDecoder() {
    }

    /**
     * The value of {@code spec} in {@code request} (path values already matched), or null when the
     * request does not carry the parameter. {@code siblings} are the operation's parameters: a
     * {@code form}-exploded object with additional properties gathers the query names none of them claim.
     */
    static Decoded decode(ValidationRequest request, ParameterSpec spec, Map<String, String> pathValues,
            List<ParameterSpec> siblings, JsonLimitsConfig jsonLimits) {
        String type = typeOf(spec.shape());
        boolean object = type.equals("object");
        String style = spec.style();
        if (object && spec.explode() && style.equals("form") && (spec.in() == Violation.In.query || spec.in() == Violation.In.cookie)) {
            return explodedFormObject(request, spec, siblings);
        }
        if (style.equals("deepObject")) {
            return spec.in() == Violation.In.query ? deepObject(request.queryParameters(), spec) : null;
        }
        List<String> values = valuesOf(request, spec, pathValues);
        if (values.isEmpty()) {
            return null;
        }
        if (style.equals(ParameterSpec.JSON_CONTENT)) {
            return json(values.get(0), spec, jsonLimits);
        }
        if (style.equals(ParameterSpec.RAW_CONTENT)) {
            return value(NODES.stringNode(values.get(0)));
        }
        String text = values.get(0);
        // label and matrix (path parameters, RFC 6570): strip the prefix that names the style.
        if (style.equals("label")) {
            if (!text.startsWith(".")) {
                return malformed(spec, "label: .value");
            }
            text = text.substring(1);
        } else if (style.equals("matrix") && !(spec.explode() && !isPrimitive(type))) {
            String prefix = ";" + spec.name();
            if (!text.startsWith(prefix) || text.length() > prefix.length() && text.charAt(prefix.length()) != '=') {
                return malformed(spec, "matrix: ;" + spec.name() + "=value");
            }
            text = text.length() == prefix.length() ? "" : text.substring(prefix.length() + 1);
        }
        if (type.equals("array")) {
            List<String> items = itemsOf(values, text, spec);
            return items == null ? malformed(spec, "matrix, exploded: ;" + spec.name() + "=value;" + spec.name() + "=value")
                    : value(array(items, items(spec.shape())));
        }
        if (object) {
            return objectOf(text, spec);
        }
        // A scalar sent several times: the first one counts, as most frameworks read it; the
        // schema sees that value. (Parameter pollution across the gateway and the service is the
        // WAF's concern.)
        return value(scalar(text, type));
    }

    private static boolean isPrimitive(String type) {
        return !type.equals("array") && !type.equals("object");
    }

    private static List<String> valuesOf(ValidationRequest request, ParameterSpec spec, Map<String, String> pathValues) {
        return switch (spec.in()) {
            case path -> {
                String value = pathValues.get(spec.name());
                yield value == null ? List.of() : List.of(value);
            }
            case query -> request.query(spec.name());
            case header -> {
                // RFC 9110 §5.3: header lines with one name are one comma-separated list.
                List<String> lines = request.header(spec.name());
                yield lines.size() > 1 && !spec.style().equals(ParameterSpec.JSON_CONTENT) ? List.of(String.join(",", lines)) : lines;
            }
            case cookie -> {
                String value = request.cookie(spec.name());
                yield value == null ? List.of() : List.of(value);
            }
            default -> List.of();
        };
    }

    /** The array items of {@code text} (the first value, prefix stripped) or of all {@code values}; null when malformed. */
    private static List<String> itemsOf(List<String> values, String text, ParameterSpec spec) {
        String style = spec.style();
        switch (style) {
            case ParameterSpec.COMMA_OR_REPEATED -> {
                List<String> items = new ArrayList<>();
                for (String value : values) {
                    items.addAll(split(value, ","));
                }
                return items;
            }
            case "form", "spaceDelimited", "pipeDelimited" -> {
                if (spec.explode()) {
                    return values; // ?tag=a&tag=b
                }
                return split(text, style.equals("form") ? "," : style.equals("pipeDelimited") ? "\\|" : " ");
            }
            case "label" -> {
                return split(text, spec.explode() ? "\\." : ",");
            }
            case "matrix" -> {
                if (!spec.explode()) {
                    return split(text, ",");
                }
                if (!text.startsWith(";")) {
                    return null;
                }
                List<String> items = new ArrayList<>();
                for (String pair : matrixPairs(text)) { // ;id=3;id=4
                    if (!pair.startsWith(spec.name() + "=")) {
                        return null;
                    }
                    items.add(pair.substring(spec.name().length() + 1));
                }
                return items;
            }
            default -> {
                return split(text, ","); // simple
            }
        }
    }

    private static List<String> split(String text, String separator) {
        return text.isEmpty() ? List.of() : List.of(text.split(separator, -1));
    }

    private static List<String> matrixPairs(String text) {
        return text.startsWith(";") ? List.of(text.substring(1).split(";", -1)) : List.of(text);
    }

    /** An object written in one value: {@code R,100,G,200} or, exploded, {@code R=100,G=200}. */
    private static Decoded objectOf(String text, ParameterSpec spec) {
        String style = spec.style();
        boolean pairs = spec.explode() && !style.equals("form") && !style.equals("spaceDelimited") && !style.equals("pipeDelimited");
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (pairs) {
            List<String> members = switch (style) {
                case "label" -> split(text, "\\.");
                case "matrix" -> {
                    if (!text.startsWith(";")) {
                        yield null;
                    }
                    yield matrixPairs(text);
                }
                default -> split(text, ",");
            };
            if (members == null) {
                return malformed(spec, "matrix, exploded: ;property=value;property=value");
            }
            for (String member : members) {
                int eq = member.indexOf('=');
                if (eq <= 0) {
                    return malformed(spec, expectation(spec));
                }
                fields.computeIfAbsent(member.substring(0, eq), k -> new ArrayList<>()).add(member.substring(eq + 1));
            }
        } else {
            List<String> items = split(text, style.equals("pipeDelimited") ? "\\|" : style.equals("spaceDelimited") ? " " : ",");
            if (items.size() % 2 != 0) {
                return malformed(spec, expectation(spec));
            }
            for (int i = 0; i < items.size(); i += 2) {
                fields.computeIfAbsent(items.get(i), k -> new ArrayList<>()).add(items.get(i + 1));
            }
        }
        return value(object(fields, spec.shape()));
    }

    private static String expectation(ParameterSpec spec) {
        String separator = spec.style().equals("pipeDelimited") ? "|" : spec.style().equals("spaceDelimited") ? " " : ",";
        String pairs = spec.explode() && !spec.style().equals("form") ? "property=value" + separator + "property=value"
                : "property" + separator + "value" + separator + "property" + separator + "value";
        return spec.style() + (spec.explode() ? ", exploded: " : ": ") + pairs;
    }

    /** {@code ?R=100&G=200} (query) or {@code Cookie: R=100; G=200}: the object's properties are names of their own. */
    private static Decoded explodedFormObject(ValidationRequest request, ParameterSpec spec, List<ParameterSpec> siblings) {
        JsonNode shape = spec.shape();
        JsonNode declared = propertiesOf(shape);
        boolean additional = additionalSchema(shape) != null;
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, List<String>> source = spec.in() == Violation.In.query ? request.queryParameters() : cookieLists(request);
        for (Map.Entry<String, List<String>> entry : source.entrySet()) {
            String name = entry.getKey();
            boolean mine = declared.has(name) || additional && !claimedByAnother(name, spec, siblings);
            if (mine) {
                fields.put(name, entry.getValue());
            }
        }
        return fields.isEmpty() ? null : value(object(fields, shape));
    }

    private static Map<String, List<String>> cookieLists(ValidationRequest request) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        request.cookies().forEach((name, value) -> lists.put(name, List.of(value)));
        return lists;
    }

    private static boolean claimedByAnother(String name, ParameterSpec spec, List<ParameterSpec> siblings) {
        for (ParameterSpec other : siblings) {
            if (other == spec || other.in() != spec.in()) {
                continue;
            }
            if (other.name().equals(name) || other.style().equals("deepObject") && name.startsWith(other.name() + "[")
                    || other.explode() && other.style().equals("form") && propertiesOf(other.shape()).has(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ?filter[status]=open&filter[limit]=5}; nested keys ({@code filter[a][b]}) build nested objects. */
    private static Decoded deepObject(Map<String, List<String>> query, ParameterSpec spec) {
        String prefix = spec.name() + "[";
        ObjectNode root = null;
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(prefix)) {
                continue;
            }
            List<String> path = bracketPath(key, spec.name().length());
            if (path == null) {
                return malformed(spec, "deepObject: " + spec.name() + "[property]=value, at most "
                        + MAX_DEEP_OBJECT_LEVELS + " levels of brackets");
            }
            if (root == null) {
                root = NODES.objectNode();
            }
            ObjectNode parent = root;
            JsonNode schema = spec.shape();
            for (int i = 0; i < path.size() - 1; i++) {
                schema = propertySchema(schema, path.get(i));
                JsonNode child = parent.get(path.get(i));
                if (child == null) {
                    child = parent.putObject(path.get(i));
                } else if (!child.isObject()) {
                    return malformed(spec, "deepObject: one value or one object per property");
                }
                parent = (ObjectNode) child;
            }
            String last = path.get(path.size() - 1);
            if (parent.has(last)) {
                return malformed(spec, "deepObject: one value or one object per property");
            }
            parent.set(last, field(entry.getValue(), propertySchema(schema, last)));
        }
        return root == null ? null : value(root);
    }

    /** The property names of {@code filter[a][b]} after the parameter name; null when not well formed. */
    private static List<String> bracketPath(String key, int from) {
        List<String> path = new ArrayList<>();
        int i = from;
        while (i < key.length()) {
            int close = key.indexOf(']', i);
            if (key.charAt(i) != '[' || close < 0 || close == i + 1 || key.substring(i + 1, close).indexOf('[') >= 0) {
                return null;
            }
            path.add(key.substring(i + 1, close));
            i = close + 1;
        }
        return path.isEmpty() || path.size() > MAX_DEEP_OBJECT_LEVELS ? null : path;
    }

    private static Decoded json(String text, ParameterSpec spec, JsonLimitsConfig limits) {
        JsonBodyReader reader = JsonBodyReader.read(limits, text.getBytes(StandardCharsets.UTF_8), true);
        Violation v = reader.violation();
        if (v != null) {
            return new Decoded(null, new Violation(spec.in(), spec.name(), v.pointer(), v.rule(), v.expected(),
                    v.rule().equals(BodyRules.SYNTAX) ? "is not a JSON value (RFC 8259), as its content application/json declares"
                            : v.detail()));
        }
        return value(reader.tree());
    }

    private static ObjectNode object(Map<String, List<String>> fields, JsonNode shape) {
        ObjectNode node = NODES.objectNode();
        fields.forEach((name, texts) -> node.set(name, field(texts, propertySchema(shape, name))));
        return node;
    }

    /** A property's value: an array when its schema says so (one item per repetition), else the first text. */
    private static JsonNode field(List<String> texts, JsonNode schema) {
        String type = typeOf(schema);
        return type.equals("array") ? array(texts, items(schema)) : scalar(texts.get(0), type);
    }

    private static ArrayNode array(List<String> texts, JsonNode itemSchema) {
        String itemType = typeOf(itemSchema);
        ArrayNode array = NODES.arrayNode();
        for (String item : texts) {
            array.add(scalar(item, itemType));
        }
        return array;
    }

    private static JsonNode scalar(String text, String type) {
        switch (type) {
            case "integer" -> {
                if (INTEGER.matcher(text).matches()) {
                    return NODES.numberNode(new BigDecimal(text).toBigInteger());
                }
            }
            case "number" -> {
                if (NUMBER.matcher(text).matches()) {
                    return NODES.numberNode(new BigDecimal(text));
                }
            }
            case "boolean" -> {
                if (text.equals("true") || text.equals("false")) {
                    return NODES.booleanNode(Boolean.parseBoolean(text));
                }
            }
            default -> {
                // strings, and types a single text cannot spell (an object inside an array): the text as is
            }
        }
        return NODES.stringNode(text);
    }

    private static Decoded value(JsonNode node) {
        return new Decoded(node, null);
    }

    private static Decoded malformed(ParameterSpec spec, String expected) {
        return new Decoded(null, Violation.parameter(spec.in(), spec.name(), BodyRules.STYLE, expected,
                "is not serialized as its style (" + spec.style() + (spec.explode() ? ", exploded" : "") + ") declares"));
    }

    /**
     * The schema's type; for a 3.1 type list such as [integer, "null"], the first that is not null;
     * without {@code type}, the type a member of {@code allOf}/{@code anyOf}/{@code oneOf} declares,
     * or object/array when {@code properties}/{@code items} say so.
     */
    static String typeOf(JsonNode schema) {
        String type = declaredType(schema);
        return type == null ? "string" : type;
    }

    private static String declaredType(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return null;
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
            return null;
        }
        if (type != null) {
            return type.asString();
        }
        for (String composite : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode member : schema.path(composite)) {
                String t = declaredType(member);
                if (t != null) {
                    return t;
                }
            }
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : null;
    }

    private static JsonNode items(JsonNode schema) {
        if (schema == null) {
            return null;
        }
        JsonNode items = schema.get("items");
        if (items != null) {
            return items;
        }
        for (String composite : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode member : schema.path(composite)) {
                JsonNode found = items(member);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The declared properties of an object schema (over allOf/anyOf/oneOf members too). */
    private static JsonNode propertiesOf(JsonNode schema) {
        ObjectNode all = NODES.objectNode();
        collectProperties(schema, all);
        return all;
    }

    private static void collectProperties(JsonNode schema, ObjectNode into) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            into.putIfAbsent(p.getKey(), p.getValue());
        }
        for (String composite : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode member : schema.path(composite)) {
                collectProperties(member, into);
            }
        }
    }

    /** The schema of additional properties, or null when the object takes none (false) or says nothing of them. */
    private static JsonNode additionalSchema(JsonNode schema) {
        JsonNode additional = schema == null ? null : schema.get("additionalProperties");
        if (additional == null || additional.isBoolean() && !additional.booleanValue()) {
            return null;
        }
        return additional;
    }

    private static JsonNode propertySchema(JsonNode schema, String name) {
        JsonNode declared = propertiesOf(schema).get(name);
        if (declared != null) {
            return declared;
        }
        JsonNode additional = additionalSchema(schema);
        return additional != null && additional.isObject() ? additional : null;
    }
}

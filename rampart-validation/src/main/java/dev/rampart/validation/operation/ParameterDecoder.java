package dev.rampart.validation.operation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns the text of a parameter into the JSON value its schema describes (OpenAPI "style" and
 * "explode"): integers, numbers and booleans are parsed, arrays are split or gathered from repeated
 * names. Text that does not parse as the declared type stays text, so the schema reports a
 * {@code type} violation for it rather than this class inventing a rule.
 */
final class ParameterDecoder {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ParameterDecoder() {
    }

    static JsonNode decode(List<String> values, ParameterSpec spec) {
        String type = typeOf(spec.shape());
        if (type.equals("array")) {
            JsonNode items = spec.shape() == null ? null : spec.shape().get("items");
            String itemType = typeOf(items);
            ArrayNode array = NODES.arrayNode();
            for (String item : items(values, spec)) {
                array.add(scalar(item, itemType));
            }
            return array;
        }
        // A scalar sent several times: the first one counts, as most frameworks read it; the
        // schema sees that value. (Parameter pollution across the gateway and the service is the
        // WAF's concern.)
        return scalar(values.get(0), type);
    }

    private static List<String> items(List<String> values, ParameterSpec spec) {
        String separator = switch (spec.style()) {
            case "pipeDelimited" -> "\\|";
            case "spaceDelimited" -> " ";
            default -> ",";
        };
        boolean lenient = spec.style().equals(ParameterSpec.COMMA_OR_REPEATED);
        boolean repeated = lenient || spec.style().equals("form") && spec.explode();
        boolean split = lenient || !repeated;
        List<String> items = new ArrayList<>();
        for (String value : values) {
            if (!split) {
                items.add(value);
            } else if (!value.isEmpty()) {
                items.addAll(List.of(value.split(separator, -1)));
            }
            if (!repeated) {
                break;
            }
        }
        return items;
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
                // strings, and types a parameter cannot spell (object): the text as is
            }
        }
        return NODES.stringNode(text);
    }

    /** The schema's type; for a 3.1 type list such as [integer, "null"], the first that is not null. */
    static String typeOf(JsonNode schema) {
        JsonNode type = schema == null ? null : schema.get("type");
        if (type == null) {
            return "string";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
            return "string";
        }
        return type.asString();
    }
}

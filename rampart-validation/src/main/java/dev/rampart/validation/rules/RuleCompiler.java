package dev.rampart.validation.rules;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.rampart.core.config.ParameterRuleConfig;
import dev.rampart.core.config.ValidationConfig;
import dev.rampart.validation.Violation;
import dev.rampart.validation.body.MediaType;
import dev.rampart.validation.openapi.OpenApiLoader;
import dev.rampart.validation.operation.MediaContent;
import dev.rampart.validation.operation.Operation;
import dev.rampart.validation.operation.ParameterSpec;
import dev.rampart.validation.schema.SchemaCheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a route's rules ({@code validate:} without an OpenAPI document) into one {@link Operation}:
 * each parameter rule becomes the equivalent JSON Schema (draft 2020-12), so rules and documents are
 * checked by the same code and report the same rule names.
 */
public final class RuleCompiler {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(OpenApiLoader.schemaConfig()));

    /** The operation {@code config}'s rules describe; {@code where} prefixes error messages (e.g. {@code routes[2].validate}). */
    public Operation compile(ValidationConfig config, String where) {
        List<ParameterSpec> parameters = new ArrayList<>();
        addAll(parameters, config.path(), Violation.In.path, where + ".path");
        addAll(parameters, config.query(), Violation.In.query, where + ".query");
        addAll(parameters, config.headers(), Violation.In.header, where + ".headers");
        addAll(parameters, config.cookies(), Violation.In.cookie, where + ".cookies");
        SchemaCheck body = bodySchema(config, where);
        List<MediaContent> content = new ArrayList<>();
        for (String range : config.accept()) {
            MediaType type = MediaType.parse(range);
            if (type == null) {
                throw new IllegalArgumentException(where + ".accept: '" + range + "' is not a media type (type/subtype)");
            }
            content.add(new MediaContent(type, type.isJson() ? body : null));
        }
        if (content.isEmpty() && body != null) {
            // No accept list: any media type passes, and a JSON body meets the body rules.
            content.add(new MediaContent(MediaType.parse("application/json"), body));
            content.add(new MediaContent(MediaType.parse("*/*"), null));
        }
        boolean bodyRequired = body != null && !config.bodyFields().isEmpty()
                && config.bodyFields().values().stream().anyMatch(ParameterRuleConfig::required);
        return new Operation("rules", parameters, bodyRequired, content, Map.of());
    }

    private void addAll(List<ParameterSpec> out, Map<String, ParameterRuleConfig> rules, Violation.In in, String where) {
        rules.forEach((name, rule) -> {
            ObjectNode schema = schemaOf(rule, where + "." + name);
            out.add(new ParameterSpec(name, in, rule.required() || in == Violation.In.path, ParameterSpec.COMMA_OR_REPEATED, true, schema,
                    new SchemaCheck(registry.getSchema(schema), schema, schema)));
        });
    }

    private SchemaCheck bodySchema(ValidationConfig config, String where) {
        if (config.bodySchema() != null) {
            JsonNode schema = JsonMapper.builder().build().valueToTree(config.bodySchema());
            try {
                return new SchemaCheck(registry.getSchema(schema), schema, schema);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ".body-schema is not a usable JSON Schema: " + e.getMessage(), e);
            }
        }
        if (config.bodyFields().isEmpty()) {
            return null;
        }
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        config.bodyFields().forEach((name, rule) -> {
            properties.set(name, schemaOf(rule, where + ".body-fields." + name));
            if (rule.required()) {
                required.add(name);
            }
        });
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return new SchemaCheck(registry.getSchema(schema), schema, schema);
    }

    /** The JSON Schema of one rule; for an array, the value constraints apply to each item. */
    static ObjectNode schemaOf(ParameterRuleConfig rule, String where) {
        String type = checkType(rule.type(), where + ".type");
        ObjectNode schema = NODES.objectNode();
        ObjectNode constrained = schema;
        if (type.equals("array")) {
            schema.put("type", "array");
            constrained = schema.putObject("items");
            type = checkType(rule.items(), where + ".items");
            if (type.equals("array")) {
                throw new IllegalArgumentException(where + ".items: arrays of arrays are not supported; use string, integer, number or boolean");
            }
        }
        constrained.put("type", type);
        if (rule.minLength() != null) {
            constrained.put("minLength", rule.minLength());
        }
        if (rule.maxLength() != null) {
            constrained.put("maxLength", rule.maxLength());
        }
        if (rule.min() != null) {
            constrained.put("minimum", rule.min());
        }
        if (rule.max() != null) {
            constrained.put("maximum", rule.max());
        }
        if (rule.pattern() != null) {
            try {
                Pattern.compile(rule.pattern());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ".pattern is not a valid regular expression: " + e.getDescription(), e);
            }
            constrained.put("pattern", rule.pattern());
        }
        if (rule.format() != null) {
            constrained.put("format", rule.format());
        }
        if (!rule.allowed().isEmpty()) {
            ArrayNode values = constrained.putArray("enum");
            for (String allowed : rule.allowed()) {
                values.add(typedValue(allowed, type, where + ".allowed"));
            }
        }
        return schema;
    }

    private static String checkType(String type, String where) {
        if (!ParameterRuleConfig.TYPES.contains(type)) {
            throw new IllegalArgumentException(where + ": '" + type + "' is not a type; use one of " + ParameterRuleConfig.TYPES);
        }
        return type;
    }

    private static JsonNode typedValue(String text, String type, String where) {
        try {
            return switch (type) {
                case "integer", "number" -> NODES.numberNode(new BigDecimal(text));
                case "boolean" -> NODES.booleanNode(Boolean.parseBoolean(text));
                default -> NODES.stringNode(text);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a " + type, e);
        }
    }
}

package dev.rampart.gateway.config;

import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.Doc;
import dev.rampart.core.config.Durations;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.config.Required;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema (draft 2020-12) of {@code rampart.yaml}, generated once from the config records:
 * descriptions from {@link Doc}, {@code required} from {@link Required}, kebab-case keys,
 * {@code additionalProperties: false} on every section (only free maps such as
 * {@code security-headers.extra} take any key), durations and sizes as strings with the patterns
 * of {@link Durations#PATTERN} and {@link DataSize#PATTERN}, enums as their lowercase names.
 *
 * <p>The published schema and the one every config is checked against are the same object, so
 * an editor that completes from it and the gateway never disagree.
 */
public final class ConfigSchema {

    /** Where the schema says it lives; editors use it as the schema's identity. */
    public static final String ID = "https://rampart.dev/schemas/rampart-config.schema.json";

    private final ObjectNode node;
    private final String json;
    private final Schema validator;

    private ConfigSchema(ObjectNode node) {
        this.node = node;
        this.json = ConfigMapper.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        this.validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node);
    }

    private static final class Generated {
        static final ConfigSchema INSTANCE = new ConfigSchema(generate());
    }

    static ConfigSchema get() {
        return Generated.INSTANCE;
    }

    /** The schema as pretty-printed JSON, as {@code rampart config schema} prints it. */
    public static String json() {
        return get().json;
    }

    JsonNode node() {
        return node;
    }

    private static ObjectNode generate() {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(ConfigMapper.mapper(),
                SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                        Option.FLATTENED_ENUMS);
        builder.forFields()
                .withPropertyNameOverrideResolver(field -> ConfigMapper.keyOf(field.getDeclaredName()))
                .withDescriptionResolver(ConfigSchema::describe)
                .withRequiredCheck(field -> field.getAnnotationConsideringFieldAndGetter(Required.class) != null);
        builder.forTypesInGeneral()
                // Keys in the order the records declare them, which is the order the docs explain them.
                .withPropertySorter((a, b) -> 0)
                .withDescriptionResolver(scope -> {
                    Doc doc = scope.getType().getErasedType().getAnnotation(Doc.class);
                    return doc == null ? null : doc.value();
                })
                .withCustomDefinitionProvider((type, context) -> {
                    Class<?> erased = type.getErasedType();
                    if (erased != Duration.class && erased != DataSize.class) {
                        return null;
                    }
                    ObjectNode syntax = context.getGeneratorConfig().createObjectNode();
                    if (erased == Duration.class) {
                        syntax.put("type", "string");
                        syntax.put("pattern", Durations.PATTERN);
                    } else {
                        // A size may be a plain number of bytes: 'max-uri-length: 512'.
                        syntax.putArray("type").add("string").add("integer");
                        syntax.put("pattern", DataSize.PATTERN);
                        syntax.put("minimum", 0);
                    }
                    return new CustomDefinition(syntax, true);
                });
        ObjectNode schema = new SchemaGenerator(builder.build()).generateSchema(RampartConfig.class);
        ObjectNode ordered = ConfigMapper.mapper().createObjectNode();
        ordered.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        ordered.put("$id", ID);
        ordered.put("title", "rampart.yaml");
        schema.properties().forEach(e -> {
            if (!e.getKey().equals("$schema")) {
                ordered.set(e.getKey(), e.getValue());
            }
        });
        return ordered;
    }

    private static String describe(FieldScope field) {
        if (field.isFakeContainerItemScope()) {
            return null; // the list itself carries the description
        }
        Doc doc = field.getAnnotationConsideringFieldAndGetter(Doc.class);
        return doc == null ? null : doc.value();
    }

    /**
     * The schema of the value at {@code elements} (keys and list indexes from the root), with
     * {@code $ref}s followed; null where the schema allows nothing or anything.
     */
    JsonNode at(List<Object> elements) {
        JsonNode current = resolve(node);
        for (Object element : elements) {
            if (current == null) {
                return null;
            }
            if (element instanceof Integer) {
                current = resolve(current.get("items"));
            } else {
                JsonNode properties = current.get("properties");
                JsonNode named = properties == null ? null : properties.get((String) element);
                JsonNode additional = current.get("additionalProperties");
                current = resolve(named != null ? named : additional != null && additional.isObject() ? additional : null);
            }
        }
        return current;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        while (s != null && s.has("$ref")) {
            String ref = s.get("$ref").asString();
            s = ref.startsWith("#/$defs/") ? node.get("$defs").get(ref.substring("#/$defs/".length())) : null;
        }
        return s;
    }

    /** Whether {@code key} is one of the named keys of the section at {@code elements} (not a free-map entry). */
    boolean declares(List<Object> elements, String key) {
        JsonNode section = at(elements);
        JsonNode properties = section == null ? null : section.get("properties");
        return properties != null && properties.has(key);
    }

    /** Whether the schema at {@code elements} expects {@code type} ({@code integer}, {@code boolean}, ...). */
    boolean expects(List<Object> elements, String type) {
        JsonNode schema = at(elements);
        JsonNode types = schema == null ? null : schema.get("type");
        if (types == null) {
            return false;
        }
        if (types.isArray()) {
            for (JsonNode t : types) {
                if (t.asString().equals(type)) {
                    return true;
                }
            }
            return false;
        }
        return types.asString().equals(type);
    }

    /** Raw validation, for tests and tools that want the validator's own view. */
    List<Error> validate(JsonNode tree) {
        return validator.validate(tree);
    }

    /**
     * Checks {@code tree} and records every violation, placed and explained: unknown keys with the
     * allowed ones and the closest match, missing required keys with what they are for, wrong types,
     * durations and sizes with their syntax, enum values with the allowed ones.
     */
    void check(JsonNode tree, Findings findings) {
        for (Error error : validator.validate(tree)) {
            List<Object> elements = elementsOf(error.getInstanceLocation());
            String path = pathOf(elements);
            if (findings.source().isUnresolved(path)) {
                continue; // already reported as an unresolvable reference
            }
            switch (error.getKeyword()) {
                case "additionalProperties" -> unknownKey(findings, elements, path, error.getProperty());
                case "required" -> missingKey(findings, elements, path, error.getProperty());
                case "type" -> findings.error(path, "expected " + expected(error.getSchemaNode()) + ", found "
                        + found(error.getInstanceNode(), findings.source().isReferenced(path)));
                case "enum" -> findings.error(path, quote(error.getInstanceNode(), findings, path)
                        + " is not allowed; allowed: " + join(error.getSchemaNode()));
                case "pattern" -> findings.error(path, patternMessage(error));
                default -> findings.error(path, error.getMessage());
            }
        }
    }

    private void unknownKey(Findings findings, List<Object> parent, String parentPath, String key) {
        JsonNode section = at(parent);
        List<String> allowed = new ArrayList<>();
        if (section != null && section.has("properties")) {
            allowed.addAll(section.get("properties").propertyNames());
        }
        String suggestion = KeySuggestions.closest(key, allowed);
        findings.errorAtKey(SourceMap.child(parentPath, key), "unknown key"
                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                + (allowed.isEmpty() ? "" : "; allowed: " + String.join(", ", allowed)));
    }

    private void missingKey(Findings findings, List<Object> parent, String parentPath, String key) {
        List<Object> child = new ArrayList<>(parent);
        child.add(key);
        JsonNode schema = at(child);
        JsonNode description = schema == null ? null : schema.get("description");
        findings.errorAt(findings.source().keyPosition(parentPath), SourceMap.child(parentPath, key),
                "required key is missing" + (description == null ? "" : " (" + description.asString() + ")"));
    }

    private static String patternMessage(Error error) {
        String pattern = error.getSchemaNode().asString();
        String value = error.getInstanceNode().asString();
        Function<String, ?> parser = pattern.equals(Durations.PATTERN) ? Durations::parse
                : pattern.equals(DataSize.PATTERN) ? DataSize::parse : null;
        if (parser != null) {
            try {
                parser.apply(value);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return "'" + value + "' does not match " + pattern;
    }

    private static String expected(JsonNode type) {
        List<String> names = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> names.add(typeName(t.asString())));
        } else {
            names.add(typeName(type.asString()));
        }
        return String.join(" or ", names);
    }

    private static String typeName(String jsonType) {
        return switch (jsonType) {
            case "object" -> "a mapping of keys";
            case "array" -> "a list";
            case "string" -> "a string";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> jsonType;
        };
    }

    private static String found(JsonNode value, boolean masked) {
        if (value == null || value.isNull()) {
            return "no value";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        String shown = masked ? SourceMap.MASK : value.asString();
        return value.isString() ? "the string '" + shown + "'" : shown;
    }

    private static String quote(JsonNode value, Findings findings, String path) {
        return "'" + (findings.source().isReferenced(path) ? SourceMap.MASK : value.asString()) + "'";
    }

    private static String join(JsonNode values) {
        List<String> names = new ArrayList<>();
        values.forEach(v -> names.add(v.asString()));
        return String.join(", ", names);
    }

    private static List<Object> elementsOf(NodePath location) {
        List<Object> elements = new ArrayList<>(location.getNameCount());
        for (int i = 0; i < location.getNameCount(); i++) {
            elements.add(location.getElement(i));
        }
        return elements;
    }

    static String pathOf(List<Object> elements) {
        String path = "";
        for (Object e : elements) {
            path = e instanceof Integer index ? SourceMap.element(path, index) : SourceMap.child(path, (String) e);
        }
        return path;
    }
}

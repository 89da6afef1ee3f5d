package dev.rampart.validation.schema;

import dev.rampart.validation.Violation;
import dev.rampart.validation.body.JsonBodyReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;

/**
 * Strict mode: every object property of an instance must be declared by its schema, as if each
 * object schema said {@code additionalProperties: false} — mass-assignment protection (OWASP API
 * Security Top 10, API3:2023) without asking the API's authors to edit their document, and without
 * editing it in place.
 *
 * <p>Walks instance and schema together. At each object, the declared names are the union of
 * {@code properties} over the schema and its {@code allOf}/{@code anyOf}/{@code oneOf} members
 * (local {@code $ref}s followed), so composed schemas are not broken the way a literal
 * {@code additionalProperties: false} on each member would break them. A schema that explicitly
 * allows more ({@code additionalProperties: true} or a schema, {@code patternProperties}) is honoured.
 * An object schema that declares no properties at all is a free-form map and is left alone.
 */
final class StrictProperties {

    private static final int MAX_REF_HOPS = 32;
    private static final JsonNode OPEN = JsonNodeFactory.instance.objectNode().put("additionalProperties", true);
    private static final String[] COMPOSITIONS = {"allOf", "anyOf", "oneOf"};

    private final JsonNode document;
    /** Resolved local references: the same {@code $ref} is met once per array item otherwise. */
    private final Map<String, JsonNode> refs = new ConcurrentHashMap<>();

    StrictProperties(JsonNode document) {
        this.document = document;
    }

    /** Where in the instance the walk is; the JSON Pointer text is built only for a violation. */
    private record Location(Location parent, String key, int index) {
        static final Location ROOT = new Location(null, null, -1);

        Location property(String name) {
            return new Location(this, name, -1);
        }

        Location item(int i) {
            return new Location(this, null, i);
        }

        String pointer() {
            if (parent == null) {
                return "";
            }
            return parent.pointer() + "/" + (key != null ? JsonBodyReader.escape(key) : Integer.toString(index));
        }
    }

    void check(JsonNode instance, JsonNode schema, Violation.In in, String name, List<Violation> out) {
        walk(instance, List.of(schema), Location.ROOT, in, name, out);
    }

    private void walk(JsonNode instance, List<JsonNode> schemas, Location pointer,
            Violation.In in, String name, List<Violation> out) {
        if (!instance.isContainer()) {
            return; // only objects can carry undeclared properties, only arrays can hold objects
        }
        List<JsonNode> expanded = new ArrayList<>();
        for (JsonNode s : schemas) {
            expand(s, expanded, 0);
        }
        if (expanded.isEmpty()) {
            return;
        }
        if (instance.isObject()) {
            walkObject(instance, expanded, pointer, in, name, out);
        } else if (instance.isArray()) {
            for (int i = 0; i < instance.size(); i++) {
                List<JsonNode> itemSchemas = new ArrayList<>();
                for (JsonNode s : expanded) {
                    JsonNode prefix = s.get("prefixItems");
                    JsonNode items = s.get("items");
                    if (prefix != null && prefix.isArray() && i < prefix.size()) {
                        itemSchemas.add(prefix.get(i));
                    } else if (items != null && items.isObject()) {
                        itemSchemas.add(items);
                    } else if (items != null && items.isArray() && i < items.size()) {
                        itemSchemas.add(items.get(i)); // draft 4 tuple form (OpenAPI 3.0 forbids it, some documents use it)
                    }
                }
                if (!itemSchemas.isEmpty()) {
                    walk(instance.get(i), itemSchemas, pointer.item(i), in, name, out);
                }
            }
        }
    }

    private void walkObject(JsonNode instance, List<JsonNode> expanded, Location pointer,
            Violation.In in, String name, List<Violation> out) {
        Set<String> declared = new LinkedHashSet<>();
        List<Pattern> patterns = new ArrayList<>();
        List<JsonNode> additional = new ArrayList<>();
        boolean open = false;
        boolean declaresAny = false;
        for (JsonNode s : expanded) {
            JsonNode properties = s.get("properties");
            if (properties != null && properties.isObject()) {
                declaresAny = true;
                declared.addAll(properties.propertyNames());
            }
            JsonNode patternProperties = s.get("patternProperties");
            if (patternProperties != null && patternProperties.isObject()) {
                declaresAny = true;
                for (String regex : patternProperties.propertyNames()) {
                    try {
                        patterns.add(Pattern.compile(regex));
                    } catch (PatternSyntaxException e) {
                        open = true; // a pattern Java cannot read: do not reject what the author may allow
                    }
                }
            }
            JsonNode extra = s.get("additionalProperties");
            if (extra != null && (extra.isObject() || extra.isBoolean() && extra.booleanValue())) {
                open = true;
                if (extra.isObject()) {
                    additional.add(extra);
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = instance.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            Location child = pointer.property(key);
            List<JsonNode> childSchemas = new ArrayList<>();
            for (JsonNode s : expanded) {
                JsonNode properties = s.get("properties");
                if (properties != null && properties.has(key)) {
                    childSchemas.add(properties.get(key));
                }
                JsonNode patternProperties = s.get("patternProperties");
                if (patternProperties != null && patternProperties.isObject()) {
                    for (Map.Entry<String, JsonNode> p : patternProperties.properties()) {
                        if (matches(p.getKey(), key)) {
                            childSchemas.add(p.getValue());
                        }
                    }
                }
            }
            boolean known = declared.contains(key) || matchesAny(patterns, key);
            if (!known) {
                if (open) {
                    childSchemas.addAll(additional);
                } else if (declaresAny) {
                    out.add(new Violation(in, name, child.pointer(), "additionalProperties", "one of " + declared,
                            "is not a property the schema declares"));
                    continue;
                }
            }
            walk(field.getValue(), childSchemas, child, in, name, out);
        }
    }

    private static boolean matchesAny(List<Pattern> patterns, String key) {
        for (Pattern p : patterns) {
            if (p.matcher(key).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String regex, String key) {
        try {
            return Pattern.compile(regex).matcher(key).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** Adds {@code schema} with its local {@code $ref} followed and its composition members, recursively. */
    private void expand(JsonNode schema, List<JsonNode> out, int hops) {
        if (schema == null || !schema.isObject() || hops > MAX_REF_HOPS) {
            return;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isString()) {
            JsonNode target = refs.computeIfAbsent(ref.asString(), r -> {
                JsonNode resolved = LocalRefs.resolve(r, document);
                return resolved == null ? MissingNode.getInstance() : resolved;
            });
            if (target.isMissingNode()) {
                // A reference strict mode cannot follow: treat the object as open rather than guess.
                out.add(OPEN);
                return;
            }
            expand(target, out, hops + 1);
        }
        out.add(schema);
        for (String keyword : COMPOSITIONS) {
            JsonNode members = schema.get(keyword);
            if (members != null && members.isArray()) {
                for (JsonNode member : members) {
                    expand(member, out, hops + 1);
                }
            }
        }
    }
}

package dev.rampart.validation.schema;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import dev.rampart.validation.Violation;
import dev.rampart.validation.body.JsonBodyReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One compiled JSON Schema (networknt) plus what strict mode needs: the schema's own node and the
 * document its local {@code $ref}s point into. Turns validator errors into {@link Violation}s whose
 * text is built from the keyword and the schema only, never from the rejected value.
 */
public final class SchemaCheck {

    private final Schema schema;
    private final JsonNode schemaNode;
    private final StrictProperties strictProperties;

    /**
     * @param schema the compiled schema
     * @param schemaNode its source node
     * @param document the node local {@code $ref}s ({@code #/...}) resolve against
     */
    public SchemaCheck(Schema schema, JsonNode schemaNode, JsonNode document) {
        this.schema = schema;
        this.schemaNode = schemaNode;
        this.strictProperties = new StrictProperties(document);
    }

    /**
     * Which way a value travels, for OpenAPI's {@code readOnly} and {@code writeOnly}: a request may
     * not set a readOnly property (mass assignment of {@code id}, {@code created_at}, a role) and
     * need not send a required one; a response may not carry a writeOnly property (a password) and
     * need not carry a required one. networknt applies both through its {@link ExecutionConfig}.
     */
    public enum Direction {
        REQUEST,
        RESPONSE
    }

    /**
     * Validates {@code instance}, which travels in {@code direction}; violations are placed {@code in}
     * the given part with {@code name} (null for a body); with {@code strict}, properties the schema
     * does not declare are violations too.
     */
    public void check(JsonNode instance, Violation.In in, String name, Direction direction, boolean strict, List<Violation> out) {
        List<Violation> found = new ArrayList<>();
        List<Error> errors = direction == Direction.REQUEST
                ? schema.validate(instance, context -> context.executionConfig(config -> config.readOnly(true).writeOnly(false)))
                : schema.validate(instance, context -> context.executionConfig(config -> config.readOnly(false).writeOnly(true)));
        for (Error error : errors) {
            found.add(toViolation(error, in, name));
        }
        if (strict) {
            strictProperties.check(instance, schemaNode, in, name, found);
        }
        // A schema with its own additionalProperties: false reports the same property strict mode does.
        Map<String, Violation> unique = new LinkedHashMap<>();
        for (Violation v : found) {
            unique.putIfAbsent(v.pointer() + ' ' + v.rule(), v);
        }
        out.addAll(unique.values());
    }

    private static Violation toViolation(Error error, Violation.In in, String name) {
        String keyword = error.getKeyword() == null ? "schema" : error.getKeyword();
        String pointer = pointer(error.getInstanceLocation());
        JsonNode rule = error.getSchemaNode();
        String expected;
        String detail;
        switch (keyword) {
            case "required" -> {
                pointer = pointer + "/" + JsonBodyReader.escape(String.valueOf(error.getProperty()));
                expected = "present";
                detail = "is required";
            }
            case "readOnly" -> {
                expected = "absent";
                detail = "is read-only: the server sets it, a request may not";
            }
            case "writeOnly" -> {
                expected = "absent";
                detail = "is write-only: a response may not carry it";
            }
            case "additionalProperties", "unevaluatedProperties" -> {
                pointer = pointer + "/" + JsonBodyReader.escape(String.valueOf(error.getProperty()));
                keyword = "additionalProperties";
                expected = "a declared property";
                detail = "is not a property the schema declares";
            }
            default -> {
                expected = Expectations.render(rule);
                detail = Expectations.sentence(keyword, expected);
            }
        }
        return new Violation(in, name, pointer, keyword, expected, detail);
    }

    /** RFC 6901 JSON Pointer of a networknt instance location. */
    static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            sb.append('/').append(element instanceof Integer ? element.toString() : JsonBodyReader.escape(String.valueOf(element)));
        }
        return sb.toString();
    }
}

package dev.rampart.validation.operation;

import dev.rampart.validation.Violation;
import dev.rampart.validation.schema.SchemaCheck;
import tools.jackson.databind.JsonNode;

/**
 * One parameter of an operation.
 *
 * @param name its name (headers compare case-insensitively)
 * @param in where it is: path, query, header or cookie
 * @param required whether it must be present
 * @param style how the value is serialized: the OpenAPI styles form, simple, label, matrix,
 *     spaceDelimited, pipeDelimited, deepObject; {@link #JSON_CONTENT} or {@link #RAW_CONTENT} for a
 *     parameter described by {@code content}; or {@link #COMMA_OR_REPEATED} (route rules)
 * @param explode whether arrays and objects are exploded ({@code ?tag=a&tag=b}, {@code ?R=100&G=200})
 *     rather than joined ({@code ?tag=a,b}, {@code ?color=R,100,G,200})
 * @param shape the schema with its local {@code $ref}s followed, to read {@code type}, {@code items} and
 *     {@code properties} when decoding
 * @param check the compiled schema; null when the parameter declares none
 */
public record ParameterSpec(String name, Violation.In in, boolean required, String style, boolean explode,
        JsonNode shape, SchemaCheck check) {

    /** The array style of route rules: repeated names and comma-separated values both give items. */
    public static final String COMMA_OR_REPEATED = "commaOrRepeated";

    /** A parameter with {@code content: {application/json: ...}}: its value is a JSON document. */
    public static final String JSON_CONTENT = "content:json";

    /** A parameter with {@code content} of another media type: its value is checked as text. */
    public static final String RAW_CONTENT = "content:raw";

    /** The OpenAPI default style for a parameter {@code in} the given place. */
    public static String defaultStyle(Violation.In in) {
        return in == Violation.In.query || in == Violation.In.cookie ? "form" : "simple";
    }
}

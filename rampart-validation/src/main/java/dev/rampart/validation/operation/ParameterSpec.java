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
 * @param style how an array is serialized: form, simple, pipeDelimited, spaceDelimited (OpenAPI), or
 *     {@link #COMMA_OR_REPEATED} (route rules)
 * @param explode whether a form array is repeated ({@code ?tag=a&tag=b}) rather than joined ({@code ?tag=a,b})
 * @param shape the schema with its top-level {@code $ref} followed, to read {@code type} and {@code items}
 * @param check the compiled schema; null when the parameter declares none
 */
public record ParameterSpec(String name, Violation.In in, boolean required, String style, boolean explode,
        JsonNode shape, SchemaCheck check) {

    /** The array style of route rules: repeated names and comma-separated values both give items. */
    public static final String COMMA_OR_REPEATED = "commaOrRepeated";

    /** The OpenAPI default style for a parameter {@code in} the given place. */
    public static String defaultStyle(Violation.In in) {
        return in == Violation.In.query || in == Violation.In.cookie ? "form" : "simple";
    }
}

package dev.rampart.validation.schema;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Expected values and sentences for schema keywords, built from the schema alone. */
public final class Expectations {

    private Expectations() {
    }

    /** The value of a keyword as a client reads it: {@code 100}, {@code [pending, shipped]}, {@code ^[A-Z]{3}$}. */
    public static String render(JsonNode keywordValue) {
        if (keywordValue == null || keywordValue.isNull() || keywordValue.isMissingNode()) {
            return "";
        }
        if (keywordValue.isArray()) {
            List<String> items = new ArrayList<>();
            keywordValue.forEach(item -> items.add(item.isString() ? item.asString() : item.toString()));
            return "[" + String.join(", ", items) + "]";
        }
        return keywordValue.isString() ? keywordValue.asString() : keywordValue.toString();
    }

    /** A sentence for a broken {@code keyword} whose value is {@code expected}. */
    public static String sentence(String keyword, String expected) {
        return switch (keyword) {
            case "type" -> "must be of type " + expected;
            case "enum" -> "must be one of " + expected;
            case "const" -> "must be " + expected;
            case "minimum" -> "must be at least " + expected;
            case "maximum" -> "must be at most " + expected;
            case "exclusiveMinimum" -> "must be greater than the minimum";
            case "exclusiveMaximum" -> "must be less than the maximum";
            case "multipleOf" -> "must be a multiple of " + expected;
            case "minLength" -> "must have at least " + expected + " characters";
            case "maxLength" -> "must have at most " + expected + " characters";
            case "pattern" -> "must match the pattern " + expected;
            case "format" -> "must be a valid " + expected;
            case "minItems" -> "must have at least " + expected + " items";
            case "maxItems" -> "must have at most " + expected + " items";
            case "uniqueItems" -> "must not repeat items";
            case "minProperties" -> "must have at least " + expected + " properties";
            case "maxProperties" -> "must have at most " + expected + " properties";
            case "oneOf" -> "must match exactly one of the allowed shapes";
            case "anyOf" -> "must match at least one of the allowed shapes";
            case "not" -> "must not match the excluded shape";
            default -> "breaks the schema rule '" + keyword + "'";
        };
    }
}

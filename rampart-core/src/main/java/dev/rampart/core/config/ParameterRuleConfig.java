package dev.rampart.core.config;

import java.math.BigDecimal;
import java.util.List;

/**
 * One rule for a query or path parameter, a header, a cookie or a top-level JSON field: the checks
 * security guides ask for, written without a schema. Each is turned into the equivalent JSON
 * Schema keyword, so a violation names the same rule either way.
 */
public record ParameterRuleConfig(
        @Doc("The value must be present. Default false.") Boolean required,
        @Doc("Value type: string, integer, number, boolean, or array (comma-separated or repeated). Default string.")
        String type,
        @Doc("Shortest allowed string length.") Integer minLength,
        @Doc("Longest allowed string length.") Integer maxLength,
        @Doc("Smallest allowed number (inclusive).") BigDecimal min,
        @Doc("Largest allowed number (inclusive).") BigDecimal max,
        @Doc("Regular expression (ECMA 262) the whole value must match; anchor it with ^ and $.") String pattern,
        @Doc("The only values allowed.") List<String> allowed,
        @Doc("Format the value must have: email, uuid, date, date-time, uri, ipv4, ipv6, hostname.") String format,
        @Doc("Type of each item when type is array: string, integer, number or boolean. Default string.") String items) {

    /** The types a rule may name; they are JSON Schema's names (a Java enum cannot spell 'boolean'). */
    public static final List<String> TYPES = List.of("string", "integer", "number", "boolean", "array");

    public ParameterRuleConfig {
        required = required == null ? Boolean.FALSE : required;
        type = type == null ? "string" : type;
        items = items == null ? "string" : items;
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }
}

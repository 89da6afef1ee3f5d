package dev.rampart.validation;

import java.util.Set;

/**
 * Names of the rules Rampart itself enforces (besides JSON Schema keywords), and the status each
 * one answers with.
 */
public final class BodyRules {

    /** No operation has this path (404). */
    public static final String UNKNOWN_PATH = "operation";
    /** The path is known, the method is not (405). */
    public static final String METHOD = "method";
    /** The body's media type is not one the route accepts (415). */
    public static final String CONTENT_TYPE = "content-type";
    /** The body is larger than allowed (413). */
    public static final String MAX_SIZE = "max-size";
    /** One multipart part is larger than allowed (413). */
    public static final String MAX_PART_SIZE = "max-part-size";
    public static final String MAX_DEPTH = "max-depth";
    public static final String MAX_KEYS = "max-keys";
    public static final String MAX_ARRAY_LENGTH = "max-array-length";
    public static final String MAX_STRING_LENGTH = "max-string-length";
    public static final String MAX_NUMBER_LENGTH = "max-number-length";
    public static final String DUPLICATE_KEY = "duplicate-key";
    /** The body is not well-formed JSON, XML or multipart. */
    public static final String SYNTAX = "syntax";
    /** An XML document type declaration: the carrier of XXE and entity-expansion attacks. */
    public static final String DTD = "dtd";
    public static final String MAX_ELEMENTS = "max-elements";
    public static final String MAX_ATTRIBUTES = "max-attributes";
    public static final String MAX_PARTS = "max-parts";
    /** An uploaded file name with a path, '..', control characters or a disallowed extension. */
    public static final String FILENAME = "filename";
    /** A parameter not written as its OpenAPI style declares ({@code deepObject}, {@code matrix}, ...). */
    public static final String STYLE = "style";
    /** A request body property the contract marks {@code readOnly} (set by the server: mass assignment). */
    public static final String READ_ONLY = "readOnly";
    /** A response property the contract marks {@code writeOnly} (a password or secret sent back). */
    public static final String WRITE_ONLY = "writeOnly";

    private static final Set<String> LIMITS = Set.of(MAX_SIZE, MAX_PART_SIZE, MAX_DEPTH, MAX_KEYS, MAX_ARRAY_LENGTH,
            MAX_STRING_LENGTH, MAX_NUMBER_LENGTH, DUPLICATE_KEY, DTD, MAX_ELEMENTS, MAX_ATTRIBUTES, MAX_PARTS);

    private BodyRules() {
    }

    /** Whether {@code rule} is a structural body limit (the marks of a bomb or abuse). */
    public static boolean isLimit(String rule) {
        return LIMITS.contains(rule);
    }

    /** The HTTP status a request violation of {@code rule} answers with. */
    public static int statusOf(String rule) {
        return switch (rule) {
            case UNKNOWN_PATH -> 404;
            case METHOD -> 405;
            case MAX_SIZE, MAX_PART_SIZE -> 413;
            case CONTENT_TYPE -> 415;
            default -> 400;
        };
    }
}

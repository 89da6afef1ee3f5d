package dev.rampart.validation;

import dev.rampart.core.config.ValidationConfig;
import dev.rampart.core.path.PathTemplate;
import dev.rampart.validation.openapi.OpenApiLoader;
import dev.rampart.validation.operation.Operation;
import dev.rampart.validation.operation.OperationIndex;
import dev.rampart.validation.operation.OperationValidator;
import dev.rampart.validation.rules.RuleCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Validates requests (and optionally responses) against an OpenAPI 3.0/3.1 document or against a
 * route's rules. Built once per config load; thread-safe; {@link #validate} does no I/O beyond
 * reading a streamed body.
 *
 * <pre>{@code
 * RequestValidator validator = RequestValidator.forOpenApi(Path.of("orders.yaml"),
 *         ValidationOptions.defaults().withStrictProperties(true));
 * ValidationResult result = validator.validate(request);
 * if (!result.isValid()) {
 *     return Decision.deny(result.status(), result.code(), "...");   // body: ValidationProblem
 * }
 * }</pre>
 */
public final class RequestValidator {

    /** What a request no operation describes is still held to when it passes: the body limits. */
    private static final Operation LIMITS_ONLY = new Operation("unknown", List.of(), false, List.of(), Map.of());

    private final OperationIndex index;     // null in rules mode
    private final Operation rules;          // null in OpenAPI mode
    private final String basePath;
    private final boolean rejectUnknown;
    private final OperationValidator operations;

    private RequestValidator(OperationIndex index, Operation rules, String basePath, ValidationOptions options) {
        this.index = index;
        this.rules = rules;
        this.basePath = basePath;
        this.rejectUnknown = options.rejectUnknownOperations();
        this.operations = new OperationValidator(options);
    }

    /**
     * A validator for the OpenAPI document at {@code document} (YAML or JSON).
     *
     * @throws IllegalArgumentException when the document cannot be used; the message says where and why
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public static RequestValidator forOpenApi(Path document, ValidationOptions options) {
        OpenApiLoader.Loaded loaded = OpenApiLoader.load(document);
        String base = options.basePath() != null ? trimSlash(options.basePath()) : loaded.serverBasePath();
        return new RequestValidator(loaded.operations(), null, base, options);
    }

    /**
     * A validator for a route's rules (parameter rules, body fields or an inline body schema, accepted
     * media types); {@code where} names the config section in error messages, e.g. {@code routes[2].validate}.
     */
    public static RequestValidator forRules(ValidationConfig config, String where) {
        return new RequestValidator(null, new RuleCompiler().compile(config, where), "", ValidationOptions.from(config));
    }

    /**
     * The validator a route's {@code validate:} section asks for: its OpenAPI document (resolved
     * against {@code configDir}) when it names one, else its rules.
     */
    public static RequestValidator fromConfig(ValidationConfig config, Path configDir, String where) {
        if (config.openapi() == null) {
            return forRules(config, where);
        }
        try {
            return forOpenApi(configDir.resolve(config.openapi()), ValidationOptions.from(config));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".openapi: " + e.getMessage(), e);
        }
    }

    /** Validates {@code request}: parameters, media type, body limits and body schema. */
    public ValidationResult validate(ValidationRequest request) {
        if (rules != null) {
            return ValidationResult.ofRequest(operations.validate(request, rules, request.pathParams()));
        }
        OperationIndex.Lookup lookup = find(request);
        if (lookup == null || lookup.operation() == null) {
            if (!rejectUnknown) {
                return ValidationResult.ofRequest(operations.validate(request, LIMITS_ONLY, Map.of()));
            }
            List<String> allowed = lookup == null ? List.of() : lookup.allowedMethods();
            Violation v = allowed.isEmpty()
                    ? Violation.parameter(Violation.In.request, "path", BodyRules.UNKNOWN_PATH, "a path the API declares",
                            "no operation has this path")
                    : Violation.parameter(Violation.In.request, "method", BodyRules.METHOD, String.join(", ", allowed),
                            "this path does not accept the method");
            return ValidationResult.ofRequest(List.of(v));
        }
        return ValidationResult.ofRequest(operations.validate(request, lookup.operation(), lookup.pathValues()));
    }

    /**
     * A check to feed {@code request}'s body to as it arrives (see {@link RequestBodyCheck}), or null
     * when the body is not parsed: its operation is unknown (and rejected), it has no or an
     * unaccepted media type (which {@link #validate} on the head reports), or a media type other
     * than JSON, XML and multipart/form-data. Call it once the head is valid; {@code request}'s
     * own body, if any, is not read.
     */
    public RequestBodyCheck bodyCheck(ValidationRequest request) {
        Operation operation = rules;
        if (operation == null) {
            OperationIndex.Lookup lookup = find(request);
            operation = lookup == null ? null : lookup.operation();
            if (operation == null) {
                if (rejectUnknown) {
                    return null;
                }
                operation = LIMITS_ONLY;
            }
        }
        var streamed = operations.streamBody(request, operation);
        return streamed == null ? null : new RequestBodyCheck(streamed);
    }

    /**
     * The methods the matched path allows, for the {@code Allow} header of a 405 (RFC 9110 §15.5.6);
     * empty when the path is unknown or in rules mode.
     */
    public List<String> allowedMethods(ValidationRequest request) {
        OperationIndex.Lookup lookup = rules == null ? find(request) : null;
        return lookup == null || lookup.operation() != null ? List.of() : lookup.allowedMethods();
    }

    /**
     * Validates an upstream {@code response} to {@code request}: status declared, media type
     * declared, JSON body against the declared schema (with strict properties when configured, which
     * catches fields an upstream leaks). Valid when the request matches no operation.
     */
    public ValidationResult validateResponse(ValidationRequest request, ValidationResponse response) {
        Operation operation = rules;
        if (operation == null) {
            OperationIndex.Lookup lookup = find(request);
            operation = lookup == null ? null : lookup.operation();
        }
        if (operation == null) {
            return ValidationResult.valid();
        }
        return ValidationResult.ofResponse(operations.validateResponse(response, operation));
    }

    private OperationIndex.Lookup find(ValidationRequest request) {
        String path = request.path();
        if (!basePath.isEmpty()) {
            if (!path.startsWith(basePath) || path.length() > basePath.length() && path.charAt(basePath.length()) != '/') {
                return null;
            }
            path = path.length() == basePath.length() ? "/" : path.substring(basePath.length());
        }
        if (!path.startsWith("/")) {
            return null;
        }
        return index.find(request.method(), PathTemplate.decodedSegments(path));
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}

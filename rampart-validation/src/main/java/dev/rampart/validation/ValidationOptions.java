package dev.rampart.validation;

import dev.rampart.core.config.JsonLimitsConfig;
import dev.rampart.core.config.MultipartLimitsConfig;
import dev.rampart.core.config.ValidationConfig;
import dev.rampart.core.config.XmlLimitsConfig;
import java.util.Objects;

/**
 * How a {@link RequestValidator} treats what the contract leaves open.
 *
 * @param rejectUnknownOperations true: a request no operation describes is a violation (404/405); false: it passes
 * @param strictProperties true: object properties the schema does not declare are violations (mass assignment)
 * @param basePath the prefix the document's paths are relative to ({@code /v1}); null: the first server URL's path
 * @param json limits every JSON body must meet before its schema
 * @param xml limits for XML bodies
 * @param multipart limits for multipart/form-data bodies
 */
public record ValidationOptions(boolean rejectUnknownOperations, boolean strictProperties, String basePath,
        JsonLimitsConfig json, XmlLimitsConfig xml, MultipartLimitsConfig multipart) {

    public ValidationOptions {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(multipart, "multipart");
    }

    /** Reject unknown operations, properties as declared, default limits. */
    public static ValidationOptions defaults() {
        return new ValidationOptions(true, false, null, JsonLimitsConfig.defaults(), XmlLimitsConfig.defaults(),
                MultipartLimitsConfig.defaults());
    }

    /** The options a route's {@code validate:} section sets. */
    public static ValidationOptions from(ValidationConfig config) {
        return new ValidationOptions(config.unknownOperations() == ValidationConfig.UnknownOperations.reject,
                config.additionalProperties() == ValidationConfig.AdditionalProperties.strict, config.basePath(),
                config.json(), config.xml(), config.multipart());
    }

    public ValidationOptions withStrictProperties(boolean strict) {
        return new ValidationOptions(rejectUnknownOperations, strict, basePath, json, xml, multipart);
    }

    public ValidationOptions withRejectUnknownOperations(boolean reject) {
        return new ValidationOptions(reject, strictProperties, basePath, json, xml, multipart);
    }

    public ValidationOptions withBasePath(String path) {
        return new ValidationOptions(rejectUnknownOperations, strictProperties, path, json, xml, multipart);
    }

    public ValidationOptions withJsonLimits(JsonLimitsConfig limits) {
        return new ValidationOptions(rejectUnknownOperations, strictProperties, basePath, limits, xml, multipart);
    }

    public ValidationOptions withMultipartLimits(MultipartLimitsConfig limits) {
        return new ValidationOptions(rejectUnknownOperations, strictProperties, basePath, json, xml, limits);
    }
}

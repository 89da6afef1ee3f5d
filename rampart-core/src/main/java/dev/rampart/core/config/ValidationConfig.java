package dev.rampart.core.config;

import java.util.List;
import java.util.Map;

/**
 * Input validation for a route: either against an OpenAPI 3.0/3.1 document, or against rules
 * written here (parameter rules, top-level JSON field rules, or an inline JSON Schema for the
 * body). Body limits (JSON bombs, XML entities, multipart) apply in both cases, before any schema.
 */
public record ValidationConfig(
        @Doc("OpenAPI 3.0 or 3.1 document (YAML or JSON file) the route's requests are validated against. "
                + "Absent: the rules below are used.")
        String openapi,
        @Doc("Path prefix the document's paths are relative to, e.g. '/v1'. Default: the path of the "
                + "document's first server URL, or none.")
        String basePath,
        @Doc("Requests no operation of the document matches: 'reject' (404 unknown path, 405 known path "
                + "with another method) or 'pass'. Default reject.")
        UnknownOperations unknownOperations,
        @Doc("Object properties the schema does not declare: 'declared' (as the schema says) or 'strict' "
                + "(rejected everywhere, against mass assignment). Default declared.")
        AdditionalProperties additionalProperties,
        @Doc("Check upstream responses against the document: 'off', 'log' (events only) or 'enforce' "
                + "(502 instead of a response that breaks the contract). Default off.")
        ResponseValidation responses,
        @Doc("Media types the route accepts in a request body, e.g. [application/json]; others get 415. "
                + "With an OpenAPI document the operation's request body types are used instead.")
        List<String> accept,
        @Doc("Rules for query parameters, by name.") Map<String, ParameterRuleConfig> query,
        @Doc("Rules for path parameters of the route's match pattern, by name.") Map<String, ParameterRuleConfig> path,
        @Doc("Rules for request headers, by name (case-insensitive).") Map<String, ParameterRuleConfig> headers,
        @Doc("Rules for cookies, by name.") Map<String, ParameterRuleConfig> cookies,
        @Doc("Rules for the top-level fields of a JSON object body, by name.") Map<String, ParameterRuleConfig> bodyFields,
        @Doc("Inline JSON Schema (draft 2020-12) for a JSON body; replaces body-fields.") Map<String, Object> bodySchema,
        @Doc("Limits every JSON body must meet before any schema is applied.") JsonLimitsConfig json,
        @Doc("Limits for XML bodies; DTDs and external entities are always refused.") XmlLimitsConfig xml,
        @Doc("Limits for multipart/form-data bodies.") MultipartLimitsConfig multipart) {

    /** What happens to a request no operation of the OpenAPI document describes. */
    public enum UnknownOperations {
        reject,
        pass
    }

    /** Whether undeclared object properties are allowed where the schema does not forbid them. */
    public enum AdditionalProperties {
        declared,
        strict
    }

    /** What response validation does with a response that breaks the contract. */
    public enum ResponseValidation {
        off,
        log,
        enforce
    }

    public ValidationConfig {
        unknownOperations = unknownOperations == null ? UnknownOperations.reject : unknownOperations;
        additionalProperties = additionalProperties == null ? AdditionalProperties.declared : additionalProperties;
        responses = responses == null ? ResponseValidation.off : responses;
        accept = accept == null ? List.of() : List.copyOf(accept);
        query = query == null ? Map.of() : Map.copyOf(query);
        path = path == null ? Map.of() : Map.copyOf(path);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        cookies = cookies == null ? Map.of() : Map.copyOf(cookies);
        bodyFields = bodyFields == null ? Map.of() : Map.copyOf(bodyFields);
        json = json == null ? JsonLimitsConfig.defaults() : json;
        xml = xml == null ? XmlLimitsConfig.defaults() : xml;
        multipart = multipart == null ? MultipartLimitsConfig.defaults() : multipart;
    }
}

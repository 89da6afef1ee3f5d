package dev.rampart.validation.operation;

import java.util.List;
import java.util.Map;

/**
 * What one operation accepts and returns, from an OpenAPI document or from route rules.
 *
 * @param id the operationId, or {@code METHOD template}
 * @param parameters path, query, header and cookie parameters
 * @param bodyRequired whether a request body must be sent
 * @param bodyContent the media types a request body may have; empty when any is accepted
 * @param responses by status code ({@code 200}), range ({@code 2XX}) or {@code default}
 */
public record Operation(String id, List<ParameterSpec> parameters, boolean bodyRequired, List<MediaContent> bodyContent,
        Map<String, List<MediaContent>> responses) {

    public Operation {
        parameters = List.copyOf(parameters);
        bodyContent = List.copyOf(bodyContent);
        responses = Map.copyOf(responses);
    }
}

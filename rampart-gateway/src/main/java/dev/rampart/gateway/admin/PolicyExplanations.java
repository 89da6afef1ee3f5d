package dev.rampart.gateway.admin;

import dev.rampart.policy.AuthorizationDecision;
import dev.rampart.policy.ExplainQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of {@code POST /admin/policy/explain}: the question ({@link ExplainQuery}, its field names)
 * and the answer ({@code allowed}, {@code enforced}, {@code summary}, {@code details} as in the
 * {@code policy.denied} event, and the structured {@code explanation}). {@code rampart policy explain}
 * prints the same summary and details.
 */
public final class PolicyExplanations {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private static final String EXAMPLE = "{\"principal\": \"alice\", \"roles\": [\"member\"], \"attributes\": "
            + "{\"org\": \"acme\"}, \"method\": \"POST\", \"path\": \"/orgs/acme/messages\"}";

    private PolicyExplanations() {
    }

    /**
     * Reads a question.
     *
     * @throws IllegalArgumentException naming what is not JSON, an unknown field or a value of the wrong type
     */
    public static ExplainQuery query(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("send a JSON object, e.g. " + EXAMPLE);
        }
        try {
            ExplainQuery q = MAPPER.readValue(json, ExplainQuery.class);
            if (q == null) {
                throw new IllegalArgumentException("send a JSON object, e.g. " + EXAMPLE);
            }
            return q;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the body is not an explain query: " + e.getOriginalMessage()
                    + " (fields: principal, type, roles, scopes, attributes, method, path, params, query, headers, "
                    + "ip, resource, permissions)", e);
        }
    }

    /** A JSON value as the CLI's {@code --attribute k=v} reads it: {@code true}, {@code 3}, {@code ["a","b"]}; else null. */
    public static Object jsonValue(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The answer as JSON. */
    public static String json(AuthorizationDecision d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("allowed", d.allowed());
        out.put("enforced", d.enforced());
        out.put("summary", d.summary());
        out.put("details", d.auditDetails());
        out.put("explanation", d.explanation());
        return MAPPER.writeValueAsString(out);
    }

    /** The one-line summary, then the details one {@code key: value} a line, as the CLI prints them. */
    public static String text(AuthorizationDecision d) {
        StringBuilder out = new StringBuilder(d.summary()).append('\n');
        d.auditDetails().forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        d.explanation().conditions().forEach(c -> out.append("  condition ").append(c.ruleId()).append(" (")
                .append(c.path()).append("): ").append(c.expression()).append(" -> ")
                .append(c.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .append(c.error() == null ? "" : ": " + c.error()).append('\n'));
        return out.toString();
    }

}

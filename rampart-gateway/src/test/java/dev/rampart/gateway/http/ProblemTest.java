package dev.rampart.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void leavesOutTheErrorsMemberWhenThereAreNone() {
        String json = new Problem(403, "ip-denied", "Denied.", "r1").toJson();

        assertThat(new JsonObject(json).containsKey("errors")).isFalse();
        assertThat(json).endsWith("\"request_id\":\"r1\"}");
    }

    @Test
    void writesErrorsWithTheirMembersInOrderAndEscapesClientChosenNames() {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("in", "body");
        first.put("pointer", "/<script>\"x");
        first.put("rule", "required");
        Map<String, String> second = Map.of("in", "query");

        String json = new Problem(400, "request-invalid", "2 violations.", "r2", List.of(first, second)).toJson();

        assertThat(json).contains("\"errors\":[{\"in\":\"body\",\"pointer\":\"/\\u003cscript\\u003e\\\"x\",\"rule\":\"required\"},"
                + "{\"in\":\"query\"}]").doesNotContain("<script>");
        JsonObject parsed = new JsonObject(json);
        assertThat(parsed.getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/<script>\"x");
        assertThat(parsed.getString("request_id")).isEqualTo("r2");
    }
}

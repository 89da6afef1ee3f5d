package dev.rampart.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ValidationProblemTest {

    private final RequestValidator validator = OrdersApi.validator(ValidationOptions.defaults().withStrictProperties(true));

    @Test
    void listsEveryViolationAsAnRfc9457Error() {
        ValidationResult result = validator.validate(OrdersApi.list("limit=500&status=lost").build());
        JsonNode problem = JsonMapper.builder().build().readTree(ValidationProblem.json(result, "req-42", "/v1/orders"));
        assertThat(problem.get("type").asString()).isEqualTo(ValidationProblem.TYPE);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("requestId").asString()).isEqualTo("req-42");
        assertThat(problem.get("errors")).hasSize(2);
        assertThat(problem.get("errors").get(0).get("rule").asString()).isEqualTo("enum");
        JsonNode limit = problem.get("errors").get(1);
        assertThat(limit.get("in").asString()).isEqualTo("query");
        assertThat(limit.get("name").asString()).isEqualTo("limit");
        assertThat(limit.get("rule").asString()).isEqualTo("maximum");
        assertThat(limit.get("expected").asString()).isEqualTo("100");
        assertThat(limit.get("detail").asString()).isEqualTo("must be at most 100");
    }

    @Test
    void neverEchoesTheRejectedValue() {
        String payload = "<script>alert(document.cookie)</script>";
        ValidationResult result = validator.validate(OrdersApi.list("status=" + payload.replace("&", "%26")).build());
        String json = ValidationProblem.json(result, "r", null);
        assertThat(json).doesNotContain("script").doesNotContain("alert");
    }

    @Test
    void escapesClientChosenPropertyNamesSoTheyCannotBecomeMarkup() {
        String body = OrdersApi.VALID_ORDER.replace("\"shipping\"", "\"<img src=x onerror=alert(1)>\": 1, \"shipping\"");
        ValidationResult result = validator.validate(OrdersApi.create(body).build());
        assertThat(result.violations()).extracting(Violation::rule).containsExactly("additionalProperties");
        String json = ValidationProblem.json(result, "r", null);
        assertThat(json).doesNotContain("<").doesNotContain(">").contains("\\u003cimg");
        JsonNode problem = JsonMapper.builder().build().readTree(json);
        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/<img src=x onerror=alert(1)>");
    }

    @Test
    void namesTheStatusInTheTitle() {
        ValidationResult unsupported = validator.validate(OrdersApi.create("{}").build());
        assertThat(unsupported.status()).isEqualTo(400);
        ValidationResult wrongType = validator.validate(ValidationRequest.builder("POST", "/v1/orders").header("X-Tenant", "acme")
                .header("Content-Type", "text/csv").body("a,b".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(ValidationProblem.json(wrongType, null, null)).contains("\"title\":\"Unsupported media type\"", "\"status\":415");
    }
}

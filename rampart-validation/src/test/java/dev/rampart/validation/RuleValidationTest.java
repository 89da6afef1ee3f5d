package dev.rampart.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rampart.core.config.ParameterRuleConfig;
import dev.rampart.core.config.ValidationConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleValidationTest {

    private static ParameterRuleConfig rule(boolean required, String type) {
        return new ParameterRuleConfig(required, type, null, null, null, null, null, null, null, null);
    }

    private static ValidationConfig config(Map<String, ParameterRuleConfig> query, Map<String, ParameterRuleConfig> path,
            Map<String, ParameterRuleConfig> headers, Map<String, ParameterRuleConfig> bodyFields, Map<String, Object> bodySchema,
            List<String> accept) {
        return new ValidationConfig(null, null, null, null, null, accept, query, path, headers, Map.of(), bodyFields, bodySchema,
                null, null, null);
    }

    private static final ValidationConfig SEARCH = config(
            Map.of("q", new ParameterRuleConfig(true, "string", 2, 50, null, null, null, null, null, null),
                    "page", new ParameterRuleConfig(false, "integer", null, null, BigDecimal.ONE, BigDecimal.valueOf(500), null, null, null, null),
                    "sort", new ParameterRuleConfig(false, "string", null, null, null, null, null, List.of("asc", "desc"), null, null),
                    "ids", new ParameterRuleConfig(false, "array", null, null, BigDecimal.ONE, null, null, null, null, "integer")),
            Map.of("userId", new ParameterRuleConfig(true, "string", null, null, null, null, "^[0-9a-f]{8}$", null, null, null)),
            Map.of("X-Request-Id", new ParameterRuleConfig(true, "string", null, null, null, null, null, null, "uuid", null)),
            Map.of("email", new ParameterRuleConfig(true, "string", null, 254, null, null, null, null, "email", null),
                    "age", new ParameterRuleConfig(false, "integer", null, null, BigDecimal.valueOf(13), BigDecimal.valueOf(130), null, null, null, null),
                    "plan", new ParameterRuleConfig(false, "string", null, null, null, null, null, List.of("free", "pro"), null, null)),
            null, List.of("application/json"));

    private final RequestValidator validator = RequestValidator.forRules(SEARCH, "routes[0].validate");

    private static ValidationRequest.Builder request(String query, String body) {
        ValidationRequest.Builder b = ValidationRequest.builder("POST", "/users/0a1b2c3d/search").rawQuery(query)
                .pathParams(Map.of("userId", "0a1b2c3d")).header("X-Request-Id", "6f1c1a52-3b5e-4c49-9d3e-2d8f7f0b6a11");
        if (body != null) {
            b.header("Content-Type", "application/json").body(body.getBytes(StandardCharsets.UTF_8));
        }
        return b;
    }

    @Test
    void passesARequestThatMeetsEveryRule() {
        assertThat(validator.validate(request("q=shoes&page=2&sort=asc&ids=1,2", "{\"email\":\"a@example.com\",\"age\":30,\"plan\":\"pro\"}")
                .build()).violations()).isEmpty();
    }

    @Test
    void appliesQueryRules() {
        ValidationResult result = validator.validate(request("page=0&sort=random&ids=1,0", "{\"email\":\"a@example.com\"}").build());
        assertThat(result.violations()).extracting(Violation::name, Violation::pointer, Violation::rule).containsExactlyInAnyOrder(
                tuple("q", "", "required"), tuple("page", "", "minimum"), tuple("sort", "", "enum"), tuple("ids", "/1", "minimum"));
        assertThat(validator.validate(request("q=a", "{\"email\":\"a@example.com\"}").build()).violations())
                .extracting(Violation::rule, Violation::expected).containsExactly(tuple("minLength", "2"));
    }

    @Test
    void acceptsArraysRepeatedOrCommaSeparated() {
        assertThat(validator.validate(request("q=shoes&ids=1&ids=2,3&ids=0", "{\"email\":\"a@example.com\"}").build()).violations())
                .extracting(Violation::pointer, Violation::rule).containsExactly(tuple("/3", "minimum"));
    }

    @Test
    void appliesPathAndHeaderRulesAndRequiresABodyWithRequiredFields() {
        ValidationRequest bad = ValidationRequest.builder("POST", "/users/ZZ/search").rawQuery("q=shoes").pathParams(Map.of("userId", "ZZ"))
                .header("X-Request-Id", "nope").build();
        assertThat(validator.validate(bad).violations()).extracting(Violation::in, Violation::name, Violation::rule)
                .containsExactlyInAnyOrder(tuple(Violation.In.path, "userId", "pattern"), tuple(Violation.In.header, "X-Request-Id", "format"),
                        tuple(Violation.In.body, null, "required"));
    }

    @Test
    void appliesTopLevelBodyFieldRules() {
        ValidationResult result = validator.validate(request("q=shoes", "{\"age\": 7, \"plan\": \"gold\"}").build());
        assertThat(result.violations()).extracting(Violation::pointer, Violation::rule).containsExactlyInAnyOrder(
                tuple("/email", "required"), tuple("/age", "minimum"), tuple("/plan", "enum"));
    }

    @Test
    void enforcesAcceptedMediaTypes() {
        ValidationResult result = validator.validate(request("q=shoes", null).header("Content-Type", "application/xml")
                .body("<a/>".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(result.status()).isEqualTo(415);
    }

    @Test
    void validatesAnInlineBodySchema() {
        Map<String, Object> schema = Map.of("type", "object", "required", List.of("name"),
                "properties", Map.of("name", Map.of("type", "string", "maxLength", 5)));
        RequestValidator inline = RequestValidator.forRules(config(Map.of(), Map.of(), Map.of(), Map.of(), schema, List.of()), "r");
        ValidationRequest.Builder post = ValidationRequest.builder("POST", "/x").header("Content-Type", "application/json");
        assertThat(inline.validate(post.body("{\"name\":\"bob\"}".getBytes(StandardCharsets.UTF_8)).build()).isValid()).isTrue();
        assertThat(inline.validate(post.body("{\"name\":\"robert\"}".getBytes(StandardCharsets.UTF_8)).build()).violations())
                .extracting(Violation::pointer, Violation::rule).containsExactly(tuple("/name", "maxLength"));
        assertThat(inline.validate(ValidationRequest.builder("POST", "/x").header("Content-Type", "text/plain")
                .body("x".getBytes(StandardCharsets.UTF_8)).build()).isValid()).as("no accept list: other media types pass").isTrue();
        ValidationResult twoTypes = inline.validate(post.header("Content-Type", "text/plain").body("{}".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(twoTypes.violations()).extracting(Violation::name, Violation::rule).containsExactly(tuple("Content-Type", "content-type"));
    }

    @Test
    void strictRulesRejectUndeclaredBodyFields() {
        ValidationConfig strict = new ValidationConfig(null, null, null, ValidationConfig.AdditionalProperties.strict, null, null,
                null, null, null, null, Map.of("email", rule(true, "string")), null, null, null, null);
        ValidationResult result = RequestValidator.forRules(strict, "r").validate(ValidationRequest.builder("POST", "/x")
                .header("Content-Type", "application/json").body("{\"email\":\"a\",\"isAdmin\":true}".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(result.violations()).extracting(Violation::pointer, Violation::rule).containsExactly(tuple("/isAdmin", "additionalProperties"));
    }

    @Test
    void explainsAnUnknownRuleTypeWithItsConfigPath() {
        ValidationConfig bad = config(Map.of("limit", rule(false, "int")), Map.of(), Map.of(), Map.of(), null, List.of());
        assertThatThrownBy(() -> RequestValidator.forRules(bad, "routes[3].validate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routes[3].validate.query.limit.type")
                .hasMessageContaining("[string, integer, number, boolean, array]");
    }

    @Test
    void fromConfigChoosesTheOpenApiDocumentWhenNamed() {
        ValidationConfig withDocument = new ValidationConfig("orders-openapi.yaml", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        RequestValidator fromDocument = RequestValidator.fromConfig(withDocument,
                OrdersApi.document("orders-openapi.yaml").getParent(), "routes[0].validate");
        assertThat(fromDocument.validate(ValidationRequest.builder("GET", "/v1/nothing").build()).status()).isEqualTo(404);
    }
}

package dev.rampart.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * OpenAPI {@code readOnly} / {@code writeOnly} on the orders API's {@code Account}, one schema for
 * the request of {@code POST /accounts} and its response.
 */
class ReadOnlyWriteOnlyTest {

    private static final String NEW_ACCOUNT = "{\"email\": \"ada@example.com\", \"password\": \"correct horse battery\"}";
    private static final String CREATED = "{\"id\": \"acc_1\", \"email\": \"ada@example.com\", \"role\": \"member\","
            + " \"createdAt\": \"2026-11-26T10:00:00Z\"}";

    private static final RequestValidator validator = OrdersApi.validator(ValidationOptions.defaults().withStrictProperties(true));

    private static ValidationRequest post(String json) {
        return ValidationRequest.builder("POST", "/v1/accounts").header("Content-Type", "application/json")
                .body(json.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static ValidationResponse created(String json) {
        return new ValidationResponse(201, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRequestNeedNotSendRequiredReadOnlyProperties() {
        assertThat(validator.validate(post(NEW_ACCOUNT)).violations()).isEmpty();
    }

    @Test
    void rejectsARequestThatSetsReadOnlyProperties() {
        // Mass assignment: a client choosing its own id, creation time or role.
        String assigning = "{\"id\": \"acc_admin\", \"email\": \"eve@example.com\", \"password\": \"correct horse battery\","
                + " \"role\": \"admin\", \"createdAt\": \"2000-01-01T00:00:00Z\"}";
        ValidationResult result = validator.validate(post(assigning));
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.violations()).extracting(Violation::in, Violation::pointer, Violation::rule, Violation::expected)
                .containsExactlyInAnyOrder(tuple(Violation.In.body, "/id", BodyRules.READ_ONLY, "absent"),
                        tuple(Violation.In.body, "/role", BodyRules.READ_ONLY, "absent"),
                        tuple(Violation.In.body, "/createdAt", BodyRules.READ_ONLY, "absent"));
    }

    @Test
    void stillRequiresPropertiesThatAreNotReadOnly() {
        ValidationResult result = validator.validate(post("{\"email\": \"ada@example.com\"}"));
        assertThat(result.violations()).extracting(Violation::pointer, Violation::rule).containsExactly(tuple("/password", "required"));
    }

    @Test
    void aResponseNeedNotCarryRequiredWriteOnlyProperties() {
        assertThat(validator.validateResponse(post(NEW_ACCOUNT), created(CREATED)).violations()).isEmpty();
    }

    @Test
    void aResponseThatCarriesAWriteOnlyPropertyBreaksTheContract() {
        String leaking = CREATED.replace("}", ", \"password\": \"correct horse battery\"}");
        ValidationResult result = validator.validateResponse(post(NEW_ACCOUNT), created(leaking));
        assertThat(result.status()).isEqualTo(502);
        assertThat(result.eventType()).isEqualTo(ValidationEvents.RESPONSE_VIOLATED);
        assertThat(result.violations()).extracting(Violation::in, Violation::pointer, Violation::rule)
                .containsExactly(tuple(Violation.In.response, "/password", BodyRules.WRITE_ONLY));
        assertThat(ValidationProblem.json(result, "req-1", "/v1/accounts")).doesNotContain("correct horse");
    }

    @Test
    void aResponseMustStillCarryRequiredReadOnlyProperties() {
        ValidationResult result = validator.validateResponse(post(NEW_ACCOUNT), created("{\"email\": \"ada@example.com\"}"));
        assertThat(result.violations()).extracting(Violation::pointer, Violation::rule)
                .containsExactlyInAnyOrder(tuple("/id", "required"), tuple("/createdAt", "required"));
    }

    @Test
    void appliesReadOnlyInOpenApi30DocumentsToo() {
        RequestValidator v30 = RequestValidator.forOpenApi(OrdersApi.document("orders-openapi-3.0.json"), ValidationOptions.defaults());
        ValidationResult result = v30.validate(ValidationRequest.builder("PATCH", "/orders/ord1").header("Content-Type", "application/json")
                .body("{\"note\": \"gift\", \"updatedAt\": \"2026-11-26T10:00:00Z\"}".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(result.violations()).extracting(Violation::pointer, Violation::rule).containsExactly(tuple("/updatedAt", BodyRules.READ_ONLY));
    }
}

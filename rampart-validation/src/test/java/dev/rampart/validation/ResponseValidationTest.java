package dev.rampart.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseValidationTest {

    private static final String ORDER = """
            {"id": "ord_AB12cd34", "status": "pending", "createdAt": "2026-11-26T10:00:00Z",
             "customer": {"email": "ada@example.com"}, "items": [{"sku": "BOOK-0001", "quantity": 1}]}""";

    private final ValidationRequest create = OrdersApi.create(OrdersApi.VALID_ORDER).build();

    private static ValidationResponse json(int status, String body) {
        return new ValidationResponse(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void passesAResponseThatKeepsTheContract() {
        RequestValidator strict = OrdersApi.validator(ValidationOptions.defaults().withStrictProperties(true));
        assertThat(strict.validateResponse(create, json(201, ORDER)).violations()).isEmpty();
    }

    @Test
    void strictModeCatchesFieldsAnUpstreamLeaksThroughComposedSchemas() {
        String leaking = ORDER.replace("\"status\": \"pending\",", "\"status\": \"pending\", \"internalCost\": 3.2,")
                .replace("\"email\": \"ada@example.com\"", "\"email\": \"ada@example.com\", \"passwordHash\": \"x\"");
        RequestValidator strict = OrdersApi.validator(ValidationOptions.defaults().withStrictProperties(true));
        ValidationResult result = strict.validateResponse(create, json(201, leaking));
        assertThat(result.status()).isEqualTo(502);
        assertThat(result.code()).isEqualTo("response-invalid");
        assertThat(result.eventType()).isEqualTo(ValidationEvents.RESPONSE_VIOLATED);
        assertThat(result.violations()).extracting(Violation::in, Violation::pointer)
                .containsExactlyInAnyOrder(tuple(Violation.In.response, "/internalCost"), tuple(Violation.In.response, "/customer/passwordHash"));
    }

    @Test
    void reportsSchemaViolationsInTheResponseBody() {
        ValidationResult result = OrdersApi.validator(ValidationOptions.defaults())
                .validateResponse(create, json(201, ORDER.replace("pending", "lost")));
        assertThat(result.violations()).extracting(Violation::pointer, Violation::rule).containsExactly(tuple("/status", "enum"));
    }

    @Test
    void reportsUndeclaredStatusAndMediaType() {
        RequestValidator validator = OrdersApi.validator(ValidationOptions.defaults());
        ValidationResult status = validator.validateResponse(create, json(500, "{}"));
        assertThat(status.violations()).extracting(Violation::rule, Violation::expected).containsExactly(tuple("status", "201, 4XX"));

        ValidationResult range = validator.validateResponse(create,
                new ValidationResponse(409, "application/problem+json", "{\"title\":\"conflict\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(range.isValid()).isTrue();

        ValidationResult html = validator.validateResponse(create,
                new ValidationResponse(201, "text/html", "<h1>oops</h1>".getBytes(StandardCharsets.UTF_8)));
        assertThat(html.violations()).extracting(Violation::rule).containsExactly("content-type");
    }

    @Test
    void ignoresResponsesToRequestsNoOperationDescribes() {
        ValidationRequest unknown = ValidationRequest.builder("GET", "/v1/invoices").build();
        assertThat(OrdersApi.validator(ValidationOptions.defaults()).validateResponse(unknown, json(200, "{}")).isValid()).isTrue();
    }
}

package dev.rampart.validation;

import static dev.rampart.validation.OrdersApi.create;
import static dev.rampart.validation.OrdersApi.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiRequestValidationTest {

    private final RequestValidator validator = OrdersApi.validator(ValidationOptions.defaults());

    private static Violation only(ValidationResult result) {
        assertThat(result.violations()).hasSize(1);
        return result.violations().get(0);
    }

    @Test
    void passesValidTrafficForEveryOperation() {
        assertThat(validator.validate(list("status=shipped&limit=20&tag=gift&tag=red&ids=1,2,3&since=2026-11-01T10:00:00Z")
                .build()).violations()).isEmpty();
        assertThat(validator.validate(create(OrdersApi.VALID_ORDER)
                .header("Idempotency-Key", "6f1c1a52-3b5e-4c49-9d3e-2d8f7f0b6a11").rawQuery("dryRun=true").build())
                .violations()).isEmpty();
        assertThat(validator.validate(ValidationRequest.builder("GET", "/v1/orders/ord_AB12cd34").build()).isValid()).isTrue();
        assertThat(validator.validate(ValidationRequest.builder("HEAD", "/v1/orders/ord_AB12cd34").build()).isValid()).isTrue();
        assertThat(validator.validate(ValidationRequest.builder("DELETE", "/v1/orders/ord_AB12cd34").build()).isValid()).isTrue();
        assertThat(validator.validate(ValidationRequest.builder("GET", "/v1/orders/ord_AB12cd34/lines/3")
                .rawQuery("fields=sku|quantity").build()).violations()).isEmpty();
        assertThat(validator.validate(ValidationRequest.builder("POST", "/v1/imports")
                .header("Content-Type", "application/xml").body("<orders><order id=\"1\"/></orders>".getBytes(StandardCharsets.UTF_8))
                .build()).violations()).isEmpty();
    }

    @Test
    void prefersLiteralPathOverTemplate() {
        // /orders/mine would fail the orderId pattern if it were matched as /orders/{orderId}.
        assertThat(validator.validate(ValidationRequest.builder("GET", "/v1/orders/mine").build()).isValid()).isTrue();
    }

    @Test
    void rejectsUnknownPathWith404AndOtherMethodWith405() {
        ValidationResult unknown = validator.validate(ValidationRequest.builder("GET", "/v1/invoices").build());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("unknown-operation");
        assertThat(only(unknown).rule()).isEqualTo(BodyRules.UNKNOWN_PATH);

        ValidationRequest put = ValidationRequest.builder("PUT", "/v1/orders/ord_AB12cd34").build();
        ValidationResult wrongMethod = validator.validate(put);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(only(wrongMethod).expected()).isEqualTo("DELETE, GET");
        assertThat(validator.allowedMethods(put)).containsExactly("DELETE", "GET");
    }

    @Test
    void rejectsPathsOutsideTheServerBasePath() {
        assertThat(validator.validate(ValidationRequest.builder("GET", "/orders/mine").build()).status()).isEqualTo(404);
        assertThat(validator.validate(ValidationRequest.builder("GET", "/v10/orders/mine").build()).status()).isEqualTo(404);
    }

    @Test
    void passesUnknownOperationsWhenConfiguredTo() {
        RequestValidator lenient = OrdersApi.validator(ValidationOptions.defaults().withRejectUnknownOperations(false));
        assertThat(lenient.validate(ValidationRequest.builder("GET", "/v1/invoices").build()).isValid()).isTrue();
        assertThat(lenient.validate(ValidationRequest.builder("PUT", "/v1/orders/ord_AB12cd34").build()).isValid()).isTrue();
        // Passing is not a way around the body limits, which hold for every JSON body.
        ValidationResult bomb = lenient.validate(ValidationRequest.builder("POST", "/v1/invoices").header("Content-Type", "application/json")
                .body("[".repeat(1000).getBytes(StandardCharsets.UTF_8)).build());
        assertThat(only(bomb).rule()).isEqualTo(BodyRules.MAX_DEPTH);
    }

    @Test
    void checksQueryEnumRangeAndType() {
        Violation badEnum = only(validator.validate(list("status=lost").build()));
        assertThat(badEnum).extracting(Violation::in, Violation::name, Violation::rule, Violation::expected)
                .containsExactly(Violation.In.query, "status", "enum", "[pending, shipped, cancelled]");

        assertThat(only(validator.validate(list("limit=0").build())).rule()).isEqualTo("minimum");
        Violation tooHigh = only(validator.validate(list("limit=101").build()));
        assertThat(tooHigh.rule()).isEqualTo("maximum");
        assertThat(tooHigh.expected()).isEqualTo("100");
        Violation notInteger = only(validator.validate(list("limit=ten").build()));
        assertThat(notInteger.rule()).isEqualTo("type");
        assertThat(notInteger.expected()).isEqualTo("integer");
        assertThat(only(validator.validate(list("since=yesterday").build())).rule()).isEqualTo("format");
    }

    @Test
    void decodesFormArraysRepeatedOrCommaSeparated() {
        Violation badItem = only(validator.validate(list("tag=gift&tag=NOT_LOWER").build()));
        assertThat(badItem.name()).isEqualTo("tag");
        assertThat(badItem.pointer()).isEqualTo("/1");
        assertThat(badItem.rule()).isEqualTo("pattern");
        assertThat(only(validator.validate(list("tag=a&tag=b&tag=c&tag=d").build())).rule()).isEqualTo("maxItems");

        Violation notInteger = only(validator.validate(list("ids=1,2,x").build()));
        assertThat(notInteger).extracting(Violation::name, Violation::pointer, Violation::rule)
                .containsExactly("ids", "/2", "type");
    }

    @Test
    void decodesPipeDelimitedArraysAndIntegerPathParameters() {
        Violation badField = only(validator.validate(ValidationRequest.builder("GET", "/v1/orders/ord_AB12cd34/lines/3")
                .rawQuery("fields=sku|secret").build()));
        assertThat(badField).extracting(Violation::name, Violation::pointer, Violation::rule).containsExactly("fields", "/1", "enum");

        Violation badLine = only(validator.validate(ValidationRequest.builder("GET", "/v1/orders/ord_AB12cd34/lines/0").build()));
        assertThat(badLine).extracting(Violation::in, Violation::name, Violation::rule).containsExactly(Violation.In.path, "line", "minimum");
    }

    @Test
    void checksPathParameterPatternAfterPercentDecoding() {
        Violation v = only(validator.validate(ValidationRequest.builder("GET", "/v1/orders/ord_%2e%2e%2fadmin").build()));
        assertThat(v).extracting(Violation::in, Violation::name, Violation::rule, Violation::expected)
                .containsExactly(Violation.In.path, "orderId", "pattern", "^ord_[A-Za-z0-9]{8}$");
    }

    @Test
    void checksHeadersRequiredPatternAndFormat() {
        ValidationRequest noTenant = ValidationRequest.builder("GET", "/v1/orders").header("Cookie", "session=" + OrdersApi.SESSION).build();
        assertThat(only(validator.validate(noTenant))).extracting(Violation::in, Violation::name, Violation::rule)
                .containsExactly(Violation.In.header, "X-Tenant", "required");

        ValidationRequest badTenant = ValidationRequest.builder("GET", "/v1/orders").header("x-tenant", "ACME!")
                .header("Cookie", "session=" + OrdersApi.SESSION).build();
        assertThat(only(validator.validate(badTenant)).rule()).isEqualTo("pattern");

        Violation badKey = only(validator.validate(create(OrdersApi.VALID_ORDER).header("Idempotency-Key", "not-a-uuid").build()));
        assertThat(badKey).extracting(Violation::name, Violation::rule, Violation::expected).containsExactly("Idempotency-Key", "format", "uuid");
    }

    @Test
    void checksCookiesRequiredAndLength() {
        ValidationRequest noCookie = ValidationRequest.builder("GET", "/v1/orders").header("X-Tenant", OrdersApi.TENANT).build();
        assertThat(only(validator.validate(noCookie))).extracting(Violation::in, Violation::name, Violation::rule)
                .containsExactly(Violation.In.cookie, "session", "required");
        ValidationRequest shortCookie = ValidationRequest.builder("GET", "/v1/orders").header("X-Tenant", OrdersApi.TENANT)
                .header("Cookie", "session=short").build();
        assertThat(only(validator.validate(shortCookie))).extracting(Violation::rule, Violation::expected).containsExactly("minLength", "16");
    }

    @Test
    void checksBooleanQueryParameters() {
        assertThat(only(validator.validate(create(OrdersApi.VALID_ORDER).rawQuery("dryRun=yes").build())).rule()).isEqualTo("type");
    }

    @Test
    void rejectsUndeclaredMediaTypeWith415() {
        ValidationResult result = validator.validate(ValidationRequest.builder("POST", "/v1/orders").header("X-Tenant", OrdersApi.TENANT)
                .header("Content-Type", "text/plain").body("hello".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(result.status()).isEqualTo(415);
        assertThat(result.code()).isEqualTo("unsupported-media-type");
        assertThat(only(result)).extracting(Violation::rule, Violation::expected).containsExactly("content-type", "application/json");
    }

    @Test
    void rejectsMissingRequiredBody() {
        ValidationResult result = validator.validate(ValidationRequest.builder("POST", "/v1/orders").header("X-Tenant", OrdersApi.TENANT).build());
        assertThat(only(result)).extracting(Violation::in, Violation::rule).containsExactly(Violation.In.body, "required");
    }

    @Test
    void reportsEveryBodyViolationWithItsPointer() {
        String body = """
                {"customer": {"name": "", "address": {"city": "Paris", "country": "france"}},
                 "items": [{"sku": "ok-lower", "quantity": 1000, "unitPrice": 0}, {"quantity": "2"}],
                 "note": "%s", "shipping": "drone", "deliverOn": "tomorrow", "metadata": {"k": 1}}
                """.formatted("x".repeat(201));
        ValidationResult result = validator.validate(create(body).build());
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.violations()).extracting(v -> v.pointer() + " " + v.rule()).contains(
                "/customer/email required",
                "/customer/name minLength",
                "/customer/address/country pattern",
                "/items/0/sku pattern",
                "/items/0/quantity maximum",
                "/items/0/unitPrice exclusiveMinimum",
                "/items/1/sku required",
                "/items/1/quantity type",
                "/note maxLength",
                "/shipping enum",
                "/deliverOn format",
                "/metadata/k type");
        assertThat(result.violations()).allMatch(v -> v.in() == Violation.In.body);
    }

    @Test
    void checksArraySizeAndMultipleOf() {
        assertThat(only(validator.validate(create("""
                {"customer": {"email": "a@example.com"}, "items": []}""").build()))).extracting(Violation::pointer, Violation::rule)
                .containsExactly("/items", "minItems");
        assertThat(only(validator.validate(create("""
                {"customer": {"email": "a@example.com"}, "items": [{"sku": "ABCD", "quantity": 1, "unitPrice": 1.005}]}""")
                .build()))).extracting(Violation::pointer, Violation::rule).containsExactly("/items/0/unitPrice", "multipleOf");
    }

    @Test
    void strictModeRejectsUndeclaredPropertiesAtAnyDepth() {
        String body = """
                {"customer": {"email": "a@example.com", "isAdmin": true,
                              "address": {"city": "Oslo", "country": "NO", "geo": {"lat": 1}}},
                 "items": [{"sku": "ABCD", "quantity": 1, "discount": 100}],
                 "role": "admin", "metadata": {"anything": "goes"}}
                """;
        assertThat(validator.validate(create(body).build()).isValid()).isTrue();

        RequestValidator strict = OrdersApi.validator(ValidationOptions.defaults().withStrictProperties(true));
        ValidationResult result = strict.validate(create(body).build());
        assertThat(result.violations()).extracting(Violation::pointer).containsExactlyInAnyOrder(
                "/customer/isAdmin", "/customer/address/geo", "/items/0/discount", "/role");
        assertThat(result.violations()).allMatch(v -> v.rule().equals("additionalProperties"));
        // The free-form metadata map declares additionalProperties itself: strict mode honours it.
        assertThat(result.violations()).noneMatch(v -> v.pointer().startsWith("/metadata"));

        // The document was not edited in place: a non-strict validator built afterwards still passes it.
        assertThat(OrdersApi.validator(ValidationOptions.defaults()).validate(create(body).build()).isValid()).isTrue();
    }

    @Test
    void strictModePassesValidTraffic() {
        RequestValidator strict = OrdersApi.validator(ValidationOptions.defaults().withStrictProperties(true));
        assertThat(strict.validate(create(OrdersApi.VALID_ORDER).build()).violations()).isEmpty();
    }

    @Test
    void explicitBasePathOverridesTheServerUrl() {
        RequestValidator mounted = OrdersApi.validator(ValidationOptions.defaults().withBasePath("/api/orders-service"));
        assertThat(mounted.validate(ValidationRequest.builder("GET", "/api/orders-service/orders/mine").build()).isValid()).isTrue();
        assertThat(mounted.validate(ValidationRequest.builder("GET", "/v1/orders/mine").build()).status()).isEqualTo(404);
    }

    @Test
    void readsOpenApi30NullableAndBooleanExclusiveMinimum() {
        RequestValidator v30 = RequestValidator.forOpenApi(OrdersApi.document("orders-openapi-3.0.json"), ValidationOptions.defaults());
        ValidationRequest.Builder patch = ValidationRequest.builder("PATCH", "/orders/ord1").header("Content-Type", "application/json");
        assertThat(v30.validate(patch.body("{\"note\": null, \"discount\": 10}".getBytes(StandardCharsets.UTF_8)).build())
                .violations()).isEmpty();
        ValidationResult zero = v30.validate(patch.body("{\"discount\": 0}".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(only(zero)).extracting(Violation::pointer, Violation::rule).containsExactly("/discount", "minimum");
        assertThat(only(v30.validate(ValidationRequest.builder("PATCH", "/orders/o1").header("Content-Type", "application/json")
                .body("{}".getBytes(StandardCharsets.UTF_8)).build()))).extracting(Violation::name, Violation::rule)
                .containsExactly("orderId", "minLength");
    }

    @Test
    void refusesDocumentsItCannotRead(@TempDir Path dir) throws Exception {
        Path swagger2 = Files.writeString(dir.resolve("old.yaml"), "swagger: '2.0'\npaths: {}\n");
        assertThatThrownBy(() -> RequestValidator.forOpenApi(swagger2, ValidationOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.0.x and 3.1.x");
        Path remote = Files.writeString(dir.resolve("remote.yaml"), """
                openapi: 3.1.0
                paths:
                  /a:
                    get:
                      parameters:
                        - $ref: 'https://example.com/params.yaml#/Limit'
                """);
        assertThatThrownBy(() -> RequestValidator.forOpenApi(remote, ValidationOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/paths/~1a/get/parameters/0")
                .hasMessageContaining("only local references");
    }
}

package dev.rampart.validation;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The sample orders API of the tests and requests that fit it. */
final class OrdersApi {

    static final String TENANT = "acme-eu";
    static final String SESSION = "s3ss10n-0123456789abcdef";

    static final String VALID_ORDER = """
            {"customer": {"email": "ada@example.com", "name": "Ada",
                          "address": {"street": "1 Main St", "city": "London", "country": "GB"}},
             "items": [{"sku": "BOOK-0001", "quantity": 2, "unitPrice": 12.5},
                       {"sku": "PEN-42", "quantity": 10}],
             "note": null, "shipping": "express", "deliverOn": "2026-12-01",
             "metadata": {"channel": "web"}}
            """;

    private OrdersApi() {
    }

    static Path document(String name) {
        try {
            return Path.of(OrdersApi.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static RequestValidator validator(ValidationOptions options) {
        return RequestValidator.forOpenApi(document("orders-openapi.yaml"), options);
    }

    /** A GET /v1/orders with the required tenant header and session cookie. */
    static ValidationRequest.Builder list(String rawQuery) {
        return ValidationRequest.builder("GET", "/v1/orders").rawQuery(rawQuery)
                .header("X-Tenant", TENANT).header("Cookie", "session=" + SESSION + "; theme=dark");
    }

    /** A POST /v1/orders with {@code json} as body. */
    static ValidationRequest.Builder create(String json) {
        return ValidationRequest.builder("POST", "/v1/orders").header("X-Tenant", TENANT)
                .header("Content-Type", "application/json; charset=utf-8")
                .body(json.getBytes(StandardCharsets.UTF_8));
    }
}

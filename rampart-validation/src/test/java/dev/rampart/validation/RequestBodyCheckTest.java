package dev.rampart.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.JsonLimitsConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodyCheckTest {

    private final RequestValidator validator = OrdersApi.validator(ValidationOptions.defaults()
            .withJsonLimits(new JsonLimitsConfig(8, 64, 100, DataSize.ofKilobytes(4), DataSize.ofKilobytes(64))));

    /** The head of a POST /v1/orders: no body yet. */
    private static ValidationRequest head(String contentType) {
        return ValidationRequest.builder("POST", "/v1/orders").header("X-Tenant", OrdersApi.TENANT)
                .header("Content-Type", contentType).build();
    }

    /** Feeds {@code body} in pieces of {@code piece} bytes; the first refusal, or what finish says. */
    private static ValidationResult feedInPieces(RequestBodyCheck check, byte[] body, int piece) {
        for (int i = 0; i < body.length; i += piece) {
            ValidationResult refused = check.feed(body, i, Math.min(piece, body.length - i));
            if (refused != null) {
                return refused;
            }
        }
        return check.finish();
    }

    @Test
    void acceptsAValidOrderFedByteByByteAndChecksItsSchemaOnce() {
        RequestBodyCheck check = validator.bodyCheck(head("application/json"));
        byte[] order = OrdersApi.VALID_ORDER.getBytes(StandardCharsets.UTF_8);
        assertThat(feedInPieces(check, order, 1).isValid()).isTrue();
        assertThat(check.bytesRead()).isEqualTo(order.length);
    }

    @Test
    void refusesADepthBombOnTheChunkThatOpensIt() {
        RequestBodyCheck check = validator.bodyCheck(head("application/json"));
        byte[] bomb = "{\"customer\":[[[[[[[[[[".getBytes(StandardCharsets.UTF_8);
        ValidationResult refused = check.feed(bomb, 0, bomb.length);
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.violations()).extracting(Violation::rule).containsExactly(BodyRules.MAX_DEPTH);
        assertThat(check.feed(bomb, 0, bomb.length)).isSameAs(refused);
        assertThat(check.finish()).isSameAs(refused);
    }

    @Test
    void reportsWhatTheWholeRequestCheckReportsForTheSameBody() {
        String wrong = "{\"customer\":{\"email\":\"not-an-email\"},\"items\":[],\"shipping\":\"teleport\"}";
        ValidationResult streamed = feedInPieces(validator.bodyCheck(head("application/json")),
                wrong.getBytes(StandardCharsets.UTF_8), 7);
        ValidationResult whole = validator.validate(OrdersApi.create(wrong).build());
        assertThat(streamed.violations()).isNotEmpty().isEqualTo(whole.violations());
        assertThat(streamed.status()).isEqualTo(whole.status());
    }

    @Test
    void answers413OnTheChunkThatPassesTheSizeLimit() {
        RequestBodyCheck check = validator.bodyCheck(head("application/json"));
        byte[] padding = " ".repeat(40 * 1024).getBytes(StandardCharsets.UTF_8);
        assertThat(check.feed("[".getBytes(StandardCharsets.UTF_8), 0, 1)).isNull();
        assertThat(check.feed(padding, 0, padding.length)).isNull();
        ValidationResult refused = check.feed(padding, 0, padding.length);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.violations()).extracting(Violation::rule).containsExactly(BodyRules.MAX_SIZE);
    }

    @Test
    void hasNothingToCheckForAnUnacceptedOrUnparsedMediaType() {
        assertThat(validator.bodyCheck(head("text/plain"))).isNull();
        assertThat(validator.bodyCheck(ValidationRequest.builder("POST", "/v1/orders").build())).isNull();
    }
}

package dev.rampart.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.JsonLimitsConfig;
import dev.rampart.core.config.MultipartLimitsConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyLimitsInRequestsTest {

    private final RequestValidator validator = OrdersApi.validator(ValidationOptions.defaults()
            .withJsonLimits(new JsonLimitsConfig(8, 64, 100, DataSize.ofKilobytes(4), DataSize.ofKilobytes(64)))
            .withMultipartLimits(new MultipartLimitsConfig(2, DataSize.ofKilobytes(2), DataSize.ofKilobytes(16), List.of())));

    @Test
    void refusesAJsonBombBeforeTheSchemaSeesIt() {
        String bomb = "{\"customer\":" + "[".repeat(50) + "]".repeat(50) + "}";
        ValidationResult result = validator.validate(OrdersApi.create(bomb).build());
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.violations()).extracting(Violation::rule).containsExactly(BodyRules.MAX_DEPTH);
        assertThat(result.eventType()).isEqualTo(ValidationEvents.BODY_LIMIT_EXCEEDED);
        assertThat(result.eventDetails()).containsEntry("rule", BodyRules.MAX_DEPTH).containsEntry("violations", "1")
                .containsKey("location");
    }

    @Test
    void answers413ForAStreamedBodyOverTheSizeLimit() {
        byte[] huge = ("{\"note\":\"" + "x".repeat(3000) + "\"," + " ".repeat(70_000) + "}").getBytes(StandardCharsets.UTF_8);
        ValidationRequest request = ValidationRequest.builder("POST", "/v1/orders").header("X-Tenant", OrdersApi.TENANT)
                .header("Content-Type", "application/json").body(() -> new ByteArrayInputStream(huge)).build();
        ValidationResult result = validator.validate(request);
        assertThat(result.status()).isEqualTo(413);
        assertThat(result.code()).isEqualTo("body-too-large");
    }

    @Test
    void validatesAStreamedBodyLikeABufferedOne() {
        ValidationRequest request = ValidationRequest.builder("POST", "/v1/orders").header("X-Tenant", OrdersApi.TENANT)
                .header("Content-Type", "application/json")
                .body(() -> new ByteArrayInputStream(OrdersApi.VALID_ORDER.getBytes(StandardCharsets.UTF_8))).build();
        assertThat(validator.validate(request).violations()).isEmpty();
    }

    @Test
    void refusesXxeInAnXmlImport() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE o [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><o>&x;</o>";
        ValidationResult result = validator.validate(ValidationRequest.builder("POST", "/v1/imports").header("Content-Type", "text/xml")
                .body(xxe.getBytes(StandardCharsets.UTF_8)).build());
        // text/xml is not the declared application/xml: refused before the body is parsed at all.
        assertThat(result.status()).isEqualTo(415);
        ValidationResult declared = validator.validate(ValidationRequest.builder("POST", "/v1/imports")
                .header("Content-Type", "application/xml").body(xxe.getBytes(StandardCharsets.UTF_8)).build());
        assertThat(declared.violations()).extracting(Violation::rule).containsExactly(BodyRules.DTD);
        assertThat(declared.eventType()).isEqualTo(ValidationEvents.BODY_LIMIT_EXCEEDED);
    }

    @Test
    void refusesOversizedMultipartUploadsWith413() {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n"
                + "x".repeat(4096) + "\r\n--" + boundary + "--\r\n";
        ValidationRequest upload = ValidationRequest.builder("POST", "/v1/uploads")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).body(() -> stream(body)).build();
        ValidationResult result = validator.validate(upload);
        assertThat(result.status()).isEqualTo(413);
        assertThat(result.violations()).extracting(Violation::rule).containsExactly(BodyRules.MAX_PART_SIZE);
    }

    @Test
    void acceptsAMultipartUploadWithinLimits() {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n" + "x".repeat(100) + "\r\n--" + boundary + "--\r\n";
        assertThat(validator.validate(ValidationRequest.builder("POST", "/v1/uploads")
                .header("Content-Type", "multipart/form-data; boundary=\"" + boundary + "\"").body(() -> stream(body)).build())
                .violations()).isEmpty();
    }

    private static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1));
    }
}

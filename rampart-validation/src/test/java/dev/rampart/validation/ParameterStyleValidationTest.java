package dev.rampart.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object and array parameters in each OpenAPI serialization style, and a content-encoded JSON
 * parameter, against {@code /orders/search}, {@code /shipments/{ids}} and
 * {@code /depots/{depot}/{position}} of the sample orders API.
 */
class ParameterStyleValidationTest {

    private static final RequestValidator validator = OrdersApi.validator(ValidationOptions.defaults());

    private static ValidationRequest.Builder search(String rawQuery) {
        return ValidationRequest.builder("GET", "/v1/orders/search").rawQuery(rawQuery);
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The one violation of {@code request}: where (in, name, pointer), the rule and what it expects. */
    private static Tuple violation(ValidationRequest request) {
        ValidationResult result = validator.validate(request);
        assertThat(result.violations()).hasSize(1);
        assertThat(result.status()).isEqualTo(400);
        Violation v = result.violations().get(0);
        return tuple(v.in(), v.name(), v.pointer(), v.rule(), v.expected());
    }

    private static Tuple at(Violation.In in, String name, String pointer, String rule, String expected) {
        return tuple(in, name, pointer, rule, expected);
    }

    @Test
    void passesEveryStyleWrittenAsDeclared() {
        String query = "filter[status]=shipped&filter%5Blimit%5D=5&filter[total][min]=10.5"
                + "&color=R,100,G,200,B,0&cursor=abc123&size=20&skus=BOOK-0001%20PEN-42"
                + "&where=" + encoded("{\"field\": \"status\", \"equals\": \"shipped\"}");
        assertThat(validator.validate(search(query).header("X-Sort", "by,total,desc,true")
                .header("X-Range", "from=0,to=10").build()).violations()).isEmpty();
        assertThat(validator.validate(ValidationRequest.builder("GET", "/v1/shipments/.3.4.5").build()).violations()).isEmpty();
        assertThat(validator.validate(ValidationRequest.builder("GET", "/v1/depots/;code=LON;bay=4/lat,51.5,lon,-0.12").build())
                .violations()).isEmpty();
    }

    @Test
    void checksEachDeepObjectPropertyAgainstItsSchema() {
        assertThat(violation(search("filter[limit]=500").build()))
                .isEqualTo(at(Violation.In.query, "filter", "/limit", "maximum", "100"));
        assertThat(violation(search("filter[limit]=five").build()))
                .isEqualTo(at(Violation.In.query, "filter", "/limit", "type", "integer"));
        assertThat(violation(search("filter[status]=lost").build()))
                .isEqualTo(at(Violation.In.query, "filter", "/status", "enum", "[pending, shipped, cancelled]"));
        assertThat(violation(search("filter[total][min]=-1").build()))
                .isEqualTo(at(Violation.In.query, "filter", "/total/min", "minimum", "0"));
        assertThat(violation(search("filter[owner]=mallory").build()))
                .isEqualTo(at(Violation.In.query, "filter", "/owner", "additionalProperties", "a declared property"));
        assertThat(validator.validate(search("filter[limit]=500").build()).violations().get(0).location())
                .isEqualTo("query filter/limit");
    }

    @Test
    void rejectsDeepObjectKeysThatAreNotWellFormed() {
        for (String query : new String[] {"filter[status=open", "filter[]=x", "filter[a]x=1", "filter[total]=5&filter[total][min]=1",
                "filter" + "[a]".repeat(9) + "=1"}) {
            assertThat(violation(search(query).build())).as(query)
                    .extracting(t -> t.toList().get(1), t -> t.toList().get(3)).containsExactly("filter", "style");
        }
    }

    @Test
    void checksFormObjectsJoinedAndExploded() {
        assertThat(violation(search("color=R,300,G,200").build()))
                .isEqualTo(at(Violation.In.query, "color", "/R", "maximum", "255"));
        assertThat(violation(search("color=R,100,G").build()))
                .isEqualTo(at(Violation.In.query, "color", "", "style", "form: property,value,property,value"));
        // explode: true (the form default): the object's properties are query names of their own
        assertThat(violation(search("cursor=abc&size=99").build()))
                .isEqualTo(at(Violation.In.query, "page", "/size", "maximum", "50"));
        assertThat(violation(search("cursor=" + encoded("<script>")).build()))
                .isEqualTo(at(Violation.In.query, "page", "/cursor", "pattern", "^[A-Za-z0-9]{1,32}$"));
    }

    @Test
    void splitsSpaceDelimitedArrays() {
        assertThat(violation(search("skus=BOOK-0001%20pen").build()))
                .isEqualTo(at(Violation.In.query, "skus", "/1", "pattern", "^[A-Z0-9-]{4,20}$"));
    }

    @Test
    void parsesAndChecksContentEncodedJsonParameters() {
        assertThat(violation(search("where=" + encoded("{\"field\": \"price\"}")).build()))
                .isEqualTo(at(Violation.In.query, "where", "/field", "enum", "[status, createdAt]"));
        assertThat(violation(search("where=" + encoded("{\"equals\": \"x\"}")).build()))
                .isEqualTo(at(Violation.In.query, "where", "/field", "required", "present"));
        Violation badJson = validator.validate(search("where=" + encoded("{\"field\": ")).build()).violations().get(0);
        assertThat(badJson).extracting(Violation::in, Violation::name, Violation::rule, Violation::expected)
                .containsExactly(Violation.In.query, "where", BodyRules.SYNTAX, "JSON (RFC 8259)");
        assertThat(badJson.detail()).doesNotContain("field");
    }

    @Test
    void checksHeaderObjectsJoinedAndExploded() {
        assertThat(violation(search("").header("X-Sort", "by,price").build()))
                .isEqualTo(at(Violation.In.header, "X-Sort", "/by", "enum", "[createdAt, total]"));
        assertThat(violation(search("").header("X-Sort", "by,total,desc,maybe").build()))
                .isEqualTo(at(Violation.In.header, "X-Sort", "/desc", "type", "boolean"));
        assertThat(violation(search("").header("X-Range", "from=-1,to=10").build()))
                .isEqualTo(at(Violation.In.header, "X-Range", "/from", "minimum", "0"));
        assertThat(violation(search("").header("X-Range", "from").build()))
                .isEqualTo(at(Violation.In.header, "X-Range", "", "style", "simple, exploded: property=value,property=value"));
        // Two header lines are one comma-separated list (RFC 9110 §5.3).
        assertThat(violation(search("").header("X-Range", "from=1").header("X-Range", "to=-2").build()))
                .isEqualTo(at(Violation.In.header, "X-Range", "/to", "minimum", "0"));
    }

    @Test
    void decodesLabelArraysInThePath() {
        assertThat(violation(ValidationRequest.builder("GET", "/v1/shipments/.3.x").build()))
                .isEqualTo(at(Violation.In.path, "ids", "/1", "type", "integer"));
        assertThat(violation(ValidationRequest.builder("GET", "/v1/shipments/.1.2.3.4").build()))
                .isEqualTo(at(Violation.In.path, "ids", "", "maxItems", "3"));
        assertThat(violation(ValidationRequest.builder("GET", "/v1/shipments/3,4").build()))
                .isEqualTo(at(Violation.In.path, "ids", "", "style", "label: .value"));
    }

    @Test
    void decodesMatrixAndSimpleObjectsInThePath() {
        ValidationResult depot = validator.validate(ValidationRequest.builder("GET", "/v1/depots/;code=lon;bay=0/lat,51.5,lon,0").build());
        assertThat(depot.violations()).extracting(Violation::in, Violation::name, Violation::pointer, Violation::rule)
                .containsExactlyInAnyOrder(tuple(Violation.In.path, "depot", "/code", "pattern"),
                        tuple(Violation.In.path, "depot", "/bay", "minimum"));
        assertThat(violation(ValidationRequest.builder("GET", "/v1/depots/;bay=2/lat,51.5,lon,0").build()))
                .isEqualTo(at(Violation.In.path, "depot", "/code", "required", "present"));
        assertThat(violation(ValidationRequest.builder("GET", "/v1/depots/code=LON/lat,51.5,lon,0").build()))
                .isEqualTo(at(Violation.In.path, "depot", "", "style", "matrix, exploded: ;property=value;property=value"));
        assertThat(violation(ValidationRequest.builder("GET", "/v1/depots/;code=LON/lat,95,lon,0").build()))
                .isEqualTo(at(Violation.In.path, "position", "/lat", "maximum", "90"));
    }

    @Test
    void neverEchoesTheRejectedValue() {
        ValidationResult result = validator.validate(search("filter[status]=%3Cscript%3E&color=R,%3Cimg%3E").build());
        assertThat(result.violations()).hasSize(2);
        String problem = ValidationProblem.json(result, "req-1", "/v1/orders/search");
        assertThat(problem).doesNotContain("script").doesNotContain("img");
    }

    @Test
    void refusesDocumentsWithUnknownStylesOrAmbiguousContent(@TempDir Path dir) throws Exception {
        Path style = Files.writeString(dir.resolve("style.yaml"), """
                openapi: 3.1.0
                paths:
                  /a:
                    get:
                      parameters:
                        - {name: f, in: query, style: brackets, schema: {type: object}}
                """);
        assertThatThrownBy(() -> RequestValidator.forOpenApi(style, ValidationOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/paths/~1a/get/parameters/0/style: 'brackets' is not an OpenAPI style; allowed: form,");
        Path content = Files.writeString(dir.resolve("content.yaml"), """
                openapi: 3.1.0
                paths:
                  /a:
                    get:
                      parameters:
                        - name: f
                          in: query
                          content: {application/json: {schema: {type: object}}, text/plain: {schema: {type: string}}}
                """);
        assertThatThrownBy(() -> RequestValidator.forOpenApi(content, ValidationOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/paths/~1a/get/parameters/0/content: a parameter's content names exactly one media type");
    }
}

package dev.rampart.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.Durations;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The published JSON Schema: valid draft 2020-12, generated from the records, and the one configs are checked with. */
class ConfigSchemaTest {

    private static final JsonNode SCHEMA = JsonMapper.shared().readTree(ConfigSchema.json());

    @Test
    void isAValidDraft202012Schema() {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        List<Error> errors = metaSchema.validate(ConfigSchema.json(), InputFormat.JSON);

        assertThat(errors).isEmpty();
        assertThat(SCHEMA.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(SCHEMA.get("$id").asString()).isEqualTo(ConfigSchema.ID);
        assertThat(SCHEMA.get("title").asString()).isEqualTo("rampart.yaml");
        assertThat(SCHEMA.get("description").asString()).isEqualTo("Rampart gateway configuration");
    }

    @Test
    void theDemoConfigValidatesAgainstIt() throws Exception {
        JsonNode demo;
        try (InputStream in = ConfigSchemaTest.class.getResourceAsStream("/demo/rampart.yaml")) {
            demo = new YAMLMapper().readTree(in);
        }

        assertThat(ConfigSchema.get().validate(demo)).isEmpty();
    }

    @Test
    void rejectsAnUnknownKey() {
        JsonNode config = new YAMLMapper().readTree("admin:\n  port: 1\n  colour: blue\n");

        assertThat(ConfigSchema.get().validate(config)).singleElement().satisfies(e -> {
            assertThat(e.getKeyword()).isEqualTo("additionalProperties");
            assertThat(e.getProperty()).isEqualTo("colour");
        });
    }

    @Test
    void describesKeysInKebabCaseWithRequiredKeysAndNoOtherKeysAllowed() {
        JsonNode route = SCHEMA.at("/properties/routes/items");
        assertThat(route.get("properties").propertyNames())
                .containsExactly("id", "match", "upstream", "max-body-size", "ip-filter", "security-headers", "cors",
                        "authentication", "signature", "rate-limit", "validate", "permissions", "waf", "plugins", "pii");
        assertThat(route.get("required").values()).extracting(JsonNode::asString).containsExactly("id", "match", "upstream");
        assertThat(route.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(route.at("/properties/id/description").asString()).startsWith("Unique route id");
        assertThat(SCHEMA.at("/properties/routes/description").asString()).startsWith("Routes, matched in order");
    }

    @Test
    void describesTheDetectionSection() {
        JsonNode detection = SCHEMA.at("/properties/detection");
        assertThat(detection.get("properties").propertyNames()).containsExactly("enabled", "rules", "sla", "playbooks",
                "alerts", "queue-capacity", "sla-check-interval");
        assertThat(detection.at("/properties/rules/items/properties/kind/enum").values()).extracting(JsonNode::asString)
                .containsExactly("threshold", "sequence", "pattern", "new_value");
        assertThat(detection.at("/properties/alerts/properties/webhooks/items/required").values())
                .extracting(JsonNode::asString).containsExactly("url");
    }

    @Test
    void writesDurationsAndSizesAsPatternedStringsAndEnumsInLowerCase() {
        JsonNode limits = SCHEMA.at("/properties/limits/properties");
        assertThat(limits.at("/idle-timeout/type").asString()).isEqualTo("string");
        assertThat(limits.at("/idle-timeout/pattern").asString()).isEqualTo(Durations.PATTERN);
        assertThat(limits.at("/max-body-size/pattern").asString()).isEqualTo(DataSize.PATTERN);
        assertThat(SCHEMA.at("/properties/events/properties/when-full/enum").values()).extracting(JsonNode::asString)
                .containsExactly("drop", "backpressure");
        assertThat(SCHEMA.at("/properties/store/properties/type/enum").values()).extracting(JsonNode::asString)
                .containsExactly("sqlite", "postgresql");
    }

    @Test
    void onlyFreeMapsTakeAnyKey() {
        JsonNode headers = SCHEMA.at("/$defs/SecurityHeadersConfig");
        assertThat(headers.get("additionalProperties").asBoolean(true)).isFalse();
        JsonNode extra = headers.at("/properties/extra");
        if (extra.has("$ref")) {
            // a map type used by several sections is generated once, as a definition
            extra = SCHEMA.at(extra.get("$ref").asString().substring(1));
        }
        assertThat(extra.at("/additionalProperties/type").asString()).isEqualTo("string");
    }

    @Test
    void isGeneratedOnce() {
        assertThat(ConfigSchema.json()).isSameAs(ConfigSchema.json());
    }
}

package dev.rampart.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The effective config the admin API shows: defaults filled in, config syntax, no secrets. */
class EffectiveConfigTest {

    @TempDir
    Path dir;

    private JsonNode effective(String yaml) {
        return JsonMapper.shared().readTree(EffectiveConfig.toJson(TestConfigs.load(dir, yaml)));
    }

    @Test
    void showsDefaultsInConfigSyntaxWithKebabCaseKeys() {
        JsonNode c = effective(TestConfigs.ROUTE);

        assertThat(c.at("/listeners/http/port").asInt()).isEqualTo(8080);
        assertThat(c.at("/limits/max-header-size").asString()).isEqualTo("16KB");
        assertThat(c.at("/limits/max-body-size").asString()).isEqualTo("10MB");
        assertThat(c.at("/limits/idle-timeout").asString()).isEqualTo("1m");
        assertThat(c.at("/events/when-full").asString()).isEqualTo("drop");
        assertThat(c.at("/store/type").asString()).isEqualTo("sqlite");
        assertThat(c.at("/routes/0/upstream/connect-timeout").asString()).isEqualTo("5s");
        assertThat(c.at("/routes/0/upstream/failure-threshold").asInt()).isEqualTo(3);
        assertThat(c.at("/access-log/enabled").asBoolean()).isTrue();
    }

    @Test
    void leavesOutKeysThatAreNotSet() {
        JsonNode c = effective(TestConfigs.ROUTE);

        assertThat(c.at("/listeners").has("https")).isFalse();
        assertThat(c.at("/routes/0").has("cors")).isFalse();
        assertThat(c.at("/store").has("password")).isFalse();
    }

    @Test
    void keepsFreeMapKeysAsWritten() {
        JsonNode c = effective("security-headers:\n  extra:\n    X-Robots-Tag: noindex\n" + TestConfigs.ROUTE);

        assertThat(c.at("/security-headers/extra/X-Robots-Tag").asString()).isEqualTo("noindex");
    }

    @Test
    void masksSecretKeysAndEveryValueThatCameFromAReference() {
        TestConfigs.write(dir, "origin", "https://app.internal.example.com");
        TestConfigs.write(dir, "upstream", "http://10.1.2.3:8080");

        String json = EffectiveConfig.toJson(TestConfigs.load(dir, """
                store:
                  password: plain-text-password
                  username: ${RAMPART_TEST_NEVER_SET_4711:-db-user-from-default}
                  data-dir: ${HOME}/data
                routes:
                  - id: main
                    match:
                      path-prefix: /
                    upstream:
                      urls: [http://127.0.0.1:9000, "${file:upstream}"]
                    cors:
                      allowed-origins: ["${file:origin}"]
                """));

        assertThat(json).doesNotContain("plain-text-password", "db-user-from-default", System.getenv("HOME"),
                "10.1.2.3", "app.internal.example.com");
        JsonNode c = JsonMapper.shared().readTree(json);
        assertThat(c.at("/store/password").asString()).isEqualTo("********");
        assertThat(c.at("/store/username").asString()).isEqualTo("********");
        assertThat(c.at("/store/data-dir").asString()).isEqualTo("********");
        assertThat(c.at("/routes/0/upstream/urls/0").asString()).isEqualTo("http://127.0.0.1:9000");
        assertThat(c.at("/routes/0/upstream/urls/1").asString()).isEqualTo("********");
        assertThat(c.at("/routes/0/cors/allowed-origins/0").asString()).isEqualTo("********");
    }

    @Test
    void escapedReferenceIsAPlainValueAndShown() {
        JsonNode c = effective("security-headers:\n  extra:\n    X-Template: \"$${literal}\"\n" + TestConfigs.ROUTE);

        assertThat(c.at("/security-headers/extra/X-Template").asString()).isEqualTo("${literal}");
    }
}

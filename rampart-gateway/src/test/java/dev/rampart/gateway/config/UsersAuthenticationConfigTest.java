package dev.rampart.gateway.config;

import static dev.rampart.gateway.config.TestConfigs.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A route's {@code authentication.users} (HTTP Basic for Rampart's users) and {@code users.basic-cache-ttl}. */
class UsersAuthenticationConfigTest {

    @TempDir
    Path dir;

    /** A route accepting users with {@code users} (a flow mapping), after {@code top}. */
    private static String config(String top, String users) {
        return top + """
                routes:
                  - id: orders
                    match: {path-prefix: /orders}
                    upstream: {urls: [http://127.0.0.1:9000]}
                    authentication:
                      users: %s
                """.formatted(users);
    }

    @Test
    void loadsBasicWithItsDefaults() {
        JsonNode c = JsonMapper.shared().readTree(EffectiveConfig.toJson(TestConfigs.load(dir,
                config("", "{basic: true, allow-insecure: true}"))));

        assertThat(c.at("/routes/0/authentication/users/realm").asString()).isEqualTo("rampart");
        assertThat(c.at("/users/basic-cache-ttl").asString()).isEqualTo("5m");
    }

    @Test
    void refusesBasicOverThePlainHttpListenerWithoutAllowInsecure() {
        assertThat(errors(dir, config("", "{basic: true}"))).singleElement().asString()
                .startsWith("rampart.yaml:6:15: routes[0].authentication.users.basic: Basic credentials would be "
                        + "accepted over plain HTTP")
                .endsWith("allow-insecure: true on routes[0].authentication.users to accept the risk");
    }

    @Test
    void acceptsBasicWhenPlainHttpOnlyRedirectsOrATlsProxyForwards() {
        assertThat(TestConfigs.load(dir, config("listeners: {http: {redirect-to-https: true}}\n", "{basic: true}")))
                .isNotNull();
        assertThat(TestConfigs.load(dir, config("trusted-proxies: [10.0.0.0/8]\n", "{basic: true}"))).isNotNull();
    }

    @Test
    void refusesUsersWithoutBasicAndARealmThatNeedsEscaping() {
        assertThat(errors(dir, config("", "{allow-insecure: true}"))).singleElement().asString()
                .contains("routes[0].authentication.users: accepts no user credentials: set basic: true");
        assertThat(errors(dir, config("", "{basic: true, allow-insecure: true, realm: 'a\"b'}"))).singleElement()
                .asString().contains("routes[0].authentication.users.realm: 'a\"b' is not allowed");
    }

    @Test
    void refusesACacheTtlOverAnHour() {
        assertThat(errors(dir, config("users: {basic-cache-ttl: 2h}\n", "{basic: true, allow-insecure: true}")))
                .singleElement().asString().contains("users.basic-cache-ttl: must be between 0s (no cache) and 1h, got PT2H");
    }
}

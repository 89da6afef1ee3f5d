package dev.rampart.gateway.config;

import static dev.rampart.gateway.config.TestConfigs.errors;
import static dev.rampart.gateway.config.TestConfigs.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code jwt-issuers} and a route's {@code authentication}: what loads, what is refused and where. */
class AuthenticationConfigTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-long-enough";

    @TempDir
    Path dir;

    /** A config with {@code issuer} (indented under {@code jwt-issuers.corp:}) and a route accepting {@code jwt}. */
    private static String config(String issuer, String jwt) {
        return """
                jwt-issuers:
                  corp:
                %s
                routes:
                  - id: orders
                    match: {path-prefix: /orders}
                    upstream: {urls: [http://127.0.0.1:9000]}
                    authentication:
                      jwt: %s
                """.formatted(issuer.indent(4).stripTrailing(), jwt);
    }

    private static final String ES256_ISSUER = """
            issuer: https://id.example.com
            jwks-url: https://id.example.com/.well-known/jwks.json
            algorithms: [ES256, RS256]
            audiences: [orders-api]
            """;

    @Test
    void loadsIssuerAndRouteAuthenticationWithDefaults() {
        JsonNode c = JsonMapper.shared().readTree(EffectiveConfig.toJson(TestConfigs.load(dir,
                config(ES256_ISSUER, "[corp]"))));

        assertThat(c.at("/jwt-issuers/corp/clock-skew").asString()).isEqualTo("30s");
        assertThat(c.at("/routes/0/authentication/jwt/0").asString()).isEqualTo("corp");
        assertThat(c.at("/routes/0/authentication/optional").asBoolean()).isFalse();
    }

    @Test
    void refusesRouteNamingAnUnknownIssuer() {
        assertThat(errors(dir, config(ES256_ISSUER, "[corp, partner]"))).containsExactly(
                "rampart.yaml:12:19: routes[0].authentication.jwt[1]: 'partner' is not one of jwt-issuers; defined: corp");
    }

    @Test
    void refusesRouteAuthenticationWithoutAnyIssuer() {
        assertThat(errors(dir, config(ES256_ISSUER, "[]"))).containsExactly(
                "rampart.yaml:11:5: routes[0].authentication: no credentials accepted: name the issuers whose tokens "
                        + "the route takes, e.g. jwt: [corp], from jwt-issuers, accept API keys with api-key: {}, client "
                        + "certificates with client-certificate: {}, or users with users: { basic: true }");
    }

    @Test
    void loadsApiKeyAuthenticationWithTheDefaultHeaderAndWithoutIssuers() {
        JsonNode c = JsonMapper.shared().readTree(EffectiveConfig.toJson(TestConfigs.load(dir,
                config(ES256_ISSUER, "[]\n      api-key: {}"))));
        assertThat(c.at("/routes/0/authentication/api-key/header").asString()).isEqualTo("X-API-Key");

        JsonNode both = JsonMapper.shared().readTree(EffectiveConfig.toJson(TestConfigs.load(dir,
                config(ES256_ISSUER, "[corp]\n      api-key: {header: X-Token}"))));
        assertThat(both.at("/routes/0/authentication/api-key/header").asString()).isEqualTo("X-Token");
        assertThat(both.at("/routes/0/authentication/jwt/0").asString()).isEqualTo("corp");
    }

    @Test
    void refusesApiKeyHeaderThatIsNotAHeaderName() {
        assertThat(errors(dir, config(ES256_ISSUER, "[]\n      api-key: {header: \"X API Key\"}"))).containsExactly(
                "rampart.yaml:13:25: routes[0].authentication.api-key.header: 'X API Key' is not a header name "
                        + "(RFC 9110 token), e.g. X-API-Key");
    }

    @Test
    void refusesHmacSecretWithoutAnHsAlgorithm() {
        assertThat(errors(dir, config(ES256_ISSUER + "hmac-secret: " + SECRET + "\n", "[corp]"))).containsExactly(
                "rampart.yaml:7:18: jwt-issuers.corp.hmac-secret: a secret is only used with HS256, HS384 or HS512, "
                        + "and algorithms lists none; remove the secret or add the HS algorithm the issuer uses");
    }

    @Test
    void refusesAsymmetricAlgorithmsWithoutKeys() {
        assertThat(errors(dir, config("""
                issuer: https://id.example.com
                algorithms: [ES256]
                audiences: [orders-api]
                """, "[corp]"))).containsExactly(
                "rampart.yaml:2:3: jwt-issuers.corp: algorithms ES256 need the issuer's public keys; give jwks-url "
                        + "(e.g. https://id.example.com/.well-known/jwks.json) or static-jwks-file");
    }

    @Test
    void refusesAlgNoneAndUnknownAlgorithms() {
        assertThat(errors(dir, config(ES256_ISSUER.replace("[ES256, RS256]", "[ES256, none]"), "[corp]")))
                .containsExactly("rampart.yaml:5:25: jwt-issuers.corp.algorithms[1]: 'none' means an unsigned token "
                        + "and is never accepted (RFC 8725 §2.1)");
        assertThat(errors(dir, config(ES256_ISSUER.replace("[ES256, RS256]", "[ES265]"), "[corp]")))
                .singleElement().asString().startsWith("rampart.yaml:5:18: jwt-issuers.corp.algorithms[0]: 'ES265' "
                        + "is not a supported algorithm; allowed: ES256, ");
    }

    @Test
    void refusesPlainHttpJwksUrlOffLoopback() {
        assertThat(errors(dir, config(ES256_ISSUER.replace("https://id.example.com/.well-known", "http://id.example.com"),
                "[corp]"))).singleElement().asString().startsWith(
                "rampart.yaml:4:15: jwt-issuers.corp.jwks-url: 'http://id.example.com/jwks.json' must use https");
    }

    @Test
    void readsStaticJwksFileRelativeToTheConfig() throws Exception {
        TestConfigs.write(dir, "keys.json",
                new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("k1").generate().toPublicJWK()).toString());
        String issuer = """
                issuer: https://id.example.com
                static-jwks-file: %s
                algorithms: [ES256]
                audiences: [orders-api]
                """;
        assertThat(TestConfigs.load(dir, config(issuer.formatted("keys.json"), "[corp]")).config().jwtIssuers())
                .containsKey("corp");
        assertThat(errors(dir, config(issuer.formatted("missing.json"), "[corp]"))).singleElement().asString()
                .startsWith("rampart.yaml:4:23: jwt-issuers.corp.static-jwks-file: ").contains("missing.json cannot be read");
    }

    @Test
    void refusesShortHmacSecret() {
        assertThat(errors(dir, config("""
                issuer: https://id.example.com
                hmac-secret: too-short
                algorithms: [HS256]
                audiences: [orders-api]
                """, "[corp]"))).containsExactly("rampart.yaml:4:18: jwt-issuers.corp.hmac-secret: the secret has 72 "
                        + "bits; HS algorithms need at least 256 (RFC 7518 §3.2): use 32 or more random bytes");
    }

    @Test
    void masksHmacSecretInTheEffectiveConfigAndWarnsWhenItIsWrittenInTheFile() {
        String yaml = config("""
                issuer: https://id.example.com
                hmac-secret: %s
                algorithms: [HS256]
                audiences: [orders-api]
                """.formatted(SECRET), "[corp]");
        String json = EffectiveConfig.toJson(TestConfigs.load(dir, yaml));

        assertThat(json).doesNotContain(SECRET);
        assertThat(JsonMapper.shared().readTree(json).at("/jwt-issuers/corp/hmac-secret").asString()).isEqualTo("********");
        assertThat(warnings(dir, yaml)).singleElement().asString().startsWith(
                "rampart.yaml:4:18: jwt-issuers.corp.hmac-secret: the secret is written in the config file");
    }

    @Test
    void refusesUnknownKeysInAnIssuer() {
        assertThat(errors(dir, config(ES256_ISSUER + "audience: [x]\n", "[corp]"))).singleElement().asString()
                .startsWith("rampart.yaml:7:5: jwt-issuers.corp.audience: unknown key (did you mean 'audiences'?)");
    }
}

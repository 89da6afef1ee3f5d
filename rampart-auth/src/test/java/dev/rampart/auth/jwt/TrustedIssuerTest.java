package dev.rampart.auth.jwt;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrustedIssuerTest {

    private static TrustedIssuer.Builder base() {
        return TrustedIssuer.builder("https://id.example.com").audiences(Set.of("api"));
    }

    @Test
    void refusesHmacAlgorithmWithoutASecret() {
        assertThatThrownBy(() -> base().staticKeys(new JWKSet()).algorithms(Set.of(JWSAlgorithm.HS256)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HMAC secret");
    }

    @Test
    void refusesHmacSecretShorterThan256Bits() {
        assertThatThrownBy(() -> base().hmacSecret(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 bits");
    }

    @Test
    void refusesHs512WithASecretShorterThan512Bits() {
        assertThatThrownBy(() -> base().hmacSecret(new byte[32]).algorithms(Set.of(JWSAlgorithm.HS512)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512 bits");
    }

    @Test
    void refusesAnEmptyAlgorithmAllowlist() {
        assertThatThrownBy(() -> base().staticKeys(new JWKSet()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowlist");
    }

    @Test
    void refusesAlgNoneInTheAllowlist() {
        assertThatThrownBy(() -> base().staticKeys(new JWKSet())
                        .algorithms(Set.of(new JWSAlgorithm("none"))).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnIssuerWithoutAudiences() {
        assertThatThrownBy(() -> TrustedIssuer.builder("https://id.example.com").staticKeys(new JWKSet())
                        .algorithms(Set.of(JWSAlgorithm.ES256)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience");
    }

    @Test
    void refusesAsymmetricAlgorithmsWithoutKeys() {
        assertThatThrownBy(() -> base().algorithms(Set.of(JWSAlgorithm.ES256)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JWKS URL or static keys");
    }

    @Test
    void refusesPlainHttpJwksUrlExceptOnLoopback() {
        assertThatThrownBy(() -> base().jwks(URI.create("http://id.example.com/jwks.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        base().jwks(URI.create("http://127.0.0.1:8080/jwks.json"));
    }
}

package dev.rampart.auth.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(byte[] raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw);
    }

    @Test
    void decodesTheRfc7617Example() {
        BasicCredentials c = BasicCredentials.parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(c.username()).isEqualTo("Aladdin");
        assertThat(c.password()).isEqualTo("open sesame");
    }

    @Test
    void decodesUtf8AsTheChallengeAnnouncesAndSplitsAtTheFirstColon() {
        // RFC 7617 §2.1's example: "test" with the password "123£"
        assertThat(BasicCredentials.parse("basic dGVzdDoxMjPCow==").password()).isEqualTo("123£");
        BasicCredentials c = BasicCredentials.parse(basic("zoë:pa:ss".getBytes(StandardCharsets.UTF_8)));
        assertThat(c.username()).isEqualTo("zoë");
        assertThat(c.password()).isEqualTo("pa:ss");
    }

    @Test
    void recognisesTheSchemeIgnoringCaseOnly() {
        assertThat(BasicCredentials.isBasic("BASIC abc")).isTrue();
        assertThat(BasicCredentials.isBasic("Bearer abc")).isFalse();
        assertThat(BasicCredentials.isBasic("Basically")).isFalse();
    }

    @Test
    void rejectsMalformedCredentialsWithoutQuotingThem() {
        assertThatThrownBy(() -> BasicCredentials.parse("Basic !!!")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> BasicCredentials.parse(basic("nocolon".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("no ':'").hasMessageNotContaining("nocolon");
        assertThatThrownBy(() -> BasicCredentials.parse(basic(":secret".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("user name is empty").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> BasicCredentials.parse(basic("a\u0001b:x".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> BasicCredentials.parse(basic(new byte[] {'a', ':', (byte) 0xC3})))
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void neverShowsThePasswordInToString() {
        assertThat(new BasicCredentials("alice", "hunter2").toString()).contains("alice").doesNotContain("hunter2");
    }
}

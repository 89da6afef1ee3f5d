package dev.rampart.auth.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedRequestTest {

    @Test
    void looksUpHeadersWithoutRegardToLetterCase() {
        SignedRequest request = SignedRequest.builder("POST", "/").header("X-Signature", "a").build();

        assertThat(request.headerValues("x-signature")).containsExactly("a");
        assertThat(request.headerValues("X-SIGNATURE")).containsExactly("a");
        assertThat(request.headerValues("X-Other")).isEmpty();
    }

    @Test
    void treatsANullFromAHeaderLookupAsAbsent() {
        Map<String, List<String>> none = Map.of();
        SignedRequest request = SignedRequest.of("POST", "/", none::get, new byte[0]);

        assertThat(request.headerValues("X-Signature")).isEmpty();
    }

    @Test
    void keepsTheRequestTargetRaw() {
        assertThat(SignedRequest.builder("GET", "/a/../b%2F?q=1&q=2").build().target()).isEqualTo("/a/../b%2F?q=1&q=2");
    }
}

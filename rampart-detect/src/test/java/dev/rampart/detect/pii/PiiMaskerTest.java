package dev.rampart.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PiiMaskerTest {

    private final PiiMasker masker = PiiMasker.of(PiiScanner.defaults());

    @Test
    void masksEachTypeAsDocumented() {
        assertThat(masker.mask("card 4111 1111 1111 1111.")).isEqualTo("card 4111********1111.");
        assertThat(masker.mask("DE89 3704 0044 0532 0130 00")).isEqualTo("DE89**************3000");
        assertThat(masker.mask("SSN 536-22-1234")).isEqualTo("SSN ***-**-1234");
        assertThat(masker.mask("to jane.doe@example.com")).isEqualTo("to j***@example.com");
        assertThat(masker.mask("+1 415-555-2671")).isEqualTo("+* ***-***-**71");
        assertThat(masker.mask("from 203.0.113.77")).isEqualTo("from 203.0.113.*");
        assertThat(masker.mask("peer 2001:db8:85a3::8a2e:370:7334")).isEqualTo("peer 2001:db8:85a3:*");
        assertThat(masker.mask("AKIAIOSFODNN7EXAMPLE sk_live_4eC39HqLyjWDarjtT1zdp7dc"))
                .isEqualTo("AKIA******** sk_live_********");
        assertThat(masker.mask("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"))
                .isEqualTo("eyJhbGciOiJIUzI1NiJ9.***.***");
    }

    @Test
    void returnsTheSameTextWhenNothingIsFound() {
        String text = "nothing to see here, order 1234";
        assertThat(masker.mask(text)).isSameAs(text);
    }

    @Test
    void keepsJsonValidAndWritesAMaskedNumberAsAString() throws Exception {
        String body = "{\"card\":4111111111111111,\"mail\":\"jane@example.com\",\"note\":\"say \\\"hi\\\" 4111-1111-1111-1111\"}";
        String masked = PiiMasker.mask(body, masker.scanner().scan(body), true);
        assertThat(masked).isEqualTo(
                "{\"card\":\"4111********1111\",\"mail\":\"j***@example.com\",\"note\":\"say \\\"hi\\\" 4111********1111\"}");
        assertThat(JsonMapper.builder().build().readTree(masked).get("card").asString()).isEqualTo("4111********1111");
    }
}

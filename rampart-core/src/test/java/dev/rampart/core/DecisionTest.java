package dev.rampart.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionTest {

    @Test
    void denyCarriesErrorsAndKeepsThemThroughWithHeader() {
        Decision d = Decision.deny(400, "request-invalid", "1 violation.")
                .withErrors(List.of(Map.of("in", "query", "name", "limit")))
                .withHeader("Allow", "GET");

        assertThat(d.errors()).containsExactly(Map.of("in", "query", "name", "limit"));
        assertThat(d.headers()).containsExactly(Map.entry("Allow", "GET"));
    }

    @Test
    void errorsAreACopyTheGuardCannotChangeAfterwards() {
        Map<String, String> error = new HashMap<>(Map.of("rule", "maximum"));
        List<Map<String, String>> errors = new ArrayList<>(List.of(error));
        Decision d = Decision.deny(400, "request-invalid", "1 violation.").withErrors(errors);

        error.put("rule", "changed");
        errors.clear();

        assertThat(d.errors()).containsExactly(Map.of("rule", "maximum"));
        assertThatThrownBy(() -> d.errors().get(0).put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void onlyADenyListsErrors() {
        assertThat(Decision.deny(403, "ip-denied", "Denied.").errors()).isEmpty();
        assertThatThrownBy(() -> Decision.respond(204).withErrors(List.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Decision.proceed().withErrors(List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void proceedWithBodyProceedsAndCarriesACopyOfTheNewBody() {
        byte[] body = "masked".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Decision d = Decision.proceedWithBody(body);
        body[0] = 'X';

        assertThat(d.isProceed()).isTrue();
        assertThat(d.replacesBody()).isTrue();
        assertThat(new String(d.replacementBody(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("masked");
        d.replacementBody()[0] = 'Y';
        assertThat(d.replacementBody()[0]).isEqualTo((byte) 'm');
        assertThat(Decision.proceed().replacesBody()).isFalse();
        assertThat(Decision.proceed().replacementBody()).isNull();
    }
}

package dev.rampart.gateway.oauth2;

import dev.rampart.core.Exchange;
import dev.rampart.core.SecurityEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client presenting its secret at the token endpoint is a login: reported besides the
 * {@code oauth2.token.*} events as {@code authentication.succeeded} / {@code authentication.failed}
 * with the client id as {@code details.account}, so that the detector's brute-force, credential
 * stuffing and login-after-failures rules cover the token endpoint. One event per token request,
 * not per API call made with the token.
 */
final class ClientLoginEvents {

    static final String SOURCE = "oauth2-token";

    private ClientLoginEvents() {
    }

    /**
     * @param status the token response's status; only 401 (the client's credentials were refused)
     *     is a failed login, other refusals (bad grant, scope) are not about the secret
     */
    static void emit(Exchange exchange, String clientId, boolean issued, int status) {
        if (!issued && status != 401) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("authenticator", "client-secret");
        if (clientId != null) {
            details.put("account", clientId);
        }
        if (issued) {
            exchange.emit(SOURCE, "authentication.succeeded", SecurityEvent.Severity.INFO, null, details);
        } else {
            exchange.emit(SOURCE, "authentication.failed", SecurityEvent.Severity.MEDIUM, "invalid-client", details);
        }
    }
}

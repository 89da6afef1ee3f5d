package dev.rampart.gateway.detect;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.rampart.auth.apikey.ApiKeys;
import dev.rampart.auth.oauth2.OAuth2Client;
import dev.rampart.auth.oauth2.OAuth2Clients;
import dev.rampart.core.CredentialRevoker;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector's revoke and disable actions over the gateway's API keys and OAuth2 clients. The
 * detector calls it on its own worker thread, so the store calls here never run on an event loop.
 * User accounts are not held by the gateway (it serves no password logins), so user actions find
 * nothing and say so in the log.
 */
final class GatewayCredentialRevoker implements CredentialRevoker {

    private static final Logger log = LoggerFactory.getLogger(GatewayCredentialRevoker.class);

    private final ApiKeys apiKeys;
    private final Supplier<Optional<OAuth2Clients>> clients;

    GatewayCredentialRevoker(ApiKeys apiKeys, Supplier<Optional<OAuth2Clients>> clients) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    @Override
    public boolean revoke(Kind kind, String id, String reason) {
        boolean changed = switch (kind) {
            case API_KEY -> apiKeys.get(id).filter(k -> !k.revoked()).map(k -> {
                apiKeys.revoke(id);
                return true;
            }).orElse(false);
            case OAUTH2_CLIENT -> oauth2Client(id).filter(c -> !c.revoked()).map(c -> {
                clients.get().orElseThrow().revoke(id);
                return true;
            }).orElse(false);
            case USER -> noUsers(id);
        };
        logChange("revoked", kind, id, reason, changed);
        return changed;
    }

    @Override
    public boolean disable(Kind kind, String id, String reason) {
        boolean changed = switch (kind) {
            case API_KEY -> apiKeys.get(id).filter(k -> !k.revoked() && k.enabled()).map(k -> {
                apiKeys.disable(id);
                return true;
            }).orElse(false);
            case OAUTH2_CLIENT -> oauth2Client(id).filter(c -> !c.revoked() && c.enabled()).map(c -> {
                clients.get().orElseThrow().setEnabled(id, false);
                return true;
            }).orElse(false);
            case USER -> noUsers(id);
        };
        logChange("disabled", kind, id, reason, changed);
        return changed;
    }

    private Optional<OAuth2Client> oauth2Client(String id) {
        return clients.get().flatMap(c -> c.find(id));
    }

    private static boolean noUsers(String id) {
        log.warn("the detector asked to act on a user account, but this gateway holds no user accounts",
                kv("user", id));
        return false;
    }

    private static void logChange(String what, Kind kind, String id, String reason, boolean changed) {
        if (changed) {
            log.warn("credential " + what + " by the detector", kv("kind", kind), kv("id", id), kv("reason", reason));
        }
    }
}

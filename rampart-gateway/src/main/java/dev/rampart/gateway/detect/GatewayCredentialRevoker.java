package dev.rampart.gateway.detect;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.rampart.auth.apikey.ApiKeys;
import dev.rampart.auth.oauth2.OAuth2Client;
import dev.rampart.auth.oauth2.OAuth2Clients;
import dev.rampart.auth.user.UserRecord;
import dev.rampart.core.CredentialRevoker;
import dev.rampart.gateway.console.ConsoleLogin;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector's revoke and disable actions over the gateway's API keys, OAuth2 clients and console
 * users. The detector calls it on its own worker thread, so the store calls here never run on an
 * event loop. A user account has no "revoked" state: both actions disable it and end its sessions
 * (an operator re-enables it with {@code rampart users enable}); the user is found by id or name.
 */
final class GatewayCredentialRevoker implements CredentialRevoker {

    private static final Logger log = LoggerFactory.getLogger(GatewayCredentialRevoker.class);

    private final ApiKeys apiKeys;
    private final Supplier<Optional<OAuth2Clients>> clients;
    private final ConsoleLogin console;

    /** @param console the console's users and sessions, or null when the gateway has none */
    GatewayCredentialRevoker(ApiKeys apiKeys, Supplier<Optional<OAuth2Clients>> clients, ConsoleLogin console) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.console = console;
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
            case USER -> disableUser(id);
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
            case USER -> disableUser(id);
        };
        logChange("disabled", kind, id, reason, changed);
        return changed;
    }

    private Optional<OAuth2Client> oauth2Client(String id) {
        return clients.get().flatMap(c -> c.find(id));
    }

    private boolean disableUser(String idOrName) {
        if (console == null) {
            log.warn("the detector asked to act on a user account, but this gateway holds no user accounts",
                    kv("user", idOrName));
            return false;
        }
        Optional<UserRecord> user = console.users().get(idOrName).or(() -> console.users().findByUsername(idOrName));
        return user.filter(UserRecord::enabled).map(u -> {
            console.users().disable(u.id());
            console.sessions().invalidateAll(u.id());
            return true;
        }).orElse(false);
    }

    private static void logChange(String what, Kind kind, String id, String reason, boolean changed) {
        if (changed) {
            log.warn("credential " + what + " by the detector", kv("kind", kind), kv("id", id), kv("reason", reason));
        }
    }
}

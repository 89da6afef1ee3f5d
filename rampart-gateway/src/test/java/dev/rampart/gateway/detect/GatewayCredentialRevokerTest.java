package dev.rampart.gateway.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.auth.user.NewUser;
import dev.rampart.auth.user.UserRecord;
import dev.rampart.core.CredentialRevoker.Kind;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.gateway.console.ConsoleLogin;
import dev.rampart.gateway.server.Gateway;
import dev.rampart.store.Store;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector's user actions disable the console account and end its sessions, on a real store. */
class GatewayCredentialRevokerTest {

    @TempDir
    Path dir;

    private static RampartConfig defaults() throws ReflectiveOperationException {
        RecordComponent[] components = RampartConfig.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        return RampartConfig.class.getDeclaredConstructor(types).newInstance(new Object[components.length]);
    }

    @Test
    void disablingAUserByNameEndsItsSessionsAndARepeatChangesNothing() throws Exception {
        try (Store store = Store.open(new StoreConfig(null, dir.resolve("data").toString(), null, null, null, null), dir)) {
            ConsoleLogin console = ConsoleLogin.open(store, defaults(), Path.of("."), null);
            UserRecord alice = console.users().create(new NewUser("alice", Optional.empty(), Set.of("admin"),
                    "correct horse battery staple 42"));
            String session = console.sessions().create(alice.id(), null).id();
            GatewayCredentialRevoker revoker = new GatewayCredentialRevoker(Gateway.apiKeysOf(store, null),
                    Optional::empty, console);

            assertThat(revoker.disable(Kind.USER, "alice", "brute force")).isTrue();
            assertThat(console.users().get(alice.id()).orElseThrow().enabled()).isFalse();
            assertThat(console.sessions().validate(session)).isEmpty();
            assertThat(revoker.revoke(Kind.USER, alice.id(), "again")).isFalse();   // already disabled
            assertThat(revoker.disable(Kind.USER, "nobody", "unknown")).isFalse();
        }
    }
}

package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.auth.totp.InMemoryUsedTimeSteps;
import dev.rampart.auth.totp.TotpParameters;
import dev.rampart.auth.totp.TotpSecret;
import dev.rampart.auth.totp.TotpVerifier;
import dev.rampart.core.SecurityEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rampart's users as an authenticator of routes with HTTP Basic, through a real gateway, a real
 * upstream and a real HTTP client: the principal and its roles, the generic 401 with the Basic
 * challenge, the lockout shared with console logins, the verification cache and its eviction, TOTP
 * users refused, and Basic over cleartext refused.
 */
class BasicAuthIntegrationTest {

    private static final String PASSWORD = "correct horse battery staple 42";
    private static final String CHALLENGE = "Basic realm=\"orders\", charset=\"UTF-8\"";

    @TempDir
    Path dir;

    TestUpstream upstream;
    GatewayHarness gw;
    final CopyOnWriteArrayList<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream("orders");
        // the least Argon2id cost the config allows and no quick-login check, to keep the test fast
        gw = GatewayHarness.start(dir, """
                users:
                  quick-login-check: 0s
                  max-login-failures: 3
                  argon2id: { memory-kib: 19456, iterations: 2, parallelism: 1 }
                trusted-proxies: [127.0.0.1/32]
                policy:
                  roles:
                    reader: {permissions: ["orders:read"]}
                routes:
                  - id: orders
                    match: { path-prefix: /orders }
                    upstream: { urls: ["%1$s"] }
                    authentication: { users: { basic: true, realm: orders, allow-insecure: true } }
                    permissions: ["orders:read"]
                  - id: tls-only
                    match: { path-prefix: /tls-only }
                    upstream: { urls: ["%1$s"] }
                    authentication: { users: { basic: true } }
                    permissions: ["orders:read"]
                """.formatted(upstream.url()), false);
        gw.gateway.events().subscribe(events::add);
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        upstream.close();
    }

    private void create(String name, String... roles) throws Exception {
        HttpResponse<String> r = gw.withToken("POST", "/admin/users", new JsonObject().put("username", name)
                .put("roles", new JsonArray(List.of(roles))).put("password", PASSWORD).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        return gw.get(path, "Authorization", basic(user, password));
    }

    private long verifications() {
        return gw.gateway.consoleLogin().basicLogin().verifications();
    }

    /** The failed-authentication events of the authentication guard once {@code count} arrived. */
    private List<SecurityEvent> failures(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        List<SecurityEvent> found;
        do {
            found = events.stream().filter(e -> e.type().equals("authentication.failed")
                    && "authentication".equals(e.source())).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("expected " + count + " authentication.failed events, got " + found);
    }

    @Test
    void theRightPasswordReachesTheUpstreamAsTheUserWithTheUsersRoles() throws Exception {
        create("alice", "reader");
        create("bob");

        HttpResponse<String> r = get("/orders/1", "alice", PASSWORD);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(upstream.last().uri()).isEqualTo("/orders/1");
        assertThat(upstream.last().headers().get("Authorization")).as("the password is for the gateway").isNull();
        // bob's password is right, but he has no role granting orders:read
        assertThat(get("/orders/1", "bob", PASSWORD).statusCode()).isEqualTo(403);
    }

    @Test
    void aWrongPasswordIsAnswered401WithTheBasicChallengeAndReported() throws Exception {
        create("alice", "reader");

        HttpResponse<String> wrong = get("/orders/1", "alice", "not the password");
        HttpResponse<String> unknown = get("/orders/1", "mallory", "not the password");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().allValues("WWW-Authenticate")).containsExactly(CHALLENGE);
        assertThat(new JsonObject(wrong.body()).getString("detail"))
                .isEqualTo(new JsonObject(unknown.body()).getString("detail"));
        List<SecurityEvent> failed = failures(2);
        assertThat(failed.get(0).code()).isEqualTo("wrong-password");
        assertThat(failed.get(0).clientIp()).isEqualTo("127.0.0.1");
        assertThat(failed.get(0).details()).containsEntry("account", "alice").containsEntry("authenticator", "basic");
        assertThat(failed.get(1).code()).isEqualTo("unknown-user");
        assertThat(failed.toString()).doesNotContain("not the password");
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithTheChallenge() throws Exception {
        HttpResponse<String> r = gw.get("/orders/1");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly(CHALLENGE);
        assertThat(gw.get("/orders/1", "Authorization", "Bearer abc").statusCode()).isEqualTo(401);
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPasswordAndTheConsoleLoginToo() throws Exception {
        create("alice", "reader");
        for (int i = 0; i < 3; i++) {
            assertThat(get("/orders/1", "alice", "wrong " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = get("/orders/1", "alice", PASSWORD);

        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(locked.headers().allValues("WWW-Authenticate")).containsExactly(CHALLENGE);
        assertThat(failures(4).get(3).code()).isEqualTo("account-locked");
        assertThat(gw.login("alice", PASSWORD, null).status()).as("one lockout for console and Basic").isEqualTo(401);
    }

    @Test
    void aCachedCheckSkipsArgon2idAndAPasswordChangeEndsItAtOnce() throws Exception {
        create("alice", "reader");
        assertThat(get("/orders/1", "alice", PASSWORD).statusCode()).isEqualTo(200);
        long afterFirst = verifications();

        assertThat(get("/orders/2", "alice", PASSWORD).statusCode()).isEqualTo(200);
        assertThat(verifications()).as("answered from the cache").isEqualTo(afterFirst);

        HttpResponse<String> changed = gw.withToken("POST", "/admin/users/alice/password",
                new JsonObject().put("password", "an entirely new passphrase 7").encode());
        assertThat(changed.statusCode()).as(changed.body()).isIn(200, 204);

        assertThat(get("/orders/3", "alice", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(get("/orders/3", "alice", "an entirely new passphrase 7").statusCode()).isEqualTo(200);
    }

    @Test
    void aDisabledUserIsRefusedAtOnceThoughTheCheckWasCached() throws Exception {
        create("alice", "reader");
        assertThat(get("/orders/1", "alice", PASSWORD).statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = gw.withToken("POST", "/admin/users/alice/disable", null);
        assertThat(disabled.statusCode()).as(disabled.body()).isIn(200, 204);

        assertThat(get("/orders/1", "alice", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(failures(1).get(0).code()).isEqualTo("account-disabled");
    }

    @Test
    void aUserWithTotpCannotUseBasic() throws Exception {
        create("alice", "reader");
        JsonObject start = new JsonObject(gw.withToken("POST", "/admin/users/alice/totp", null).body());
        TotpSecret secret = TotpSecret.fromBase32(start.getString("manual_entry_secret"));
        String code = new TotpVerifier(TotpParameters.DEFAULT, new InMemoryUsedTimeSteps(), Clock.systemUTC())
                .codeAt(secret, Instant.now());
        assertThat(gw.withToken("POST", "/admin/users/alice/totp/confirm",
                new JsonObject().put("code", code).encode()).statusCode()).isEqualTo(200);

        HttpResponse<String> r = get("/orders/1", "alice", PASSWORD);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(r.body()).getString("detail")).isEqualTo("Invalid username or password.");
        assertThat(failures(1).get(0).code()).isEqualTo("second-factor-required");
    }

    @Test
    void basicOverCleartextIsRefusedUnlessAllowedOrForwardedAsHttps() throws Exception {
        create("alice", "reader");

        HttpResponse<String> cleartext = get("/tls-only/1", "alice", PASSWORD);

        assertThat(cleartext.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(cleartext.body()).getString("type")).endsWith("https-required");
        assertThat(failures(1).get(0).code()).isEqualTo("basic-over-cleartext");
        // from a trusted TLS-terminating proxy
        HttpResponse<String> forwarded = gw.get("/tls-only/1", "Authorization", basic("alice", PASSWORD),
                "X-Forwarded-Proto", "https");
        assertThat(forwarded.statusCode()).as(forwarded.body()).isEqualTo(200);
        assertThat(Optional.ofNullable(upstream.last()).map(TestUpstream.Seen::uri)).contains("/tls-only/1");
    }
}

package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.auth.password.Argon2idParameters;
import dev.rampart.auth.password.PasswordHasher;
import dev.rampart.auth.password.PasswordPolicy;
import dev.rampart.auth.totp.InMemoryUsedTimeSteps;
import dev.rampart.auth.totp.TotpParameters;
import dev.rampart.auth.totp.TotpSecret;
import dev.rampart.auth.totp.TotpVerifier;
import dev.rampart.auth.user.NewUser;
import dev.rampart.auth.user.Users;
import dev.rampart.core.SecurityEvent;
import dev.rampart.gateway.cli.RampartCommand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Changes to console accounts through a real gateway over HTTP: roles (every session of the user
 * ends; the caller's own one is rotated and carries the new roles), recovery codes (by an admin and
 * by users themselves after re-authenticating), the password policy's answer, and the configured
 * Argon2id cost with re-hashing at login.
 */
class UserAccountChangesIntegrationTest {

    private static final String PASSWORD = "correct horse battery staple 42";
    /** The least cost the config allows, to keep the test fast; re-hashing is checked against it. */
    private static final String CONFIG = """
            users:
              quick-login-check: 0s
              argon2id: { memory-kib: 19456, iterations: 2, parallelism: 1 }
            routes:
              - id: a
                match: { path-prefix: / }
                upstream: { urls: ["http://127.0.0.1:9"] }
            """;

    @TempDir
    Path dir;

    GatewayHarness gw;
    final CopyOnWriteArrayList<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        gw = GatewayHarness.start(dir, CONFIG, false);
        gw.gateway.events().subscribe(events::add);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private void create(String name, String... roles) throws Exception {
        HttpResponse<String> r = gw.withToken("POST", "/admin/users", new JsonObject().put("username", name)
                .put("roles", new JsonArray(List.of(roles))).put("password", PASSWORD).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static String roles(String... roles) {
        return new JsonObject().put("roles", new JsonArray(List.of(roles))).encode();
    }

    private int cli(StringWriter out, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(new byte[0]));
        try {
            return new CommandLine(new RampartCommand()).setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(out, true)).execute(args);
        } finally {
            System.setIn(before);
        }
    }

    /** The first event of {@code type} once it arrived (the bus is asynchronous). */
    private SecurityEvent event(String type) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        do {
            Optional<SecurityEvent> e = events.stream().filter(x -> x.type().equals(type)).findFirst();
            if (e.isPresent()) {
                return e.get();
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("no event " + type + " among " + events.stream().map(SecurityEvent::type).toList());
    }

    /** Enrols TOTP for {@code name} with the admin token; returns the recovery codes and the app. */
    private record Enrolled(List<String> recoveryCodes, TotpSecret secret) {
    }

    private Enrolled enrol(String name) throws Exception {
        JsonObject start = new JsonObject(gw.withToken("POST", "/admin/users/" + name + "/totp", null).body());
        TotpSecret secret = TotpSecret.fromBase32(start.getString("manual_entry_secret"));
        String code = new TotpVerifier(TotpParameters.DEFAULT, new InMemoryUsedTimeSteps(), Clock.systemUTC())
                .codeAt(secret, Instant.now());
        HttpResponse<String> confirmed = gw.withToken("POST", "/admin/users/" + name + "/totp/confirm",
                new JsonObject().put("code", code).encode());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        return new Enrolled(new JsonObject(confirmed.body()).getJsonArray("recovery_codes").stream()
                .map(Object::toString).toList(), secret);
    }

    // --- roles ---

    @Test
    void aRoleChangeEndsEverySessionOfTheUserSoNoneKeepsTheOldRoles() throws Exception {
        create("bob", "admin");
        GatewayHarness.Login first = gw.login("bob", PASSWORD, null);
        GatewayHarness.Login second = gw.login("bob", PASSWORD, null);
        assertThat(gw.withCookie("GET", "/admin/users", first.cookie(), null, null).statusCode()).isEqualTo(200);

        HttpResponse<String> changed = gw.withToken("PUT", "/admin/users/bob/roles", roles("auditor"));

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(new JsonObject(changed.body()).getJsonArray("roles")).containsExactly("auditor");
        assertThat(changed.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(gw.withCookie("GET", "/admin/users", first.cookie(), null, null).statusCode()).isEqualTo(401);
        assertThat(gw.withCookie("GET", "/admin/session", second.cookie(), null, null).statusCode()).isEqualTo(401);
        GatewayHarness.Login again = gw.login("bob", PASSWORD, null);
        assertThat(again.body().getJsonObject("user").getJsonArray("roles")).containsExactly("auditor");
        assertThat(gw.withCookie("GET", "/admin/users", again.cookie(), null, null).statusCode()).isEqualTo(403);

        SecurityEvent e = event("user.roles-changed");
        assertThat(e.principalId()).isEqualTo("admin");
        assertThat(e.details()).containsEntry("username", "bob").containsEntry("roles_before", "admin")
                .containsEntry("roles", "auditor").containsEntry("sessions_ended", "2")
                .containsEntry("own_session_renewed", "false");
    }

    @Test
    void anAdminChangingTheirOwnRolesGetsARotatedSessionWithTheNewRoles() throws Exception {
        create("carol", "admin");
        GatewayHarness.Login here = gw.login("carol", PASSWORD, null);
        GatewayHarness.Login elsewhere = gw.login("carol", PASSWORD, null);

        HttpResponse<String> changed = gw.withCookie("PUT", "/admin/users/carol/roles", here.cookie(), here.csrf(),
                roles("admin", "auditor"));

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        String rotated = GatewayHarness.cookieOf(changed);
        String rotatedCsrf = changed.headers().firstValue("X-CSRF-Token").orElseThrow();
        assertThat(rotated).isNotNull().isNotEqualTo(here.cookie());
        assertThat(rotatedCsrf).isNotEqualTo(here.csrf());
        assertThat(gw.withCookie("GET", "/admin/session", here.cookie(), null, null).statusCode()).isEqualTo(401);
        assertThat(gw.withCookie("GET", "/admin/session", elsewhere.cookie(), null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> session = gw.withCookie("GET", "/admin/session", rotated, null, null);
        assertThat(new JsonObject(session.body()).getJsonObject("user").getJsonArray("roles"))
                .containsExactly("admin", "auditor");
        String carolId = new JsonObject(session.body()).getJsonObject("user").getString("id");
        SecurityEvent e = event("user.roles-changed");
        assertThat(e.principalId()).isEqualTo(carolId);
        assertThat(e.details()).containsEntry("actor", carolId)
                .containsEntry("own_session_renewed", "true").containsEntry("sessions_ended", "2");

        // dropping one's own admin role: the rotated session is no longer an admin session
        HttpResponse<String> demoted = gw.withCookie("PUT", "/admin/users/carol/roles", rotated, rotatedCsrf, roles("auditor"));
        assertThat(demoted.statusCode()).as(demoted.body()).isEqualTo(200);
        String demotedCookie = GatewayHarness.cookieOf(demoted);
        assertThat(gw.withCookie("GET", "/admin/session", rotated, null, null).statusCode()).isEqualTo(401);
        assertThat(new JsonObject(gw.withCookie("GET", "/admin/session", demotedCookie, null, null).body())
                .getJsonObject("user").getJsonArray("roles")).containsExactly("auditor");
        assertThat(gw.withCookie("GET", "/admin/users", demotedCookie, null, null).statusCode()).isEqualTo(403);
    }

    @Test
    void aRoleChangeNeedsAnArrayOfRoleNamesAndAnExistingUser() throws Exception {
        create("dan", "admin");
        HttpResponse<String> noRoles = gw.withToken("PUT", "/admin/users/dan/roles", "{}");
        assertThat(noRoles.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(noRoles.body()).getString("detail")).contains("roles is required");
        HttpResponse<String> spaced = gw.withToken("PUT", "/admin/users/dan/roles", roles("read only"));
        assertThat(spaced.statusCode()).isEqualTo(400);
        assertThat(spaced.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(gw.withToken("PUT", "/admin/users/nobody/roles", roles("admin")).statusCode()).isEqualTo(404);
        assertThat(new JsonObject(gw.withToken("PUT", "/admin/users/dan/roles", roles()).body()).getJsonArray("roles")).isEmpty();
    }

    // --- recovery codes ---

    @Test
    void newRecoveryCodesFromAnAdminMakeTheOldOnesInvalidAtOnce() throws Exception {
        create("erin", "admin");
        Enrolled erin = enrol("erin");
        assertThat(erin.recoveryCodes()).hasSize(10);

        HttpResponse<String> r = gw.withToken("POST", "/admin/users/erin/recovery-codes", null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> fresh = new JsonObject(r.body()).getJsonArray("recovery_codes").stream().map(Object::toString).toList();
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(erin.recoveryCodes());
        assertThat(gw.login("erin", PASSWORD, erin.recoveryCodes().get(0)).status()).isEqualTo(401);
        assertThat(gw.login("erin", PASSWORD, fresh.get(0)).status()).isEqualTo(200);
        JsonObject listed = new JsonObject(gw.withToken("GET", "/admin/users", null).body()).getJsonArray("users")
                .getJsonObject(0);
        assertThat(listed.getInteger("recovery_codes_remaining")).isEqualTo(9);
        assertThat(listed.encode()).doesNotContain(fresh.get(1));
        assertThat(event("user.recovery-codes-regenerated").details()).containsEntry("username", "erin")
                .containsEntry("recovery_codes", "10");

        create("frank", "admin");
        HttpResponse<String> noTotp = gw.withToken("POST", "/admin/users/frank/recovery-codes", null);
        assertThat(noTotp.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(noTotp.body()).getString("detail")).contains("no TOTP enrolled");
    }

    @Test
    void aUserRegeneratesTheirOwnRecoveryCodesOnlyAfterProvingTheirPasswordAgain() throws Exception {
        create("gina", "viewer");
        Enrolled gina = enrol("gina");
        GatewayHarness.Login session = gw.login("gina", PASSWORD, gina.recoveryCodes().get(0));
        assertThat(session.status()).as(session.body().encode()).isEqualTo(200);
        String path = "/admin/session/recovery-codes";
        String rightPassword = new JsonObject().put("password", PASSWORD).encode();

        assertThat(gw.withCookie("POST", path, session.cookie(), null, rightPassword).statusCode()).isEqualTo(403);
        HttpResponse<String> noProof = gw.withCookie("POST", path, session.cookie(), session.csrf(), "{}");
        assertThat(noProof.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(noProof.body()).getString("detail")).contains("password or a current TOTP code");
        HttpResponse<String> wrong = gw.withCookie("POST", path, session.cookie(), session.csrf(),
                new JsonObject().put("password", "not the password at all").encode());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(wrong.body()).getString("code")).isEqualTo("reauthentication-failed");
        assertThat(gw.withCookie("GET", "/admin/session", session.cookie(), null, null).statusCode()).isEqualTo(200);

        HttpResponse<String> r = gw.withCookie("POST", path, session.cookie(), session.csrf(), rightPassword);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> fresh = new JsonObject(r.body()).getJsonArray("recovery_codes").stream().map(Object::toString).toList();
        assertThat(fresh).hasSize(10);
        assertThat(gw.login("gina", PASSWORD, gina.recoveryCodes().get(1)).status()).isEqualTo(401);
        assertThat(gw.login("gina", PASSWORD, fresh.get(0)).status()).isEqualTo(200);
        assertThat(event("authentication.failed").details()).containsEntry("purpose", "reauthentication");
        // a viewer has a session but still no admin API
        assertThat(gw.withCookie("POST", "/admin/users/gina/recovery-codes", session.cookie(), session.csrf(), null)
                .statusCode()).isEqualTo(403);
    }

    // --- password policy and hashing ---

    @Test
    void aPasswordThatBreaksThePolicyGets400ListingEveryBrokenRule() throws Exception {
        HttpResponse<String> r = gw.withToken("POST", "/admin/users", new JsonObject().put("username", "heidi")
                .put("password", "heidi1").encode());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonObject problem = new JsonObject(r.body());
        assertThat(problem.getString("code")).isEqualTo("password-rejected");
        assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("code")).toList())
                .containsExactly("password.too_short", "password.contains_username");
        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("message")).isEqualTo("Use at least 15 characters.");
        assertThat(r.body()).doesNotContain("heidi1");

        create("ivan", "admin");
        HttpResponse<String> change = gw.withToken("POST", "/admin/users/ivan/password",
                new JsonObject().put("password", "ivan ivan ivan ivan").encode());
        assertThat(change.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(change.body()).getJsonArray("errors").getJsonObject(0).getString("code"))
                .isEqualTo("password.contains_username");
    }

    @Test
    void newHashesUseTheConfiguredCostAndOlderOnesAreRehashedAtTheNextLogin() throws Exception {
        create("judy", "admin");
        assertThat(passwordHash("judy")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        // a user hashed with other parameters, as by an older configuration
        new Users(gw.gateway.store(), PasswordHasher.with(new Argon2idParameters(1024, 1, 1)), PasswordPolicy.defaults(),
                new byte[32], Clock.systemUTC()).create(new NewUser("kim", Optional.empty(), Set.of("admin"), PASSWORD));
        assertThat(passwordHash("kim")).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");

        assertThat(gw.login("kim", PASSWORD, null).status()).isEqualTo(200);

        assertThat(passwordHash("kim")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(gw.login("kim", PASSWORD, null).status()).isEqualTo(200);
    }

    private String passwordHash(String username) throws Exception {
        try (Connection c = gw.gateway.store().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT password_hash FROM users WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }

    // --- CLI ---

    @Test
    void cliSetsRolesEndingTheSessionsAndIssuesRecoveryCodes() throws Exception {
        create("leo", "admin");
        GatewayHarness.Login leo = gw.login("leo", PASSWORD, null);
        StringWriter out = new StringWriter();

        assertThat(cli(out, "users", "roles", "leo", "--roles", "auditor,viewer", "-c", gw.configFile.toString()))
                .as(out.toString()).isZero();

        assertThat(out.toString()).contains("roles of leo: auditor,viewer; 1 session(s) ended");
        assertThat(gw.withCookie("GET", "/admin/session", leo.cookie(), null, null).statusCode()).isEqualTo(401);
        assertThat(new JsonObject(gw.withToken("GET", "/admin/users", null).body()).getJsonArray("users").getJsonObject(0)
                .getJsonArray("roles")).containsExactly("auditor", "viewer");

        StringWriter refused = new StringWriter();
        assertThat(cli(refused, "users", "recovery-codes", "leo", "-c", gw.configFile.toString())).isNotZero();
        assertThat(refused.toString()).contains("no TOTP enrolled");
        Enrolled enrolled = enrol("leo");
        StringWriter codes = new StringWriter();
        assertThat(cli(codes, "users", "recovery-codes", "leo", "-c", gw.configFile.toString())).as(codes.toString()).isZero();
        List<String> printed = codes.toString().lines().filter(l -> l.startsWith("  ")).map(String::strip).toList();
        assertThat(printed).hasSize(10).doesNotContainAnyElementsOf(enrolled.recoveryCodes());
        assertThat(gw.login("leo", PASSWORD, enrolled.recoveryCodes().get(0)).status()).isEqualTo(401);
        assertThat(gw.login("leo", PASSWORD, printed.get(0)).status()).isEqualTo(200);

        StringWriter list = new StringWriter();
        assertThat(cli(list, "users", "list", "-c", gw.configFile.toString())).isZero();
        assertThat(list.toString()).contains("RECOVERY").contains("9 left");
    }

    @Test
    void theOpenApiDocumentListsTheNewRoutes() throws Exception {
        JsonObject paths = new JsonObject(gw.adminGet("/admin/openapi.json").body()).getJsonObject("paths");
        assertThat(paths.getJsonObject("/admin/users/{name}/roles").fieldNames()).containsExactly("put");
        assertThat(paths.getJsonObject("/admin/users/{name}/recovery-codes").fieldNames()).containsExactly("post");
        assertThat(paths.getJsonObject("/admin/session/recovery-codes").fieldNames()).containsExactly("post");
    }
}

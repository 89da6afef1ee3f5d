package dev.rampart.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.auth.session.SessionCookie;
import dev.rampart.auth.totp.InMemoryUsedTimeSteps;
import dev.rampart.auth.totp.TotpParameters;
import dev.rampart.auth.totp.TotpSecret;
import dev.rampart.auth.totp.TotpVerifier;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Console logins through a real gateway: users made with the CLI and the admin token, logins over
 * HTTP, the admin API called with the session cookie and its CSRF token, identical failures,
 * lockout, TOTP enrolment and logout.
 */
class ConsoleLoginIntegrationTest {

    private static final String PASSWORD = "correct horse battery staple 42";
    private static final String CONFIG = """
            users:
              max-login-failures: 3
              quick-login-check: 0s
            routes:
              - id: a
                match: { path-prefix: / }
                upstream: { urls: ["http://127.0.0.1:9"] }
            """;

    @TempDir
    Path dir;

    GatewayHarness gw;
    final CopyOnWriteArrayList<JsonObject> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        gw = GatewayHarness.start(dir, CONFIG, false);
        gw.gateway.events().subscribe(e -> events.add(new JsonObject().put("type", e.type()).put("code", e.code())));
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private void createWithToken(String name, String... roles) throws Exception {
        HttpResponse<String> r = gw.withToken("POST", "/admin/users", new JsonObject().put("username", name)
                .put("email", name + "@example.com").put("roles", new JsonArray(java.util.List.of(roles)))
                .put("password", PASSWORD).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private int cli(String stdin, StringWriter out, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return new CommandLine(new RampartCommand()).setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(new StringWriter(), true)).execute(args);
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void userMadeWithTheCliLogsInAndUsesTheAdminApiWithCookieAndCsrfToken() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(cli(PASSWORD + "\n", out, "users", "create", "alice", "--email", "alice@example.com", "--roles", "admin",
                "-c", gw.configFile.toString())).as(out.toString()).isZero();

        GatewayHarness.Login alice = gw.login("alice", PASSWORD, null);
        assertThat(alice.status()).as(alice.body().encode()).isEqualTo(200);
        assertThat(alice.response().headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith(SessionCookie.NAME + "=").contains("; Secure", "; HttpOnly", "SameSite=Strict", "Path=/");
        assertThat(alice.body().getJsonObject("user").getString("username")).isEqualTo("alice");
        assertThat(alice.body().encode()).doesNotContain(PASSWORD);
        assertThat(eventCodes("authentication.succeeded", 1)).hasSize(1);

        assertThat(gw.withCookie("GET", "/admin/users", alice.cookie(), null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> session = gw.withCookie("GET", "/admin/session", alice.cookie(), null, null);
        assertThat(new JsonObject(session.body()).getString("csrf_token")).isEqualTo(alice.csrf());

        String ban = "{\"block\": \"192.0.2.7\", \"reason\": \"test\"}";
        HttpResponse<String> noToken = gw.withCookie("POST", "/admin/bans", alice.cookie(), null, ban);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
        assertThat(gw.withCookie("POST", "/admin/bans", alice.cookie(), "wrong" + alice.csrf(), ban).statusCode()).isEqualTo(403);
        HttpRequest.Builder crossSite = HttpRequest.newBuilder(URI.create(gw.admin() + "/admin/bans"))
                .header("Cookie", alice.cookie()).header("X-CSRF-Token", alice.csrf()).header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString(ban));
        assertThat(gw.send(crossSite).statusCode()).isEqualTo(403);
        assertThat(gw.withCookie("POST", "/admin/bans", alice.cookie(), alice.csrf(), ban).statusCode()).isEqualTo(201);

        out.getBuffer().setLength(0);
        assertThat(cli("", out, "users", "list", "-c", gw.configFile.toString())).isZero();
        assertThat(out.toString()).contains("alice", "alice@example.com", "enabled", "admin");
    }

    @Test
    void aUserWithoutTheAdminRoleHasASessionButNoAdminApi() throws Exception {
        createWithToken("bob", "viewer");
        GatewayHarness.Login bob = gw.login("bob", PASSWORD, null);
        assertThat(bob.status()).isEqualTo(200);
        assertThat(gw.withCookie("GET", "/admin/session", bob.cookie(), null, null).statusCode()).isEqualTo(200);
        assertThat(gw.withCookie("GET", "/admin/users", bob.cookie(), null, null).statusCode()).isEqualTo(403);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
        createWithToken("carol", "admin");
        GatewayHarness.Login wrong = gw.login("carol", PASSWORD + "x", null);
        GatewayHarness.Login unknown = gw.login("nobody", PASSWORD, null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.cookie()).isNull();
        assertThat(withoutRequestId(wrong.body())).isEqualTo(withoutRequestId(unknown.body()));
        assertThat(wrong.response().headers().firstValue("WWW-Authenticate"))
                .isEqualTo(unknown.response().headers().firstValue("WWW-Authenticate"));
        assertThat(eventCodes("authentication.failed", 2)).containsExactly("wrong-password", "unknown-user");
    }

    /** The codes of the events of {@code type} once {@code count} of them arrived (the bus is asynchronous). */
    private java.util.List<String> eventCodes(String type, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        java.util.List<String> codes;
        do {
            codes = events.stream().filter(e -> e.getString("type").equals(type)).map(e -> e.getString("code")).toList();
            if (codes.size() >= count) {
                return codes;
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return codes;
    }

    private static JsonObject withoutRequestId(JsonObject problem) {
        JsonObject copy = problem.copy();
        copy.remove("instance");
        copy.remove("request_id");
        return copy;
    }

    @Test
    void anAccountIsLockedAfterTheConfiguredFailuresUntilUnlocked() throws Exception {
        createWithToken("dave", "admin");
        for (int i = 0; i < 3; i++) {
            assertThat(gw.login("dave", "not the password " + i, null).status()).isEqualTo(401);
        }
        GatewayHarness.Login locked = gw.login("dave", PASSWORD, null);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.body().getString("detail")).isEqualTo(gw.login("nobody", PASSWORD, null).body().getString("detail"));
        assertThat(eventCodes("authentication.failed", 5)).contains("account-locked");

        assertThat(gw.withToken("POST", "/admin/users/dave/unlock", null).statusCode()).isEqualTo(200);
        assertThat(gw.login("dave", PASSWORD, null).status()).isEqualTo(200);
    }

    @Test
    void afterTotpEnrolmentALoginNeedsTheCode() throws Exception {
        createWithToken("erin", "admin");
        GatewayHarness.Login erin = gw.login("erin", PASSWORD, null);
        HttpResponse<String> start = gw.withCookie("POST", "/admin/users/erin/totp", erin.cookie(), erin.csrf(), null);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
        JsonObject enrolment = new JsonObject(start.body());
        assertThat(enrolment.getString("otpauth_uri")).startsWith("otpauth://totp/");
        byte[] png = Base64.getDecoder().decode(enrolment.getString("qr_code_png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        TotpSecret secret = TotpSecret.fromBase32(enrolment.getString("manual_entry_secret"));
        TotpVerifier app = new TotpVerifier(TotpParameters.DEFAULT, new InMemoryUsedTimeSteps(), Clock.systemUTC());

        HttpResponse<String> confirmed = gw.withCookie("POST", "/admin/users/erin/totp/confirm", erin.cookie(), erin.csrf(),
                new JsonObject().put("code", app.codeAt(secret, Instant.now())).encode());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(new JsonObject(confirmed.body()).getJsonArray("recovery_codes")).isNotEmpty();
        // the session was renewed: the old cookie is gone, the new one works
        String renewed = confirmed.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();
        assertThat(gw.withCookie("GET", "/admin/users", erin.cookie(), null, null).statusCode()).isEqualTo(401);
        assertThat(gw.withCookie("GET", "/admin/users", renewed, null, null).statusCode()).isEqualTo(200);

        assertThat(gw.login("erin", PASSWORD, null).status()).isEqualTo(401);
        // the next time step: the confirmation's step is used up, a code is accepted once
        GatewayHarness.Login withCode = gw.login("erin", PASSWORD, app.codeAt(secret, Instant.now().plusSeconds(30)));
        assertThat(withCode.status()).as(withCode.body().encode()).isEqualTo(200);
        assertThat(eventCodes("authentication.failed", 1)).containsExactly("second-factor-required");
    }

    @Test
    void logoutEndsTheSessionAndDisablingEndsEverySession() throws Exception {
        createWithToken("frank", "admin");
        GatewayHarness.Login first = gw.login("frank", PASSWORD, null);
        GatewayHarness.Login second = gw.login("frank", PASSWORD, null);
        assertThat(gw.withCookie("POST", "/admin/logout", first.cookie(), null, null).statusCode()).isEqualTo(403);
        HttpResponse<String> out = gw.withCookie("POST", "/admin/logout", first.cookie(), first.csrf(), null);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(gw.withCookie("GET", "/admin/session", first.cookie(), null, null).statusCode()).isEqualTo(401);
        assertThat(gw.withCookie("GET", "/admin/session", second.cookie(), null, null).statusCode()).isEqualTo(200);

        assertThat(gw.withToken("POST", "/admin/users/frank/disable", null).statusCode()).isEqualTo(200);
        assertThat(gw.withCookie("GET", "/admin/session", second.cookie(), null, null).statusCode()).isEqualTo(401);
        assertThat(gw.login("frank", PASSWORD, null).status()).isEqualTo(401);
    }

    @Test
    void anOwnPasswordChangeRenewsTheCallersSessionAndEndsTheOthers() throws Exception {
        createWithToken("heidi", "admin");
        GatewayHarness.Login here = gw.login("heidi", PASSWORD, null);
        GatewayHarness.Login elsewhere = gw.login("heidi", PASSWORD, null);
        String newPassword = "another long passphrase, number 7";
        HttpResponse<String> weak = gw.withCookie("POST", "/admin/users/heidi/password", here.cookie(), here.csrf(),
                "{\"password\": \"short\"}");
        assertThat(weak.statusCode()).isEqualTo(400);
        HttpResponse<String> changed = gw.withCookie("POST", "/admin/users/heidi/password", here.cookie(), here.csrf(),
                new JsonObject().put("password", newPassword).encode());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        String renewed = changed.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();
        String renewedCsrf = changed.headers().firstValue("X-CSRF-Token").orElseThrow();
        assertThat(gw.withCookie("GET", "/admin/session", here.cookie(), null, null).statusCode()).isEqualTo(401);
        assertThat(gw.withCookie("GET", "/admin/session", elsewhere.cookie(), null, null).statusCode()).isEqualTo(401);
        assertThat(gw.withCookie("POST", "/admin/users/heidi/totp", renewed, renewedCsrf, null).statusCode()).isEqualTo(200);
        assertThat(gw.login("heidi", PASSWORD, null).status()).isEqualTo(401);
        assertThat(gw.login("heidi", newPassword, null).status()).isEqualTo(200);
    }

    @Test
    void cliEnrolsTotpReadingTheCodeFromStandardInput() throws Exception {
        createWithToken("grace", "admin");
        Path qr = dir.resolve("grace.png");
        java.io.PipedOutputStream typed = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(typed);
        StringWriter out = new StringWriter();
        InputStream before = System.in;
        System.setIn(stdin);
        java.util.concurrent.CompletableFuture<Integer> exit;
        try {
            exit = java.util.concurrent.CompletableFuture.supplyAsync(() -> new CommandLine(new RampartCommand())
                    .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(new StringWriter(), true))
                    .execute("users", "totp", "enrol", "grace", "--qr", qr.toString(), "-c", gw.configFile.toString()));
            // the command prints the secret, then waits for the code as an app would show it
            long deadline = System.currentTimeMillis() + 30_000;
            while (!out.toString().contains("qr_code: ") && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("secret: (\\S+)").matcher(out.toString());
            assertThat(m.find()).as(out.toString()).isTrue();
            String code = new TotpVerifier(TotpParameters.DEFAULT, new InMemoryUsedTimeSteps(), Clock.systemUTC())
                    .codeAt(TotpSecret.fromBase32(m.group(1)), Instant.now());
            typed.write((code + "\n").getBytes(StandardCharsets.UTF_8));
            typed.close();
            assertThat(exit.get(30, java.util.concurrent.TimeUnit.SECONDS)).as(out.toString()).isZero();
        } finally {
            System.setIn(before);
        }
        assertThat(out.toString()).contains("otpauth://totp/", "Recovery codes");
        assertThat(Files.readAllBytes(qr)).startsWith(0x89, 'P', 'N', 'G');
        assertThat(new JsonObject(gw.withToken("GET", "/admin/users", null).body()).getJsonArray("users").getJsonObject(0)
                .getBoolean("totp_enabled")).isTrue();
    }
}

package dev.rampart.gateway.it;

import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.server.Gateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A real gateway on ephemeral ports, from a YAML config written to a temp directory. */
final class GatewayHarness implements AutoCloseable {

    final Path dir;
    final Path configFile;
    final Gateway gateway;
    final String adminToken;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayHarness(Path dir, Path configFile, Gateway gateway, String adminToken) {
        this.dir = dir;
        this.configFile = configFile;
        this.gateway = gateway;
        this.adminToken = adminToken;
    }

    /**
     * Starts a gateway. The YAML gets listeners on 127.0.0.1 with ephemeral ports, a store in the
     * temp dir and detection off prepended unless it sets them itself.
     */
    static GatewayHarness start(Path dir, String yaml, boolean watch) throws Exception {
        StringBuilder full = new StringBuilder();
        if (!hasTopLevelKey(yaml, "listeners")) {
            full.append("listeners:\n  http:\n    host: 127.0.0.1\n    port: 0\n");
        }
        if (!hasTopLevelKey(yaml, "admin")) {
            full.append("admin:\n  port: 0\n");
        }
        if (!hasTopLevelKey(yaml, "store")) {
            full.append("store:\n  data-dir: ./data\n");
        }
        if (!hasTopLevelKey(yaml, "detection")) {
            // every test client is 127.0.0.1: the detector's bans would refuse the tests that
            // exercise failures on purpose; detection's own tests configure it
            full.append("detection:\n  enabled: false\n");
        }
        full.append(yaml);
        Path config = dir.resolve("rampart.yaml");
        Files.writeString(config, full.toString());
        String[] token = new String[1];
        Gateway gateway = Gateway.start(ConfigLoader.load(config), t -> token[0] = t, watch);
        return new GatewayHarness(dir, config, gateway, token[0]);
    }

    /**
     * Whether {@code yaml} sets {@code key} at the top level: a nested key of the same name (a role
     * called {@code key-admin:}) must not keep the harness from adding its ephemeral admin port.
     */
    private static boolean hasTopLevelKey(String yaml, String key) {
        return java.util.regex.Pattern.compile("(?m)^" + key + ":").matcher(yaml).find();
    }

    String base() {
        return "http://127.0.0.1:" + gateway.httpPort();
    }

    String admin() {
        return "http://127.0.0.1:" + gateway.adminPort();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> adminGet(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(admin() + path))
                .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> adminPost(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(admin() + path))
                .header("Authorization", "Bearer " + adminToken).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The Prometheus page once it holds {@code series}: counters fed from security events lag the
     * response, since events reach them through the asynchronous bus. Fails after about 5 s.
     */
    String awaitMetrics(String series) throws Exception {
        String last = "";
        for (int i = 0; i < 200; i++) {
            last = adminGet("/metrics").body();
            if (last.contains(series)) {
                return last;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("metrics never held " + series + "; last:\n" + last);
    }

    /** A console login answer: the status, the session cookie (name=value), the body and the raw response. */
    record Login(int status, String cookie, JsonObject body, HttpResponse<String> response) {
        String csrf() {
            return body.getString("csrf_token");
        }
    }

    /** Logs in on the admin listener as the console does ({@code code}: a TOTP or recovery code, or null). */
    Login login(String username, String password, String code) throws Exception {
        JsonObject body = new JsonObject().put("username", username).put("password", password);
        if (code != null) {
            body.put("code", code);
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(admin() + "/admin/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())));
        return new Login(r.statusCode(), cookieOf(r), new JsonObject(r.body()), r);
    }

    /** The session cookie (name=value) a response sets, or null. */
    static String cookieOf(HttpResponse<String> r) {
        return r.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElse(null);
    }

    /** An admin call with a console session cookie and, for state-changing calls, its CSRF token. */
    HttpResponse<String> withCookie(String method, String path, String cookie, String csrf, String json)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(admin() + path)).header("Cookie", cookie)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b);
    }

    /** An admin call with the admin token and a JSON body (or none). */
    HttpResponse<String> withToken(String method, String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(admin() + path)).header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** CRS v4.28.0 in {@code ../shared}, found from the working directory up; null when absent. */
    static Path crsDirectory() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path crs = d.resolve("shared/crs-v4.28.0");
            if (Files.isRegularFile(crs.resolve("crs-setup.conf.example"))) {
                return crs;
            }
        }
        return null;
    }

    @Override
    public void close() {
        gateway.close();
    }
}

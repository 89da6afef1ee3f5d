package dev.rampart.gateway.cli;

import dev.rampart.gateway.config.ConfigException;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.LoadedConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rampart demo}: a sample upstream plus a gateway on the embedded default (in-memory state,
 * SQLite in a fresh directory), and the calls to try.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a sample upstream and a gateway in front of it, and print what to try.")
public final class DemoCommand implements Callable<Integer> {

    static final int PROXY_PORT = 8080;
    static final int ADMIN_PORT = 9090;
    static final int UPSTREAM_PORT = 9081;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        for (int port : new int[] {PROXY_PORT, ADMIN_PORT, UPSTREAM_PORT}) {
            if (!isFree(port)) {
                err.println("rampart demo: port " + port + " on 127.0.0.1 is in use; the demo needs ports "
                        + PROXY_PORT + ", " + ADMIN_PORT + " and " + UPSTREAM_PORT + ". Stop what uses it and retry.");
                return 1;
            }
        }
        Path dir = Files.createTempDirectory("rampart-demo-");
        Path config = dir.resolve("rampart.yaml");
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/rampart.yaml")) {
            Files.copy(in, config);
        }
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        Vertx upstreamVertx = Vertx.vertx();
        try {
            DemoUpstream.start(upstreamVertx, "127.0.0.1", UPSTREAM_PORT).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            err.println("rampart demo: could not start the sample upstream on port " + UPSTREAM_PORT + ": " + e.getMessage());
            upstreamVertx.close();
            return 1;
        }
        String[] token = new String[1];
        Runtime.getRuntime().addShutdownHook(new Thread(upstreamVertx::close, "rampart-demo-upstream-shutdown"));
        return ServeCommand.run(loaded, true, err, gateway -> printGuide(config, token[0]), t -> token[0] = t);
    }

    private void printGuide(Path config, String adminToken) {
        PrintWriter out = spec.commandLine().getOut();
        String p = "http://127.0.0.1:" + PROXY_PORT;
        String a = "http://127.0.0.1:" + ADMIN_PORT;
        String auth = "Authorization: Bearer " + (adminToken == null ? "<admin token>" : adminToken);
        out.println();
        out.println("Rampart demo is running.");
        out.println("  proxy:    " + p + "   (sample upstream on 127.0.0.1:" + UPSTREAM_PORT + ")");
        out.println("  admin:    " + a + "   (needs the admin token)");
        out.println("  config:   " + config + "   (edit it: Rampart reloads on save)");
        out.println();
        out.println("Try:");
        out.println("  # allowed: proxied to the upstream, security headers added, Server header removed");
        out.println("  curl -i " + p + "/api/hello");
        out.println("  # a path template route");
        out.println("  curl -i " + p + "/api/orders/1234");
        out.println("  # denied: /internal only admits 10.0.0.0/8 -> 403 problem+json with a request id");
        out.println("  curl -i " + p + "/internal/stats");
        out.println("  # no route -> 404 problem+json; a CORS preflight answered by the gateway");
        out.println("  curl -i " + p + "/nowhere");
        out.println("  curl -i -X OPTIONS -H 'Origin: http://localhost:3000' -H 'Access-Control-Request-Method: GET' " + p + "/api/hello");
        out.println("  # admin health, routes, metrics");
        out.println("  curl -s -H '" + auth + "' " + a + "/admin/health");
        out.println("  curl -s -H '" + auth + "' " + a + "/admin/routes");
        out.println("  curl -s -H '" + auth + "' " + a + "/metrics | grep rampart_");
        out.println();
        out.println("Stop with Ctrl-C.");
        out.flush();
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

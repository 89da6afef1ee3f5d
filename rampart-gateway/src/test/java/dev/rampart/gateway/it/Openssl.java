package dev.rampart.gateway.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs the {@code openssl} command line (test certificates, TLS clients); {@code .ci/run} installs it. */
final class Openssl {

    /** What a run printed (stdout and stderr together) and its exit code; 127 when openssl is missing. */
    record Result(int exitCode, String output) {
    }

    private Openssl() {
    }

    static boolean installed() throws Exception {
        return run("version").exitCode() == 0;
    }

    static Result run(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        p.getOutputStream().close(); // s_client quits at end of input
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), out);
    }
}

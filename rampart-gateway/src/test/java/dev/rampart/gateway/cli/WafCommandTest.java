package dev.rampart.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code rampart waf crs-test} on a two-case fixture (the CRS suite itself runs in rampart-waf's tests). */
class WafCommandTest {

    StringWriter out;
    StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return new CommandLine(new RampartCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(WafCommandTest.class.getResource("/waf-ftw/" + name).toURI()).toString();
    }

    @Test
    void printsTheCountsAndExitsZeroWhenEveryCasePasses() throws Exception {
        int code = run("waf", "crs-test", "--rules", fixture("rules"), "--tests", fixture("tests"));
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).startsWith("2 passed, 0 failed");
        assertThat(code).isZero();
    }

    @Test
    void listsFailingIdsAndExitsOneWhenACaseFails() throws Exception {
        int code = run("waf", "crs-test", "--rules", fixture("rules"), "--tests", fixture("tests"),
                "--overrides", fixture("expect-a-match-on-test-2.yaml"));
        assertThat(out.toString()).startsWith("1 passed, 1 failed").contains("failing: 1001-2");
        assertThat(code).isEqualTo(1);
    }

    @Test
    void refusesARulesDirectoryThatDoesNotExist() throws Exception {
        int code = run("waf", "crs-test", "--rules", "/nonexistent/rules", "--tests", fixture("tests"));
        assertThat(err.toString()).contains("--rules: /nonexistent/rules is not a directory");
        assertThat(code).isEqualTo(2);
    }
}

package dev.rampart.gateway.cli;

import dev.rampart.waf.WafRules;
import dev.rampart.waf.WafSettings;
import dev.rampart.waf.conformance.FtwRunner;
import dev.rampart.waf.seclang.SecLangException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rampart waf …}: tools for the web application firewall's rule sets. */
@Command(name = "waf", mixinStandardHelpOptions = true, description = "Web application firewall tools.",
        subcommands = {WafCommand.CrsTest.class})
public final class WafCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code rampart waf crs-test --rules DIR --tests DIR}: replays go-ftw regression cases against
     * the engine in-process, as CRS's own CI does against a web server.
     */
    @Command(name = "crs-test", mixinStandardHelpOptions = true,
            description = "Replay go-ftw YAML test cases (e.g. CRS's tests/regression/tests) against rules loaded in "
                    + "process. Prints 'N passed, M failed' and the failing test ids; exits 1 when any case fails, "
                    + "2 when the rules or tests cannot be read.")
    public static final class CrsTest implements Callable<Integer> {

        @Option(names = "--rules", required = true, paramLabel = "DIR",
                description = "A CRS checkout (crs-setup.conf.example and rules/*.conf, configured as CRS's regression "
                        + "README says), or a directory of *.conf rule files loaded as they are.")
        Path rules;

        @Option(names = "--tests", required = true, paramLabel = "DIR",
                description = "Directory searched for go-ftw *.yaml test files.")
        Path tests;

        @Option(names = "--overrides", paramLabel = "FILE",
                description = "A go-ftw overrides file (test_overrides) replacing the expectations of the cases it names.")
        Path overrides;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(rules)) {
                return fail(err, "--rules: " + rules + " is not a directory; give a CRS checkout or a directory of .conf files");
            }
            if (!Files.isDirectory(tests)) {
                return fail(err, "--tests: " + tests + " is not a directory; give the directory holding the *.yaml tests");
            }
            if (overrides != null && !Files.isRegularFile(overrides)) {
                return fail(err, "--overrides: " + overrides + " is not a file");
            }
            WafRules loaded;
            try {
                loaded = Files.isRegularFile(rules.resolve("crs-setup.conf.example")) ? FtwRunner.loadCrs(rules)
                        : WafRules.load(List.of(rules.resolve("*.conf")), WafSettings.defaults());
            } catch (SecLangException | IllegalArgumentException e) {
                return fail(err, "--rules: " + e.getMessage());
            }
            try {
                FtwRunner runner = new FtwRunner(loaded);
                if (overrides != null) {
                    runner = runner.withOverrides(overrides);
                }
                FtwRunner.Report report = runner.run(tests);
                out.println(report.summary());
                for (FtwRunner.CaseResult failure : report.failures()) {
                    out.println("  " + failure.id() + ": " + failure.reason());
                }
                out.flush();
                return report.failed() > 0 ? 1 : 0;
            } catch (IOException | RuntimeException e) {
                return fail(err, "cannot run the tests in " + tests + ": " + e.getMessage());
            }
        }

        private static int fail(PrintWriter err, String message) {
            err.println(message);
            err.flush();
            return 2;
        }
    }
}

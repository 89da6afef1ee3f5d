package dev.rampart.waf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.waf.WafRules;
import dev.rampart.waf.WafSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Debian's modsecurity-crs package (CRS 3.3.4) loads as ModSecurity loads it: setup, then the rules. */
class DebianCrsLoadTest {

    private static final Path DEBIAN_CRS = Path.of("/usr/share/modsecurity-crs");

    @Test
    void debianCrs334LoadsWithoutError() throws Exception {
        assumeTrue(Files.isDirectory(DEBIAN_CRS.resolve("rules")),
                "/usr/share/modsecurity-crs is absent (apt-get install modsecurity-crs): Debian CRS load not checked");
        Path setup = Files.exists(Path.of("/etc/modsecurity/crs/crs-setup.conf"))
                ? Path.of("/etc/modsecurity/crs/crs-setup.conf") : DEBIAN_CRS.resolve("crs-setup.conf.example");
        String config = "SecRuleEngine On\nSecRequestBodyAccess On\n"
                + "Include \"" + setup + "\"\n"
                + "Include \"" + DEBIAN_CRS.resolve("rules") + "/*.conf\"\n";

        WafRules rules = WafRules.parse(config, DEBIAN_CRS, WafSettings.defaults());

        assertThat(rules.ruleCount()).isGreaterThan(400);
    }
}

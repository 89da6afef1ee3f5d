package dev.rampart.waf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.waf.HttpRequest;
import dev.rampart.waf.Verdict;
import dev.rampart.waf.WafRules;
import dev.rampart.waf.WafSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's modsecurity-crs package (CRS 3.3.4, which {@code .ci/run} installs) loads as ModSecurity
 * loads it — setup, then the rules — and decides as CRS 3 should: a benign API call passes, a
 * classic SQL injection and a path traversal are denied by the anomaly-scoring rule.
 */
class DebianCrsLoadTest {

    private static final Path DEBIAN_CRS = Path.of("/usr/share/modsecurity-crs");
    private static WafRules rules;

    @BeforeAll
    static void loadDebianCrs() {
        assumeTrue(Files.isDirectory(DEBIAN_CRS.resolve("rules")),
                "/usr/share/modsecurity-crs is absent (apt-get install modsecurity-crs): Debian CRS load not checked");
        Path setup = Files.exists(Path.of("/etc/modsecurity/crs/crs-setup.conf"))
                ? Path.of("/etc/modsecurity/crs/crs-setup.conf") : DEBIAN_CRS.resolve("crs-setup.conf.example");
        String config = "SecRuleEngine On\nSecRequestBodyAccess On\n"
                + "Include \"" + setup + "\"\n"
                + "Include \"" + DEBIAN_CRS.resolve("rules") + "/*.conf\"\n";
        rules = WafRules.parse(config, DEBIAN_CRS, WafSettings.defaults());
    }

    @Test
    void debianCrs334LoadsWithoutError() {
        assertThat(rules.ruleCount()).isGreaterThan(400);
    }

    @Test
    void benignApiCallPasses() {
        Verdict verdict = inspect("/api/orders?status=open&limit=20&sort=created");

        assertThat(verdict.denied()).as("matched %s", verdict.matchedRuleIds()).isFalse();
    }

    @Test
    void sqlInjectionIsDeniedByAnomalyScore() {
        Verdict verdict = inspect("/api/orders?id=1%27%20UNION%20SELECT%20password%20FROM%20users--");

        assertThat(verdict.denied()).isTrue();
        assertThat(verdict.status()).isEqualTo(403);
        // 949110: CRS 3's inbound anomaly-score rule; 942xxx: its SQL injection family
        assertThat(verdict.interruptedBy()).isEqualTo(949110);
        assertThat(verdict.matchedRuleIds()).anyMatch(id -> id / 1000 == 942);
    }

    @Test
    void pathTraversalIsDenied() {
        Verdict verdict = inspect("/api/files?name=..%2f..%2f..%2fetc%2fpasswd");

        assertThat(verdict.denied()).isTrue();
        assertThat(verdict.matchedRuleIds()).anyMatch(id -> id / 1000 == 930);
    }

    private static Verdict inspect(String uri) {
        HttpRequest request = new HttpRequest("GET", uri, "HTTP/1.1", List.of(
                new HttpRequest.Header("Host", "api.example.com"),
                new HttpRequest.Header("User-Agent", "orders-client/2.1"),
                new HttpRequest.Header("Accept", "application/json")), new byte[0], "198.51.100.7", 50312);
        return rules.newTransaction(request).processRequest();
    }
}

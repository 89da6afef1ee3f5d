package dev.rampart.waf;

import static dev.rampart.waf.Requests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.waf.seclang.SecLangException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WafRulesTest {

    @TempDir
    Path directory;

    @Test
    void loadsFilesAndGlobsInOrder() throws Exception {
        Path rules = Files.createDirectories(directory.resolve("rules"));
        Files.writeString(directory.resolve("setup.conf"), "SecRuleEngine On\n");
        Files.writeString(rules.resolve("20-deny.conf"), "SecRule TX:seen \"@eq 1\" \"id:2,phase:1,deny,status:418\"\n");
        Files.writeString(rules.resolve("10-mark.conf"), "SecAction \"id:1,phase:1,pass,nolog,setvar:tx.seen=1\"\n");

        WafRules loaded = WafRules.load(List.of(directory.resolve("setup.conf"), rules.resolve("*.conf")),
                WafSettings.defaults());

        assertThat(loaded.ruleCount()).isEqualTo(2);
        assertThat(loaded.engineMode()).isEqualTo(EngineMode.ON);
        assertThat(loaded.newTransaction(get("/")).processRequest().status()).isEqualTo(418);
    }

    @Test
    void loadErrorsNameTheFileAndLine() throws Exception {
        Path file = Files.writeString(directory.resolve("bad.conf"), "SecRuleEngine On\n\nSecRule ARGS \"@rx (\" \"id:1\"\n");

        assertThatThrownBy(() -> WafRules.load(List.of(file), WafSettings.defaults()))
                .isInstanceOf(SecLangException.class)
                .hasMessageStartingWith(file.toAbsolutePath() + ":3: invalid operator");
        assertThatThrownBy(() -> WafRules.load(List.of(directory.resolve("missing.conf")), WafSettings.defaults()))
                .isInstanceOf(SecLangException.class).hasMessageContaining("matches no file");
    }

    @Test
    void requestStringsAreWireBytesAndTextBeyondLatin1IsUtf8Encoded() {
        WafRules rules = Requests.rules("SecRule ARGS:name \"@rx ^caf\\xc3\\xa9$\" \"id:1,phase:1,pass,log\"\n"
                + "SecRule REQUEST_HEADERS:X-Name \"@rx ^caf\\xc3\\xa9$\" \"id:2,phase:1,pass,log\"\n"
                + "SecRule REQUEST_HEADERS:X-Price \"@rx ^\\xe2\\x82\\xac5$\" \"id:3,phase:1,pass,log\"");

        Verdict verdict = rules.newTransaction(get("/?name=caf%C3%A9", "X-Name: caf\u00c3\u00a9", "X-Price: \u20ac5"))
                .processRequest();

        assertThat(verdict.matchedRuleIds()).containsExactly(1, 2, 3);
    }

    @Test
    void transactionsOfOneRuleSetRunConcurrentlyWithoutSharingState() throws Exception {
        WafRules rules = Requests.rules("SecRuleEngine On\n"
                + "SecRule ARGS:n \"@rx ^(\\d+)$\" \"id:1,phase:1,pass,nolog,capture,setvar:tx.n=%{TX.1}\"\n"
                + "SecRule TX:n \"@streq 7\" \"id:2,phase:1,deny\"");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i % 10;
                results.add(pool.submit(() -> rules.newTransaction(get("/?n=" + n)).processRequest().denied() == (n == 7)));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyTransactionHasItsOwnId() {
        WafRules rules = Requests.rules("SecAction \"id:1,phase:1,pass,nolog,setvar:tx.id=%{UNIQUE_ID}\"");
        Transaction first = rules.newTransaction(get("/"));
        Transaction second = rules.newTransaction(get("/"));
        first.processRequest();

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.transactionValue("id")).isEqualTo(first.id());
    }
}

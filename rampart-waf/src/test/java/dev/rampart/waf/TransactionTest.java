package dev.rampart.waf;

import static dev.rampart.waf.Requests.get;
import static dev.rampart.waf.Requests.matchedIds;
import static dev.rampart.waf.Requests.post;
import static dev.rampart.waf.Requests.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionTest {

    @Test
    void deniesWithTheRuleStatusWhenTheEngineIsOn() {
        WafRules rules = rules("SecRuleEngine On\n"
                + "SecRule ARGS:q \"@rx (?i)union\\s+select\" \"id:10,phase:1,deny,status:406,msg:'SQLi in %{MATCHED_VAR_NAME}'\"");
        Verdict verdict = rules.newTransaction(get("/search?q=1%20UNION%20SELECT%20pw")).processRequest();

        assertThat(verdict.denied()).isTrue();
        assertThat(verdict.status()).isEqualTo(406);
        assertThat(verdict.interruptedBy()).isEqualTo(10);
        assertThat(verdict.matches()).singleElement().satisfies(match -> {
            assertThat(match.message()).isEqualTo("SQLi in ARGS:q");
            assertThat(match.variableNames()).containsExactly("ARGS:q");
        });
    }

    @Test
    void detectionOnlyLogsTheMatchButAllows() {
        WafRules rules = rules("SecRuleEngine DetectionOnly\n"
                + "SecRule ARGS \"@contains attack\" \"id:11,phase:1,deny\"");
        Verdict verdict = rules.newTransaction(get("/?a=attack")).processRequest();

        assertThat(verdict.denied()).isFalse();
        assertThat(verdict.matchedRuleIds()).containsExactly(11);
    }

    @Test
    void engineOffRunsNoRule() {
        assertThat(matchedIds("SecRuleEngine Off\nSecAction \"id:12,phase:1,pass,log\"", get("/"))).isEmpty();
    }

    @Test
    void laterPhasesDoNotRunAfterADenyButLoggingDoes() {
        WafRules rules = rules("SecAction \"id:1,phase:1,deny\"\n"
                + "SecAction \"id:2,phase:2,pass,log\"\n"
                + "SecAction \"id:5,phase:5,pass,log\"");
        Transaction tx = rules.newTransaction(get("/"));
        tx.processRequest();

        assertThat(tx.processLogging().matchedRuleIds()).containsExactly(1, 5);
    }

    @Test
    void chainMatchesOnlyWhenEveryLinkMatchesAndReportsTheFirstId() {
        String rules = "SecRule REQUEST_METHOD \"@streq POST\" \"id:20,phase:1,pass,log,chain\"\n"
                + "  SecRule &REQUEST_HEADERS:X-Token \"@eq 0\"";

        assertThat(matchedIds(rules, post("/", "text/plain", "x"))).containsExactly(20);
        assertThat(matchedIds(rules, post("/", "text/plain", "x", "X-Token: t"))).isEmpty();
        assertThat(matchedIds(rules, get("/"))).isEmpty();
    }

    @Test
    void nonDisruptiveActionsOfAChainStarterRunEvenWhenTheChainFails() {
        WafRules rules = rules("SecRule ARGS:a \"@streq 1\" \"id:21,phase:1,pass,setvar:tx.seen=1,chain\"\n"
                + "  SecRule ARGS:b \"@streq 2\" \"setvar:tx.chained=1\"");
        Transaction tx = rules.newTransaction(get("/?a=1&b=3"));
        tx.processRequest();

        assertThat(tx.transactionValue("seen")).isEqualTo("1");
        assertThat(tx.transactionValue("chained")).isNull();
    }

    @Test
    void skipAfterJumpsPastTheMarker() {
        String rules = "SecAction \"id:30,phase:1,pass,nolog,skipAfter:END\"\n"
                + "SecAction \"id:31,phase:1,pass,log\"\n"
                + "SecMarker END\n"
                + "SecAction \"id:32,phase:1,pass,log\"";

        assertThat(matchedIds(rules, get("/"))).containsExactly(32);
    }

    @Test
    void skipSkipsTheNextRulesCountingAChainOnce() {
        String rules = "SecAction \"id:33,phase:1,pass,nolog,skip:1\"\n"
                + "SecRule REQUEST_URI \"@unconditionalMatch\" \"id:34,phase:1,pass,log,chain\"\n"
                + "  SecRule REQUEST_METHOD \"@unconditionalMatch\"\n"
                + "SecAction \"id:35,phase:1,pass,log\"";

        assertThat(matchedIds(rules, get("/"))).containsExactly(35);
    }

    @Test
    void allowStopsTheRemainingRulesWhenTheEngineIsOn() {
        String rules = "SecRule REMOTE_ADDR \"@streq 127.0.0.1\" \"id:40,phase:1,allow,nolog\"\n"
                + "SecAction \"id:41,phase:2,deny\"";

        Verdict verdict = rules(rules).newTransaction(get("/")).processRequest();

        assertThat(verdict.denied()).isFalse();
    }

    @Test
    void setvarSetsAddsSubtractsAndRemovesWithMacros() {
        WafRules rules = rules("SecAction \"id:50,phase:1,pass,nolog,setvar:tx.base=5,setvar:'tx.score=+%{tx.base}',"
                + "setvar:tx.score=+3,setvar:tx.score=-1,setvar:tx.gone=1,setvar:!tx.gone,setvar:'tx.id_%{rule.id}=x'\"");
        Transaction tx = rules.newTransaction(get("/"));
        tx.processRequest();

        assertThat(tx.transactionValue("score")).isEqualTo("7");
        assertThat(tx.transactionValue("gone")).isNull();
        assertThat(tx.transactionValue("id_50")).isEqualTo("x");
    }

    @Test
    void captureStoresGroupsForTheNextChainLink() {
        String rules = "SecRule ARGS:pair \"@rx ^(\\w+)=(\\w+)$\" \"id:60,phase:1,pass,log,capture,chain\"\n"
                + "  SecRule TX:1 \"@streq %{TX.2}\"";

        assertThat(matchedIds(rules, get("/?pair=a%3Da"))).containsExactly(60);
        assertThat(matchedIds(rules, get("/?pair=a%3Db"))).isEmpty();
    }

    @Test
    void countsExclusionsAndRegexSelectorsPickTheRightValues() {
        String rules = "SecRule &ARGS \"@eq 3\" \"id:70,phase:1,pass,log\"\n"
                + "SecRule ARGS|!ARGS:safe \"@contains evil\" \"id:71,phase:1,pass,log\"\n"
                + "SecRule ARGS:/^id_/ \"@contains evil\" \"id:72,phase:1,pass,log\"";

        assertThat(matchedIds(rules, get("/?safe=evil&id_x=ok&other=1"))).containsExactly(70);
        assertThat(matchedIds(rules, get("/?safe=evil&ID_x=evil&other=1"))).containsExactly(70, 71, 72);
    }

    @Test
    void headerSelectorsIgnoreCase() {
        assertThat(matchedIds("SecRule REQUEST_HEADERS:user-agent \"@contains sqlmap\" \"id:80,phase:1,pass,log\"",
                get("/", "User-Agent: sqlmap/1.7"))).containsExactly(80);
    }

    @Test
    void transformationsRunInOrderAndNoneDropsInheritedOnes() {
        String rules = "SecDefaultAction \"phase:1,log,pass,t:lowercase\"\n"
                + "SecRule ARGS:a \"@streq abc\" \"id:90,phase:1\"\n"
                + "SecRule ARGS:a \"@streq abc\" \"id:91,phase:1,t:none\"\n"
                + "SecRule ARGS:b \"@streq <x>\" \"id:92,phase:1,t:none,t:urlDecode\"";

        assertThat(matchedIds(rules, get("/?a=ABC&b=%253Cx%253E"))).containsExactly(90, 92);
    }

    @Test
    void multiMatchInspectsTheValueBeforeAndAfterEachTransformation() {
        String rules = "SecRule ARGS:a \"@streq %41\" \"id:93,phase:1,pass,log,t:urlDecode\"\n"
                + "SecRule ARGS:a \"@streq %41\" \"id:94,phase:1,pass,log,t:urlDecode,multiMatch\"";

        assertThat(matchedIds(rules, get("/?a=%2541"))).containsExactly(94);
    }

    @Test
    void negatedOperatorMatchesWhatTheOperatorDoesNot() {
        String rules = "SecRule REQUEST_METHOD \"!@within GET HEAD\" \"id:95,phase:1,pass,log\"";

        assertThat(matchedIds(rules, get("/"))).isEmpty();
        assertThat(matchedIds(rules, post("/", "text/plain", ""))).containsExactly(95);
    }

    @Test
    void ctlRemovesRulesAndTargetsForThisTransactionOnly() {
        WafRules rules = rules("SecRule REQUEST_URI \"@beginsWith /upload\" "
                + "\"id:100,phase:1,pass,nolog,ctl:ruleRemoveById=102,ctl:ruleRemoveTargetById=101;ARGS:file\"\n"
                + "SecRule ARGS \"@contains <\" \"id:101,phase:1,pass,log\"\n"
                + "SecRule ARGS \"@contains <\" \"id:102,phase:1,pass,log\"");

        Transaction upload = rules.newTransaction(get("/upload?file=%3Cx"));
        Transaction other = rules.newTransaction(get("/other?file=%3Cx"));

        assertThat(upload.processRequest().matchedRuleIds()).isEmpty();
        assertThat(other.processRequest().matchedRuleIds()).containsExactly(101, 102);
    }

    @Test
    void ctlRuleEngineTurnsDetectionOnlyForOneTransaction() {
        WafRules rules = rules("SecRuleEngine On\n"
                + "SecRule REQUEST_HEADERS:X-Canary \"@streq 1\" \"id:110,phase:1,pass,nolog,ctl:ruleEngine=DetectionOnly\"\n"
                + "SecAction \"id:111,phase:1,deny\"");

        assertThat(rules.newTransaction(get("/", "X-Canary: 1")).processRequest().denied()).isFalse();
        assertThat(rules.newTransaction(get("/")).processRequest().denied()).isTrue();
    }

    @Test
    void anomalyScoringBlocksOnceTheThresholdIsReached() {
        String crsLike = "SecRuleEngine On\n"
                + "SecDefaultAction \"phase:2,log,pass\"\n"
                + "SecAction \"id:900,phase:1,pass,nolog,setvar:tx.inbound_anomaly_score_threshold=5\"\n"
                + "SecRule ARGS \"@contains '\" \"id:901,phase:2,block,setvar:tx.score=+3\"\n"
                + "SecRule ARGS \"@contains --\" \"id:902,phase:2,block,setvar:tx.score=+3\"\n"
                + "SecRule TX:score \"@ge %{tx.inbound_anomaly_score_threshold}\" \"id:949,phase:2,deny,status:403\"";
        WafRules rules = rules(crsLike);

        Verdict attack = rules.newTransaction(get("/?a=x%27--")).processRequest();
        Verdict prose = rules.newTransaction(get("/?a=it%27s")).processRequest();

        assertThat(attack.denied()).isTrue();
        assertThat(attack.matchedRuleIds()).containsExactly(901, 902, 949);
        assertThat(prose.denied()).isFalse();
    }

    @Test
    void settingsSeedParanoiaAndDirectives() {
        WafSettings settings = WafSettings.defaults().withParanoiaLevel(3).withEngineMode(EngineMode.ON)
                .withDirectives("SecRuleRemoveById 121");
        WafRules rules = WafRules.parse("SecRule TX:blocking_paranoia_level \"@eq 3\" \"id:120,phase:1,pass,log\"\n"
                + "SecAction \"id:121,phase:1,deny\"", java.nio.file.Path.of("."), settings);
        Transaction tx = rules.newTransaction(get("/"));

        assertThat(tx.processRequest().matchedRuleIds()).containsExactly(120);
        assertThat(rules.ruleCount()).isEqualTo(1);
    }

    @Test
    void responsePhasesSeeStatusHeadersAndListedBodyTypes() {
        WafRules rules = rules("SecResponseBodyAccess On\nSecResponseBodyMimeType application/json\n"
                + "SecRule RESPONSE_STATUS \"@streq 500\" \"id:130,phase:3,pass,log\"\n"
                + "SecRule RESPONSE_HEADERS:Server \"@contains Apache\" \"id:131,phase:3,pass,log\"\n"
                + "SecRule RESPONSE_BODY \"@contains ORA-00933\" \"id:132,phase:4,pass,log\"");
        Transaction tx = rules.newTransaction(get("/"));
        tx.processRequest();
        HttpResponse response = new HttpResponse(500, "HTTP/1.1", List.of(new HttpRequest.Header("Server", "Apache/2.4"),
                new HttpRequest.Header("Content-Type", "application/json; charset=utf-8")),
                "{\"error\":\"ORA-00933: SQL command not properly ended\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(tx.processResponse(response).matchedRuleIds()).containsExactly(130, 131, 132);
    }

    @Test
    void transformationResultsAreSharedAcrossRulesWithTheSameChain() {
        String rules = "SecRule ARGS \"@contains select\" \"id:140,phase:1,pass,log,t:urlDecodeUni,t:lowercase\"\n"
                + "SecRule ARGS \"@contains union\" \"id:141,phase:1,pass,log,t:urlDecodeUni,t:lowercase\"";

        assertThat(matchedIds(rules, get("/?q=%2555NION%20SELECT"))).containsExactly(140, 141);
    }
}

package dev.rampart.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.waf.HttpRequest;
import dev.rampart.waf.RuleMatch;
import dev.rampart.waf.seclang.SecLangParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-transaction views rules read (by view and chain index, numbered when a rule set is
 * built) stay correct when one parser builds two rule sets that share targets and chains.
 */
class RuleSetViewsTest {

    @Test
    void aParserBuiltTwiceKeepsEachTargetAndChainApart() {
        SecLangParser parser = new SecLangParser();
        parser.parseText(String.join("\n",
                "SecRule REQUEST_HEADERS:User-Agent \"@rx scanner\" \"id:1,phase:1,pass,log,t:lowercase\"",
                ""), "<first>", Path.of("."));
        RuleSet first = parser.build();
        // New targets and chains, numbered from 0 again in the second set while the first set's
        // keep their numbers.
        parser.parseText(String.join("\n",
                "SecRule REQUEST_HEADERS:Referer \"@rx evil\" \"id:2,phase:1,pass,log,t:urlDecode\"",
                "SecRule REQUEST_HEADERS:User-Agent \"@rx SCANNER\" \"id:3,phase:1,pass,log,t:uppercase\"",
                ""), "<second>", Path.of("."));
        RuleSet second = parser.build();
        HttpRequest request = HttpRequest.of("GET", "/", List.of(
                new HttpRequest.Header("User-Agent", "Scanner/1.0"),
                new HttpRequest.Header("Referer", "http://x/%65vil")));
        assertThat(matchedIds(first, request)).containsExactly(1);
        assertThat(matchedIds(second, request)).containsExactly(1, 2, 3);
        assertThat(matchedIds(first, request)).containsExactly(1);
    }

    @Test
    void chainsNumberedAgainInASecondSetDoNotShareAView() {
        SecLangParser parser = new SecLangParser();
        parser.parseText(String.join("\n",
                "SecRule ARGS \"@rx ^x%41$\" \"id:1,phase:1,pass,log,t:lowercase\"",
                "SecRule ARGS \"@rx ^X%41$\" \"id:2,phase:1,pass,log,t:uppercase\"",
                ""), "<first>", Path.of("."));
        RuleSet first = parser.build();
        // urlDecode and hexEncode get the numbers 0 and 1 again in the second set, as lowercase
        // and uppercase have: ARGS' view must not hand hexEncode the uppercase values.
        parser.parseText(String.join("\n",
                "SecRule ARGS \"@rx ^xA$\" \"id:3,phase:1,pass,log,t:urlDecode\"",
                "SecRule ARGS \"@rx ^78253431$\" \"id:4,phase:1,pass,log,t:hexEncode\"",
                ""), "<second>", Path.of("."));
        RuleSet second = parser.build();
        HttpRequest request = HttpRequest.of("GET", "/?a=x%2541", List.of(new HttpRequest.Header("Host", "h")));
        assertThat(matchedIds(first, request)).containsExactly(1, 2);
        assertThat(matchedIds(second, request)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aViewOfOneKeySeesItsKeyChangeButNotOthers() {
        // Rules 2, 4 and 6 name TX:Level in different spellings: one view, kept while only
        // TX:other changes, rebuilt when TX:level does (and when it goes and comes back).
        RuleSet rules = ruleSet(
                "SecAction \"id:1,phase:1,pass,nolog,setvar:tx.level=1\"",
                "SecRule TX:Level \"@eq 1\" \"id:2,phase:1,pass,log\"",
                "SecAction \"id:3,phase:1,pass,nolog,setvar:tx.other=2\"",
                "SecRule TX:LEVEL \"@eq 1\" \"id:4,phase:1,pass,log\"",
                "SecAction \"id:5,phase:1,pass,nolog,setvar:tx.level=7\"",
                "SecRule TX:level \"@eq 7\" \"id:6,phase:1,pass,log\"",
                "SecRule TX:level \"@eq 1\" \"id:7,phase:1,pass,log\"",
                "SecAction \"id:8,phase:1,pass,nolog,setvar:!tx.level\"",
                "SecRule &TX:level \"@eq 0\" \"id:9,phase:1,pass,log\"",
                "SecRule TX:level \"@rx .\" \"id:10,phase:1,pass,log\"",
                "SecAction \"id:11,phase:1,pass,nolog,setvar:tx.level=3\"",
                "SecRule TX:level \"@eq 3\" \"id:12,phase:1,pass,log\"");
        HttpRequest request = HttpRequest.of("GET", "/", List.of(new HttpRequest.Header("Host", "h")));
        assertThat(matchedIds(rules, request)).containsExactly(2, 4, 6, 9, 12);
    }

    @Test
    void equalValuesKeepTheirOwnVerdictsWithTheMissMemo() {
        // Misses are remembered per equal value and rule; matches are not: both injected
        // arguments are reported, and the plain ones (equal to each other) are not.
        RuleSet rules = ruleSet(
                "SecRule ARGS \"@detectSQLi\" \"id:1,phase:1,pass,log\"",
                "SecRule ARGS \"@rx (?i)union\\s+select\" \"id:2,phase:1,pass,log,t:urlDecodeUni\"");
        HttpRequest request = HttpRequest.of("GET",
                "/?a=1%27%20or%20%271%27%3D%271&p=plain&b=1%27%20or%20%271%27%3D%271&q=plain&u=x%20union%20select%20y&v=plain",
                List.of(new HttpRequest.Header("Host", "h")));
        TransactionState tx = new TransactionState(request, rules.config(), "t", rules.viewCount(), rules.linkCount());
        List<RuleMatch> matches = new ArrayList<>();
        RuleEvaluator.run(rules, tx, 1, matches);
        assertThat(matches).extracting(RuleMatch::ruleId).containsExactly(1, 2);
        assertThat(matches.get(0).variableNames()).containsExactly("ARGS:a", "ARGS:b", "ARGS:u");
        assertThat(matches.get(1).variableNames()).containsExactly("ARGS:u");
    }

    @Test
    void chainsThatChangeNoValueShareOneResultAndOthersKeepTheirOwn() {
        // On ?a=hello no chain below changes the value: rules 1-4 read one shared result. On
        // ?a=HE%254CLO (HE%4CLO once the query is decoded) each chain makes its own form.
        RuleSet rules = ruleSet(
                "SecRule ARGS \"@rx hello\" \"id:1,phase:1,pass,log,t:removeNulls\"",
                "SecRule ARGS \"@rx hello\" \"id:2,phase:1,pass,log,t:urlDecodeUni,t:lowercase\"",
                "SecRule ARGS \"@rx HE%4CLO\" \"id:3,phase:1,pass,log,t:none\"",
                "SecRule ARGS \"@rx he%4clo\" \"id:4,phase:1,pass,log,t:lowercase\"",
                "SecRule ARGS \"@rx HELLO\" \"id:5,phase:1,pass,log,t:urlDecodeUni\"");
        assertThat(matchedIds(rules, HttpRequest.of("GET", "/?a=hello", List.of(new HttpRequest.Header("Host", "h")))))
                .containsExactly(1, 2);
        assertThat(matchedIds(rules, HttpRequest.of("GET", "/?a=HE%254CLO", List.of(new HttpRequest.Header("Host", "h")))))
                .containsExactly(2, 3, 4, 5);
        assertThat(matchedIds(rules, HttpRequest.of("GET", "/?a=hello&b=HE%254CLO", List.of(new HttpRequest.Header("Host", "h")))))
                .containsExactly(1, 2, 3, 4, 5);
    }

    /** A rule set of {@code lines}, from a parser of its own. */
    private static RuleSet ruleSet(String... lines) {
        SecLangParser parser = new SecLangParser();
        parser.parseText(String.join("\n", lines) + "\n", "<test>", Path.of("."));
        return parser.build();
    }

    private static List<Integer> matchedIds(RuleSet rules, HttpRequest request) {
        TransactionState tx = new TransactionState(request, rules.config(), "t", rules.viewCount(), rules.linkCount());
        List<RuleMatch> matches = new ArrayList<>();
        RuleEvaluator.run(rules, tx, 1, matches);
        List<Integer> ids = new ArrayList<>();
        for (RuleMatch match : matches) {
            ids.add(match.ruleId());
        }
        return ids;
    }
}

package dev.rampart.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.waf.HttpRequest;
import dev.rampart.waf.Transaction;
import dev.rampart.waf.WafRules;
import dev.rampart.waf.WafSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Macro expansion through the parsed templates, as setvar, msg and operators use it. */
class MacroTemplateTest {

    @Test
    void expandsEachKindOfReferenceAndKeepsAnUnclosedOneAsText() {
        WafRules rules = WafRules.parse(String.join("\n",
                "SecRuleEngine On",
                "SecAction \"id:1,phase:1,pass,nolog,setvar:tx.Score=7\"",
                "SecAction \"id:2,phase:1,pass,nolog,setvar:'tx.x=[%{REQUEST_HEADERS.host}][%{args:A}][%{tx.score}]"
                        + "[%{tx.missing}][%{nosuch.var}][%{rule.id}][%{request_method}]50%{ left open'\"",
                ""), Path.of("."), WafSettings.defaults());
        Transaction tx = rules.newTransaction(HttpRequest.of("GET", "/p?a=one&a=two",
                List.of(new HttpRequest.Header("Host", "example.org"))));
        tx.processRequest();
        // Keys are case-insensitive and the first member wins; unknown variables and keys expand
        // to nothing; %{rule.id} is the running rule's.
        assertThat(tx.transactionValue("x")).isEqualTo("[example.org][one][7][][][2][GET]50%{ left open");
    }

    @Test
    void textWithoutMacrosIsReturnedAsItIs() {
        MacroTemplate template = MacroTemplate.of("a %{ b");
        assertThat(template.variables).isEmpty();
        assertThat(template.literals).containsExactly("a %{ b");
    }
}

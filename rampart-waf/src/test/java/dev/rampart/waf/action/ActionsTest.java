package dev.rampart.waf.action;

import static dev.rampart.waf.Requests.get;
import static dev.rampart.waf.Requests.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.waf.RuleMatch;
import dev.rampart.waf.Transaction;
import org.junit.jupiter.api.Test;

class ActionsTest {

    @Test
    void metadataActionsFillTheReportedMatch() {
        Transaction tx = rules("SecRule ARGS:a \"@rx (b+)\" \"id:1,phase:1,pass,log,capture,msg:'found %{TX.1}',"
                + "logdata:'in %{MATCHED_VAR_NAME}',severity:'CRITICAL',tag:'attack-x',tag:'paranoia-level/1',"
                + "ver:'OWASP_CRS/4.28.0',rev:2,maturity:9,accuracy:8\"").newTransaction(get("/?a=abbc"));

        RuleMatch match = tx.processRequest().matches().get(0);

        assertThat(match.message()).isEqualTo("found bb");
        assertThat(match.data()).isEqualTo("in ARGS:a");
        assertThat(match.severity()).isEqualTo("CRITICAL");
        assertThat(match.tags()).containsExactly("attack-x", "paranoia-level/1");
    }

    @Test
    void nologHidesTheMatchButItsActionsStillRun() {
        Transaction tx = rules("SecAction \"id:2,phase:1,pass,nolog,setvar:tx.ran=1\"").newTransaction(get("/"));

        assertThat(tx.processRequest().matches()).isEmpty();
        assertThat(tx.transactionValue("ran")).isEqualTo("1");
    }

    @Test
    void initcolOpensATransactionScopedCollection() {
        Transaction tx = rules("SecAction \"id:3,phase:1,pass,nolog,initcol:ip=%{REMOTE_ADDR},setvar:ip.hits=+1\"\n"
                + "SecRule IP:hits \"@eq 1\" \"id:4,phase:1,pass,log\"").newTransaction(get("/"));

        assertThat(tx.processRequest().matchedRuleIds()).containsExactly(4);
    }

    @Test
    void rejectsArgumentsActionsDoNotTake() {
        assertThatThrownBy(() -> Actions.create("deny", "now")).hasMessageContaining("takes no argument");
        assertThatThrownBy(() -> Actions.create("id", "abc")).hasMessageContaining("needs an integer");
        assertThatThrownBy(() -> Actions.create("allow", "forever")).hasMessageContaining("'phase' or 'request'");
        assertThatThrownBy(() -> Actions.create("status", "42")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Actions.create("ctl", "ruleRemoveTargetById=942100")).hasMessageContaining("rule;TARGET");
        assertThatThrownBy(() -> Actions.create("ctl", "requestBodyProcessor=YAML")).hasMessageContaining("URLENCODED");
        assertThatThrownBy(() -> Actions.create("setvar", "geo.x=1")).hasMessageContaining("cannot write collection");
    }

    @Test
    void statusOutsideHttpRangeIsRejectedWhenDeclared() {
        assertThatThrownBy(() -> rules("SecAction \"id:5,phase:1,deny,status:42\""))
                .hasMessageContaining("status' needs an integer 100-599, got 42");
    }

    @Test
    void everyActionCrsUsesIsRegistered() {
        assertThat(Actions.names()).contains("id", "phase", "msg", "tag", "severity", "logdata", "capture", "setvar",
                "chain", "skip", "skipafter", "block", "deny", "drop", "pass", "allow", "log", "nolog", "auditlog",
                "noauditlog", "multimatch", "status", "initcol", "ver", "rev", "maturity", "accuracy", "t",
                "expirevar", "ctl");
    }
}

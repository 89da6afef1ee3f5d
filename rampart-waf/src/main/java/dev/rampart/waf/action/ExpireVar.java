package dev.rampart.waf.action;

/**
 * {@code expirevar}: sets when a persistent collection variable expires. Rampart's collections live
 * for one transaction, so the expiry is checked and has nothing left to do.
 * <pre>SecRule ARGS "{@literal @}rx x" "id:1,phase:2,pass,setvar:ip.hits=+1,expirevar:ip.hits=60"</pre>
 */
final class ExpireVar implements RuleAction {

    ExpireVar(String argument) {
        String text = Arguments.required("expirevar", argument);
        int equals = text.indexOf('=');
        int dot = text.indexOf('.');
        if (equals < 0 || dot <= 0 || dot > equals) {
            throw new IllegalArgumentException("expirevar needs collection.name=seconds, got '" + argument + "'");
        }
        Collections.check(text.substring(0, dot).trim(), "expirevar");
    }
}

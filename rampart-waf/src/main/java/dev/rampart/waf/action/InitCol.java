package dev.rampart.waf.action;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code initcol}: opens a named collection (IP, GLOBAL, SESSION, USER, RESOURCE) keyed by a macro
 * value. Rampart keeps these collections for the transaction only — counters across requests are the
 * rate limiter's job — so opening records the key and nothing persists.
 * <pre>SecAction "id:1,phase:1,pass,nolog,initcol:ip=%{REMOTE_ADDR}"</pre>
 */
final class InitCol implements RuleAction {

    private final String collection;
    private final String key;

    InitCol(String argument) {
        String text = Arguments.required("initcol", argument);
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("initcol needs collection=key (e.g. ip=%{REMOTE_ADDR}), got '" + argument + "'");
        }
        this.collection = text.substring(0, equals).trim();
        Collections.check(collection, "initcol");
        this.key = text.substring(equals + 1);
    }

    @Override
    public boolean runsOnMatch() {
        return true;
    }

    @Override
    public void execute(TransactionState tx) {
        Collections.of(tx, collection).put("KEY", tx.expandMacros(key));
    }
}

package dev.rampart.waf.action;

import dev.rampart.waf.engine.TransactionState;

/**
 * {@code setenv}: sets a variable of the ENV collection for later rules of the transaction.
 * <pre>SecRule REQUEST_HEADERS:User-Agent "{@literal @}pm bot" "id:1,phase:1,pass,setenv:client=bot"</pre>
 */
final class SetEnv implements RuleAction {

    private final String name;
    private final String value;

    SetEnv(String argument) {
        String text = Arguments.required("setenv", argument);
        int equals = text.indexOf('=');
        this.name = equals < 0 ? text.trim() : text.substring(0, equals).trim();
        this.value = equals < 0 ? "1" : text.substring(equals + 1);
    }

    @Override
    public boolean runsOnMatch() {
        return true;
    }

    @Override
    public void execute(TransactionState tx) {
        tx.env().put(tx.expandMacros(name), tx.expandMacros(value));
    }
}

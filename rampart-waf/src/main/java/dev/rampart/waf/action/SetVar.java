package dev.rampart.waf.action;

import dev.rampart.waf.engine.KeyedCollection;
import dev.rampart.waf.engine.TransactionState;
import java.util.Locale;

/**
 * {@code setvar}: sets ({@code tx.a=1}), adds to ({@code tx.a=+5}), subtracts from
 * ({@code tx.a=-5}) or removes ({@code !tx.a}) a variable of a collection; names and values may
 * hold macros. A variable set without a value gets an empty one.
 * <pre>SecRule ARGS "{@literal @}rx x" "id:1,phase:2,pass,setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"</pre>
 */
final class SetVar implements RuleAction {

    private enum Operation { SET, ADD, SUBTRACT, REMOVE }

    private final String collection;
    private final String key;
    private final String value;
    private final Operation operation;

    SetVar(String argument) {
        String text = Arguments.required("setvar", argument).trim();
        boolean remove = text.startsWith("!");
        if (remove) {
            text = text.substring(1);
        }
        int equals = text.indexOf('=');
        String name = equals < 0 ? text : text.substring(0, equals);
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            throw new IllegalArgumentException(
                    "setvar needs collection.name[=value] (e.g. tx.score=+5), got '" + argument + "'");
        }
        // Lowered once: Collections.of looks the name up on every execution.
        this.collection = name.substring(0, dot).trim().toLowerCase(Locale.ROOT);
        Collections.check(collection, "setvar");
        this.key = name.substring(dot + 1).trim();
        String rawValue = equals < 0 ? "" : text.substring(equals + 1);
        if (remove) {
            operation = Operation.REMOVE;
            value = "";
        } else if (rawValue.startsWith("+")) {
            operation = Operation.ADD;
            value = rawValue.substring(1);
        } else if (rawValue.startsWith("-")) {
            operation = Operation.SUBTRACT;
            value = rawValue.substring(1);
        } else {
            operation = Operation.SET;
            value = rawValue;
        }
    }

    @Override
    public boolean runsOnMatch() {
        return true;
    }

    @Override
    public void execute(TransactionState tx) {
        KeyedCollection target = Collections.of(tx, collection);
        String name = tx.expandMacros(key);
        switch (operation) {
            case REMOVE:
                target.remove(name);
                break;
            case SET:
                target.put(name, tx.expandMacros(value));
                break;
            case ADD:
                target.put(name, Long.toString(number(target.first(name)) + number(tx.expandMacros(value))));
                break;
            case SUBTRACT:
                target.put(name, Long.toString(number(target.first(name)) - number(tx.expandMacros(value))));
                break;
            default:
                throw new IllegalStateException(operation.name());
        }
    }

    /** ModSecurity reads a missing or non-numeric value as 0 in arithmetic. */
    private static long number(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package dev.rampart.waf.engine;

import dev.rampart.waf.variable.Variable;
import dev.rampart.waf.variable.Variables;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A text with {@code %{name.key}} macros, split once into literal parts and references with
 * their variable looked up: CRS expands macros in {@code setvar} on most matches
 * ({@code tx.inbound_anomaly_score_pl1=+%{tx.critical_anomaly_score}}), and parsing the text and
 * finding the variable each time was a good part of a benign request's cost. Texts come from rule
 * files, so the cache of templates is bounded by the rule sets loaded (and capped besides).
 */
final class MacroTemplate {

    private static final int MAX_CACHED = 8192;
    private static final ConcurrentHashMap<String, MacroTemplate> CACHE = new ConcurrentHashMap<>();

    /** Literal text before reference i; the last one after the last reference. */
    final String[] literals;
    /** Per reference: the variable, or null for {@code rule} and for unknown names (which expand to ""). */
    final Variable[] variables;
    /** Per reference: the key (lower case), or null. */
    final String[] keys;
    /** Per reference: whether it is {@code %{rule.*}}. */
    final boolean[] ruleMacros;

    private MacroTemplate(List<String> literals, List<Variable> variables, List<String> keys, List<Boolean> ruleMacros) {
        this.literals = literals.toArray(new String[0]);
        this.variables = variables.toArray(new Variable[0]);
        this.keys = keys.toArray(new String[0]);
        this.ruleMacros = new boolean[ruleMacros.size()];
        for (int i = 0; i < this.ruleMacros.length; i++) {
            this.ruleMacros[i] = ruleMacros.get(i);
        }
    }

    static MacroTemplate of(String text) {
        MacroTemplate template = CACHE.get(text);
        if (template == null) {
            template = parse(text);
            if (CACHE.size() < MAX_CACHED) {
                CACHE.put(text, template);
            }
        }
        return template;
    }

    /** As {@code TransactionState.expandMacros} read it: a {@code %{} without a closing brace stays text. */
    private static MacroTemplate parse(String text) {
        List<String> literals = new ArrayList<>();
        List<Variable> variables = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Boolean> ruleMacros = new ArrayList<>();
        int position = 0;
        int start = text.indexOf("%{");
        while (start >= 0) {
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                break;
            }
            literals.add(text.substring(position, start));
            String reference = text.substring(start + 2, end);
            int separator = indexOfSeparator(reference);
            String name = separator < 0 ? reference : reference.substring(0, separator);
            String key = separator < 0 ? null : reference.substring(separator + 1);
            boolean rule = name.equalsIgnoreCase("rule");
            ruleMacros.add(rule);
            variables.add(rule || !Variables.exists(name) ? null : Variables.named(name));
            keys.add(key == null ? null : key.toLowerCase(Locale.ROOT));
            position = end + 1;
            start = text.indexOf("%{", position);
        }
        literals.add(text.substring(position));
        return new MacroTemplate(literals, variables, keys, ruleMacros);
    }

    private static int indexOfSeparator(String reference) {
        int dot = reference.indexOf('.');
        int colon = reference.indexOf(':');
        if (dot < 0) {
            return colon;
        }
        return colon < 0 ? dot : Math.min(dot, colon);
    }
}

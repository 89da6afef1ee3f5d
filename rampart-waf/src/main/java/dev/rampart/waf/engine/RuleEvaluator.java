package dev.rampart.waf.engine;

import dev.rampart.waf.EngineMode;
import dev.rampart.waf.RuleMatch;
import dev.rampart.waf.action.RuleAction;
import dev.rampart.waf.operator.RegexBudgetExceededException;
import dev.rampart.waf.operator.Rx;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the rules of one phase against a transaction, as ModSecurity does: in order; a chain matches
 * when each of its rules matches; actions that change state run for every value a rule matches,
 * even when a later rule of its chain then fails (ModSecurity v2 semantics CRS is written for);
 * {@code skip}/{@code skipAfter} move forward; disruptive actions act only when the engine is On.
 */
public final class RuleEvaluator {

    /** How a phase ended. */
    public enum Ending { COMPLETED, INTERRUPTED, ALLOWED, ALLOWED_PHASE, ALLOWED_REQUEST }

    /** The end of a phase: how, and for an interruption the rule and status. */
    public record Outcome(Ending ending, int ruleId, int status) {
        static final Outcome COMPLETED = new Outcome(Ending.COMPLETED, 0, 0);
    }

    private static final String[] SEVERITIES =
        {"EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG"};

    private RuleEvaluator() {}

    /** Runs {@code phase} of {@code rules} on {@code tx}, appending logged matches to {@code matches}. */
    public static Outcome run(RuleSet rules, TransactionState tx, int phase, List<RuleMatch> matches) {
        List<Rule> phaseRules = rules.phase(phase);
        // One list for the whole phase, cleared per rule: most rules match nothing, and a logged
        // match takes a copy.
        List<String> matchedNames = new ArrayList<>();
        int skip = 0;
        for (int i = 0; i < phaseRules.size(); i++) {
            Rule rule = phaseRules.get(i);
            if (rule.isMarker()) {
                continue;
            }
            if (skip > 0) {
                skip--;
                continue;
            }
            if (tx.mode() == EngineMode.OFF) {
                return Outcome.COMPLETED;
            }
            if (tx.removed(rule)) {
                continue;
            }
            matchedNames.clear();
            if (!evaluateChain(rule, tx, rules.prefilter(), matchedNames)) {
                continue;
            }
            tx.raiseSeverity(rule.severity());
            if (rule.log()) {
                tx.currentRule(rule, rule);
                matches.add(new RuleMatch(rule.id(), phase, tx.expandMacros(rule.message()),
                        tx.expandMacros(rule.logData()), rule.severity() < 0 ? "" : SEVERITIES[rule.severity()],
                        rule.tags(), List.copyOf(matchedNames)));
            }
            Outcome outcome = disrupt(rule, tx);
            if (outcome != null) {
                return outcome;
            }
            if (rule.skipAfter() != null) {
                i = rules.skipAfterTarget(phase, i);
            } else if (rule.skip() > 0) {
                skip = rule.skip();
            }
        }
        return Outcome.COMPLETED;
    }

    private static Outcome disrupt(Rule rule, TransactionState tx) {
        if (tx.mode() != EngineMode.ON) {
            return null;
        }
        switch (rule.disruption()) {
            case DENY:
            case DROP:
                return new Outcome(Ending.INTERRUPTED, rule.id(), rule.status() == 0 ? 403 : rule.status());
            case REDIRECT:
                return new Outcome(Ending.INTERRUPTED, rule.id(), rule.status() == 0 ? 302 : rule.status());
            case ALLOW:
                return new Outcome(Ending.ALLOWED, rule.id(), 0);
            case ALLOW_PHASE:
                return new Outcome(Ending.ALLOWED_PHASE, rule.id(), 0);
            case ALLOW_REQUEST:
                return new Outcome(Ending.ALLOWED_REQUEST, rule.id(), 0);
            default:
                return null;
        }
    }

    private static boolean evaluateChain(Rule start, TransactionState tx, LiteralPrefilter prefilter,
            List<String> matchedNames) {
        tx.startChain();
        for (Rule link = start; link != null; link = link.chained()) {
            tx.currentRule(link, start);
            if (!evaluateRule(link, start, tx, prefilter, matchedNames)) {
                return false;
            }
        }
        return true;
    }

    /** What the prefilter said about a value for the rule's operator. */
    private static final int NOT_PREFILTERED = 0;
    private static final int LITERAL_FOUND = 1;
    /** None of the operator's literals is in the value: the operator cannot match it. */
    private static final int LITERAL_ABSENT = 2;

    private static boolean evaluateRule(Rule rule, Rule start, TransactionState tx, LiteralPrefilter prefilter,
            List<String> matchedNames) {
        if (rule.targets().isEmpty()) {
            // SecAction: matches once, unconditionally.
            runActions(rule, tx);
            return true;
        }
        List<Target> exclusions = tx.exclusionsFor(rule, start.id());
        int slot = rule.prefilterSlot();
        boolean matched = false;
        // Indexed loops: an iterator per rule and target was a good part of what a request allocated.
        List<Target> targets = rule.targets();
        for (int t = 0; t < targets.size(); t++) {
            Target target = targets.get(t);
            List<VariableValue> values = target.keptValues(tx);
            if (values != null) {
                TransactionState.TransformedValues transformed =
                        tx.transformed(target.view(), values, rule.transformations());
                if (transformed != null && rule.multiMatch()) {
                    if (evaluateEach(rule, target, exclusions, tx, prefilter, values, transformed, matchedNames)) {
                        matched = true;
                    }
                    continue;
                }
                if (transformed != null) {
                    if (slot >= 0 && !rule.negated() && !transformed.anyHoldsLiteral(prefilter, slot)) {
                        // No value holds one of the operator's literals: none can match.
                        continue;
                    }
                    for (int i = 0; i < values.size(); i++) {
                        int prefiltered = NOT_PREFILTERED;
                        if (slot >= 0) {
                            prefiltered = transformed.holdsLiteral(prefilter, slot, i) ? LITERAL_FOUND : LITERAL_ABSENT;
                            if (prefiltered == LITERAL_ABSENT && !rule.negated()) {
                                // Cannot match: skipped before anything else is done for the value.
                                continue;
                            }
                        }
                        VariableValue value = values.get(i);
                        if (!exclusions.isEmpty() && target.excludes(exclusions, value)) {
                            continue;
                        }
                        if (test(rule, prefiltered, tx, prefilter, value, transformed.inspected(i), matchedNames)) {
                            matched = true;
                        }
                    }
                    continue;
                }
            }
            List<VariableValue> resolved = target.resolve(tx, exclusions);
            for (int v = 0; v < resolved.size(); v++) {
                VariableValue value = resolved.get(v);
                if (rule.multiMatch()) {
                    for (String candidate : rule.transformations().applyEach(value.value())) {
                        if (test(rule, prefiltered(tx, prefilter, slot, candidate), tx, prefilter, value, candidate, matchedNames)) {
                            matched = true;
                        }
                    }
                } else {
                    String inspected = tx.transform(rule.transformations(), value.value());
                    if (test(rule, prefiltered(tx, prefilter, slot, inspected), tx, prefilter, value, inspected, matchedNames)) {
                        matched = true;
                    }
                }
            }
        }
        return matched;
    }

    /**
     * A {@code multiMatch} rule on a target's values: the operator runs on each value and on each
     * distinct result of the rule's chain on the way (ModSecurity's multiMatch), the prefilter
     * ruling out the whole target, then each candidate, as for any rule.
     */
    private static boolean evaluateEach(Rule rule, Target target, List<Target> exclusions, TransactionState tx,
            LiteralPrefilter prefilter, List<VariableValue> values, TransactionState.TransformedValues transformed,
            List<String> matchedNames) {
        int slot = rule.prefilterSlot();
        if (slot >= 0 && !rule.negated() && !transformed.anyCandidateHoldsLiteral(prefilter, slot)) {
            return false;
        }
        boolean matched = false;
        for (int i = 0; i < values.size(); i++) {
            VariableValue value = values.get(i);
            if (!exclusions.isEmpty() && target.excludes(exclusions, value)) {
                continue;
            }
            List<String> candidates = transformed.candidates(i);
            for (int c = 0; c < candidates.size(); c++) {
                String candidate = candidates.get(c);
                int prefiltered = NOT_PREFILTERED;
                if (slot >= 0) {
                    prefiltered = transformed.formHoldsLiteral(prefilter, slot, i, candidate) ? LITERAL_FOUND : LITERAL_ABSENT;
                }
                if (test(rule, prefiltered, tx, prefilter, value, candidate, matchedNames)) {
                    matched = true;
                }
            }
        }
        return matched;
    }

    /** {@code slot}: the rule's place in {@code prefilter}, -1 when its operator is not prefiltered there. */
    private static int prefiltered(TransactionState tx, LiteralPrefilter prefilter, int slot, String inspected) {
        if (slot < 0) {
            return NOT_PREFILTERED;
        }
        return tx.holdsLiteral(prefilter, slot, inspected) ? LITERAL_FOUND : LITERAL_ABSENT;
    }

    /** Runs the rule's operator on {@code inspected}, or takes the prefilter's {@link #LITERAL_ABSENT} as its "no match". */
    private static boolean test(Rule rule, int prefiltered, TransactionState tx, LiteralPrefilter prefilter,
            VariableValue value, String inspected, List<String> matchedNames) {
        boolean result;
        if (prefiltered == LITERAL_ABSENT) {
            result = rule.negated();
        } else {
            if (rule.capture()) {
                tx.clearPendingCaptures();
            }
            try {
                boolean operatorMatch;
                // A regex's verdict is remembered once its literals were found (it is then about
                // to run the DFA over the value); a detector's always (it tokenizes the value).
                int missSlot = rule.operator() instanceof Rx && prefiltered != LITERAL_FOUND ? -1 : rule.missSlot();
                if (missSlot >= 0 && tx.knownMiss(inspected, missSlot)) {
                    // An equal value did not match this operator before in this transaction.
                    operatorMatch = false;
                } else {
                    if (prefiltered == LITERAL_FOUND && rule.operator() instanceof Rx rx) {
                        // The prefilter found the literals: the regex runs without looking for them again.
                        operatorMatch = rx.matchesHoldingRequiredLiteral(inspected, tx);
                    } else {
                        operatorMatch = rule.operator().matches(inspected, tx);
                    }
                    if (!operatorMatch && missSlot >= 0) {
                        tx.recordMiss(inspected, missSlot);
                    }
                }
                result = operatorMatch != rule.negated();
            } catch (RegexBudgetExceededException e) {
                // As ModSecurity on PCRE match limits: no verdict from this value, and a flag rules can check.
                tx.tx().put("MSC_PCRE_LIMITS_EXCEEDED", "1");
                return false;
            }
        }
        if (!result) {
            return false;
        }
        if (rule.capture() && !rule.negated()) {
            tx.commitCaptures();
        }
        tx.recordMatch(value, inspected);
        if (!matchedNames.contains(value.name())) {
            matchedNames.add(value.name());
        }
        runActions(rule, tx);
        return true;
    }

    private static void runActions(Rule rule, TransactionState tx) {
        List<RuleAction> actions = rule.matchActions();
        for (int i = 0; i < actions.size(); i++) {
            actions.get(i).execute(tx);
        }
    }
}

package dev.rampart.waf;

import java.util.List;

/**
 * What the rules decided so far for a transaction: allow, or deny with the HTTP status a
 * disruptive rule set ({@code deny,status:403}); and every logged rule match, in order. In
 * {@code DetectionOnly} mode the verdict always allows and the matches tell what would have acted.
 *
 * @param denied        whether a disruptive rule interrupted the transaction
 * @param status        the status to answer with when denied (403 unless the rule says otherwise); 0 when allowed
 * @param interruptedBy the id of the rule that interrupted, 0 when allowed
 * @param matches       the logged rule matches
 */
public record Verdict(boolean denied, int status, int interruptedBy, List<RuleMatch> matches) {

    public Verdict {
        matches = List.copyOf(matches);
    }

    /** The ids of the matched rules, in match order (a rule matching in two phases appears twice). */
    public List<Integer> matchedRuleIds() {
        return matches.stream().map(RuleMatch::ruleId).toList();
    }
}

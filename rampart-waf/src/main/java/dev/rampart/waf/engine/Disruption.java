package dev.rampart.waf.engine;

/**
 * The disruptive action of a rule: what a match does to the transaction when the engine is
 * {@code On}. {@code block} is resolved to the phase's {@code SecDefaultAction} when the rule is loaded.
 */
public enum Disruption {
    /** Keep going ({@code pass}). */
    PASS,
    /** Stop and answer with the rule's status, 403 by default ({@code deny}). */
    DENY,
    /** Close the connection; reported as a deny ({@code drop}). */
    DROP,
    /** Stop evaluating rules in every remaining phase but logging ({@code allow}). */
    ALLOW,
    /** Stop evaluating rules in the current phase ({@code allow:phase}). */
    ALLOW_PHASE,
    /** Stop evaluating request rules; response phases still run ({@code allow:request}). */
    ALLOW_REQUEST,
    /** Answer with a redirect to the rule's URL ({@code redirect:url}); reported as a deny with status 302. */
    REDIRECT,
    /** Use the SecDefaultAction of the rule's phase ({@code block}); never left in a loaded rule. */
    BLOCK
}

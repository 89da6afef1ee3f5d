package dev.rampart.waf.transform;

/**
 * A SecLang transformation ({@code t:name}): turns a variable's value into the form a rule's
 * operator inspects, e.g. {@code t:urlDecodeUni,t:lowercase} before a keyword match. Rules apply
 * transformations in the order written; implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface Transformation {

    /** The transformed value; returns {@code value} itself when there is nothing to change. */
    String apply(String value);
}

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

    /**
     * The {@link CharClasses} a value must hold for {@link #apply} to change it: for a value
     * holding none of them, {@code apply} returns a value equal to its argument, so a chain may
     * skip the step. {@link CharClasses#ANY} (the default) for a transformation that may change
     * any value ({@code t:length}, {@code t:base64Decode}, hashes).
     */
    default int triggers() {
        return CharClasses.ANY;
    }
}

package dev.rampart.waf.operator;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of SecLang operators, keyed by the name a rule writes after {@code @}
 * (case-insensitive, as in ModSecurity). An operator is built once per rule at load time, so a
 * bad argument (a pattern that does not compile, a missing phrase file) fails the load, naming
 * the operator, instead of failing a request.
 */
public final class Operators {

    private static final Map<String, OperatorFactory> BY_LOWERCASE_NAME = new HashMap<>();
    private static final Set<String> NAMES = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        register("rx", (argument, dir) -> new Rx(argument));
        register("pm", (argument, dir) -> Pm.ofPhrases(argument));
        register("pmFromFile", PmFromFile::create);
        register("pmf", PmFromFile::create);
        register("within", (argument, dir) -> new Within(argument));
        register("contains", (argument, dir) -> new Contains(argument));
        register("containsWord", (argument, dir) -> new ContainsWord(argument));
        register("beginsWith", (argument, dir) -> new BeginsWith(argument));
        register("endsWith", (argument, dir) -> new EndsWith(argument));
        register("streq", (argument, dir) -> new Streq(argument));
        register("strmatch", (argument, dir) -> new Strmatch(argument));
        register("eq", (argument, dir) -> new Eq(argument));
        register("ge", (argument, dir) -> new Ge(argument));
        register("gt", (argument, dir) -> new Gt(argument));
        register("le", (argument, dir) -> new Le(argument));
        register("lt", (argument, dir) -> new Lt(argument));
        register("ipMatch", (argument, dir) -> IpMatch.ofList(argument));
        register("ipMatchFromFile", IpMatchFromFile::create);
        register("ipMatchF", IpMatchFromFile::create);
        register("unconditionalMatch", (argument, dir) -> new UnconditionalMatch());
        register("noMatch", (argument, dir) -> new NoMatch());
        register("validateByteRange", (argument, dir) -> new ValidateByteRange(argument));
        register("validateUrlEncoding", (argument, dir) -> new ValidateUrlEncoding());
        register("validateUtf8Encoding", (argument, dir) -> new ValidateUtf8Encoding());
        register("detectSQLi", (argument, dir) -> new DetectSqli());
        register("detectXSS", (argument, dir) -> new DetectXss());
        register("geoLookup", (argument, dir) -> new GeoLookup());
        register("rbl", (argument, dir) -> new Rbl(argument));
    }

    private Operators() {
    }

    private static void register(String name, OperatorFactory factory) {
        BY_LOWERCASE_NAME.put(name.toLowerCase(Locale.ROOT), factory);
        NAMES.add(name);
    }

    /**
     * Builds operator {@code @name} with its argument as written in the rule (without the
     * operator name, e.g. {@code ^\d+$} for {@code "@rx ^\d+$"}; empty when there is none).
     *
     * @param rulesDirectory the directory of the rule file, against which file arguments resolve
     * @throws IllegalArgumentException naming the operator and what is wrong with the argument,
     *     or listing the known operators when {@code name} is none of them
     */
    public static Operator create(String name, String argument, Path rulesDirectory) {
        OperatorFactory factory = name == null ? null : BY_LOWERCASE_NAME.get(name.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException("unknown operator '@" + name + "'; known: " + String.join(", ", NAMES));
        }
        try {
            return factory.create(argument == null ? "" : argument, rulesDirectory);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@" + name + ": " + e.getMessage(), e);
        }
    }

    /** The names {@link #create} accepts, in their canonical spelling, sorted. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(NAMES);
    }
}

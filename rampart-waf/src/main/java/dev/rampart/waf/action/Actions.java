package dev.rampart.waf.action;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The SecLang actions, by name (case-insensitive). */
public final class Actions {

    private static final Map<String, Function<String, RuleAction>> BY_NAME = Map.ofEntries(
            Map.entry("id", Id::new),
            Map.entry("phase", Phase::new),
            Map.entry("msg", Msg::new),
            Map.entry("logdata", LogData::new),
            Map.entry("tag", Tag::new),
            Map.entry("severity", Severity::new),
            Map.entry("ver", Ver::new),
            Map.entry("rev", Rev::new),
            Map.entry("maturity", Maturity::new),
            Map.entry("accuracy", Accuracy::new),
            Map.entry("capture", Capture::new),
            Map.entry("multimatch", MultiMatch::new),
            Map.entry("chain", Chain::new),
            Map.entry("log", Log::new),
            Map.entry("nolog", NoLog::new),
            Map.entry("auditlog", AuditLog::new),
            Map.entry("noauditlog", NoAuditLog::new),
            Map.entry("block", Block::new),
            Map.entry("deny", Deny::new),
            Map.entry("drop", Drop::new),
            Map.entry("pass", Pass::new),
            Map.entry("allow", Allow::new),
            Map.entry("redirect", Redirect::new),
            Map.entry("status", Status::new),
            Map.entry("skip", Skip::new),
            Map.entry("skipafter", SkipAfter::new),
            Map.entry("t", T::new),
            Map.entry("setvar", SetVar::new),
            Map.entry("initcol", InitCol::new),
            Map.entry("expirevar", ExpireVar::new),
            Map.entry("setenv", SetEnv::new),
            Map.entry("ctl", Ctl::new));

    private Actions() {}

    /**
     * The action {@code name} with {@code argument} (null when written without {@code :}); throws
     * IllegalArgumentException for an unknown action or an argument it does not accept.
     */
    public static RuleAction create(String name, String argument) {
        Function<String, RuleAction> factory = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException("unknown action '" + name + "'; known actions: " + String.join(", ", names()));
        }
        return factory.apply(argument);
    }

    /** Every action name, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(BY_NAME.keySet());
    }

    /** Rule id ranges as {@code SecRuleRemoveById} takes them ({@code 1 2 10-20}), each as {from, to}. */
    public static java.util.List<int[]> idRanges(String text) {
        return Ctl.idRanges(text);
    }
}

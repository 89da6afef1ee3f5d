package dev.rampart.waf.engine;

import dev.rampart.waf.action.RuleAction;
import dev.rampart.waf.operator.Operator;
import java.util.List;
import java.util.Set;

/**
 * A loaded rule, immutable: its targets, operator, transformations and actions, with
 * {@code SecDefaultAction} already applied. A chain is the first rule with {@link #chained()}
 * pointing at the next; a {@code SecMarker} is a rule with a {@link #marker()} and nothing else.
 */
public final class Rule {

    private final int id;
    private final int phase;
    private final String file;
    private final int line;
    private final String marker;
    private final List<Target> targets;
    private final List<Target> exclusions;
    private final Operator operator;
    private final boolean negated;
    private final String operatorName;
    private final String operatorArgument;
    private final TransformationChain transformations;
    private final List<RuleAction> matchActions;
    private final Disruption disruption;
    private final int status;
    private final String redirectUrl;
    private final int skip;
    private final String skipAfter;
    private final String message;
    private final String logData;
    private final int severity;
    private final List<String> tags;
    /** {@link #tags} as a set, for the per-transaction "removed by tag" checks. */
    private final Set<String> tagSet;
    /** The last answer of {@link #hasTag}, for the tag string asked (by identity). */
    private TagAnswer lastTagAnswer;

    private record TagAnswer(String tag, boolean has) {}
    private final String version;
    private final boolean log;
    private final boolean capture;
    private final boolean multiMatch;
    private final Rule chained;
    /** The operator's slot in its rule set's {@link LiteralPrefilter}, -1 when none; set once when the set is built. */
    private int prefilterSlot = -1;
    /** This link's bit in a transaction's memo of values its operator did not match; -1 without one. */
    private int missSlot = -1;
    /** The rule's (link's) index in its rule set, for per-transaction arrays; set once when the set is built. */
    private int index = -1;

    Rule(RuleDefinition definition, List<Target> targets, TransformationChain transformations, Disruption disruption,
            int status, boolean log, Rule chained) {
        this.id = definition.id;
        this.phase = definition.phase;
        this.file = definition.file;
        this.line = definition.line;
        this.marker = null;
        this.targets = targets.stream().filter(t -> !t.exclusion()).toList();
        this.exclusions = targets.stream().filter(Target::exclusion).toList();
        this.operator = definition.operator;
        this.negated = definition.negated;
        this.operatorName = definition.operatorName;
        this.operatorArgument = definition.operatorArgument;
        this.transformations = transformations;
        this.matchActions = List.copyOf(definition.matchActions);
        this.disruption = disruption;
        this.status = status;
        this.redirectUrl = definition.redirectUrl;
        this.skip = definition.skip;
        this.skipAfter = definition.skipAfter;
        this.message = definition.message;
        this.logData = definition.logData;
        this.severity = definition.severity;
        this.tags = List.copyOf(definition.tags);
        this.tagSet = Set.copyOf(tags);
        this.version = definition.version;
        this.log = log;
        this.capture = definition.capture;
        this.multiMatch = definition.multiMatch;
        this.chained = chained;
    }

    private Rule(String marker, String file, int line) {
        this.id = 0;
        this.phase = 0;
        this.file = file;
        this.line = line;
        this.marker = marker;
        this.targets = List.of();
        this.exclusions = List.of();
        this.operator = null;
        this.negated = false;
        this.operatorName = "";
        this.operatorArgument = "";
        this.transformations = new TransformationChain(List.of(), List.of());
        this.matchActions = List.of();
        this.disruption = Disruption.PASS;
        this.status = 0;
        this.redirectUrl = "";
        this.skip = 0;
        this.skipAfter = null;
        this.message = "";
        this.logData = "";
        this.severity = -1;
        this.tags = List.of();
        this.tagSet = Set.of();
        this.version = "";
        this.log = false;
        this.capture = false;
        this.multiMatch = false;
        this.chained = null;
    }

    /** A {@code SecMarker} position that {@code skipAfter} jumps past. */
    static Rule marker(String name, String file, int line) {
        return new Rule(name, file, line);
    }

    public int id() {
        return id;
    }

    public int phase() {
        return phase;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** The marker name when this is a {@code SecMarker}, else null. */
    public String marker() {
        return marker;
    }

    public boolean isMarker() {
        return marker != null;
    }

    public List<Target> targets() {
        return targets;
    }

    public List<Target> exclusions() {
        return exclusions;
    }

    public Operator operator() {
        return operator;
    }

    public boolean negated() {
        return negated;
    }

    public String operatorName() {
        return operatorName;
    }

    public String operatorArgument() {
        return operatorArgument;
    }

    public TransformationChain transformations() {
        return transformations;
    }

    public List<RuleAction> matchActions() {
        return matchActions;
    }

    public Disruption disruption() {
        return disruption;
    }

    /** The status a deny answers with, 0 when the rule sets none. */
    public int status() {
        return status;
    }

    public String redirectUrl() {
        return redirectUrl;
    }

    public int skip() {
        return skip;
    }

    /** The marker {@code skipAfter} names, or null. */
    public String skipAfter() {
        return skipAfter;
    }

    public String message() {
        return message;
    }

    public String logData() {
        return logData;
    }

    /** Severity 0 (EMERGENCY) to 7 (DEBUG), -1 when the rule has none. */
    public int severity() {
        return severity;
    }

    public List<String> tags() {
        return tags;
    }

    /** Whether the rule has tag {@code tag} (exact, as {@code ctl:ruleRemoveTargetByTag} matches). */
    public boolean hasTag(String tag) {
        // CRS asks every rule the same question in most transactions (941010's
        // ctl:ruleRemoveTargetByTag=xss-perf-disable): the last answer is kept, for the tag
        // string of that action by identity. One immutable object, so a thread that reads
        // another's answer reads it whole.
        TagAnswer last = lastTagAnswer;
        if (last != null && last.tag() == tag) {
            return last.has();
        }
        boolean has = tagSet.contains(tag);
        lastTagAnswer = new TagAnswer(tag, has);
        return has;
    }

    public String version() {
        return version;
    }

    public boolean log() {
        return log;
    }

    public boolean capture() {
        return capture;
    }

    public boolean multiMatch() {
        return multiMatch;
    }

    int prefilterSlot() {
        return prefilterSlot;
    }

    void prefilterSlot(int slot) {
        this.prefilterSlot = slot;
    }

    int missSlot() {
        return missSlot;
    }

    void missSlot(int slot) {
        this.missSlot = slot;
    }

    int index() {
        return index;
    }

    void index(int index) {
        this.index = index;
    }

    /** The next rule of the chain, or null. */
    public Rule chained() {
        return chained;
    }

    @Override
    public String toString() {
        return isMarker() ? "SecMarker " + marker : "rule " + id + " (" + file + ":" + line + ")";
    }
}

package dev.rampart.waf.engine;

import dev.rampart.waf.action.RuleAction;
import dev.rampart.waf.operator.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule while its directive is being read: actions {@link RuleAction#declare declare} onto it,
 * {@code SecRuleUpdateTargetById} may still change its targets, and {@link #build} freezes it.
 */
public final class RuleDefinition {

    final String file;
    final int line;
    int id;
    boolean hasId;
    int phase = 2;
    boolean phaseSet;
    final List<Target> targets = new ArrayList<>();
    Operator operator;
    boolean negated;
    String operatorName = "";
    String operatorArgument = "";
    final List<String> transformationNames = new ArrayList<>();
    boolean transformationsReset;
    final List<RuleAction> matchActions = new ArrayList<>();
    Disruption disruption;
    int status;
    String redirectUrl = "";
    int skip;
    String skipAfter;
    String message = "";
    String logData = "";
    int severity = -1;
    final List<String> tags = new ArrayList<>();
    String version = "";
    String revision = "";
    int maturity;
    int accuracy;
    Boolean log;
    Boolean auditLog;
    boolean capture;
    boolean multiMatch;
    boolean chain;
    RuleDefinition chained;

    public RuleDefinition(String file, int line) {
        this.file = file;
        this.line = line;
    }

    public void id(int ruleId) {
        if (ruleId <= 0) {
            throw new IllegalArgumentException("rule id must be a positive integer, got " + ruleId);
        }
        this.id = ruleId;
        this.hasId = true;
    }

    public int id() {
        return id;
    }

    public void phase(int rulePhase) {
        if (rulePhase < 1 || rulePhase > 5) {
            throw new IllegalArgumentException("phase must be 1-5, request, response or logging; got " + rulePhase);
        }
        this.phase = rulePhase;
        this.phaseSet = true;
    }

    public void message(String text) {
        this.message = text;
    }

    public void logData(String text) {
        this.logData = text;
    }

    public void severity(int level) {
        this.severity = level;
    }

    public void tag(String tag) {
        tags.add(tag);
    }

    public void version(String text) {
        this.version = text;
    }

    public void revision(String text) {
        this.revision = text;
    }

    public void maturity(int level) {
        this.maturity = level;
    }

    public void accuracy(int level) {
        this.accuracy = level;
    }

    public void log(boolean on) {
        this.log = on;
    }

    public void auditLog(boolean on) {
        this.auditLog = on;
    }

    public void capture() {
        this.capture = true;
    }

    public void multiMatch() {
        this.multiMatch = true;
    }

    public void chain() {
        this.chain = true;
    }

    public void disruption(Disruption action) {
        this.disruption = action;
    }

    public void status(int httpStatus) {
        this.status = httpStatus;
    }

    public void redirectUrl(String url) {
        this.redirectUrl = url;
    }

    public void skip(int rules) {
        if (rules < 1) {
            throw new IllegalArgumentException("skip needs a positive number of rules, got " + rules);
        }
        this.skip = rules;
    }

    public void skipAfter(String marker) {
        this.skipAfter = marker;
    }

    /** Adds a transformation by SecLang name; {@code none} drops the ones before it (inherited ones included). */
    public void transformation(String name) {
        if (name.equalsIgnoreCase("none")) {
            transformationNames.clear();
            transformationsReset = true;
        } else {
            transformationNames.add(name);
        }
    }

    /** Adds an action that runs each time the rule matches. */
    public void onMatch(RuleAction action) {
        matchActions.add(action);
    }

    public List<Target> targets() {
        return targets;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String messageText() {
        return message;
    }

    public List<String> tags() {
        return tags;
    }
}

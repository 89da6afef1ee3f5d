package dev.rampart.waf.engine;

import dev.rampart.waf.variable.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A loaded rule set: the engine directives and, per phase, the rules in the order written, with
 * every {@code SecMarker} in each phase so {@code skipAfter} finds it. Immutable and shared by all
 * transactions.
 */
public final class RuleSet {

    private final EngineConfig config;
    private final List<List<Rule>> phases;
    private final int ruleCount;
    private final int viewCount;
    private final int linkCount;
    private final LiteralPrefilter prefilter;
    /** Per phase, for a rule with {@code skipAfter}, the index of its marker (or the phase's end); else -1. */
    private final List<int[]> skipAfterTargets;

    /** The rule set of {@code rules} (chains as their first rule, markers included) in definition order. */
    public RuleSet(EngineConfig config, List<Rule> rules) {
        this.config = config;
        List<List<Rule>> byPhase = new ArrayList<>();
        for (int phase = 0; phase <= 5; phase++) {
            byPhase.add(new ArrayList<>());
        }
        int count = 0;
        for (Rule rule : rules) {
            if (rule.isMarker()) {
                for (int phase = 1; phase <= 5; phase++) {
                    byPhase.get(phase).add(rule);
                }
            } else {
                byPhase.get(rule.phase()).add(rule);
                count++;
            }
        }
        List<List<Rule>> frozen = new ArrayList<>();
        for (List<Rule> phase : byPhase) {
            frozen.add(List.copyOf(phase));
        }
        this.phases = List.copyOf(frozen);
        this.ruleCount = count;
        this.prefilter = LiteralPrefilter.of(rules);
        // Each parse builds its own rules, so each rule belongs to this one set: its slot is
        // found here once instead of by a map lookup per evaluation.
        int views = TransactionState.VARIABLE_VIEWS;
        Map<Variable, Map<String, Integer>> keyedViews = new IdentityHashMap<>();
        int links = 0;
        int missSlots = 0;
        for (Rule start : rules) {
            for (Rule link = start; link != null; link = link.chained()) {
                link.index(links++);
                if (link.operator() != null) {
                    link.prefilterSlot(prefilter.slotOf(link.operator()));
                    if (link.operator().dependsOnValueOnly()) {
                        link.missSlot(missSlots++);
                    }
                }
                for (Target target : link.targets()) {
                    if (target.key() != null) {
                        // One view per variable and key, shared by every target naming them: the
                        // sixty CRS rules reading TX:detection_paranoia_level build its values once.
                        Map<String, Integer> byKey = keyedViews.computeIfAbsent(target.variable(), v -> new HashMap<>());
                        Integer view = byKey.get(target.key().toLowerCase(Locale.ROOT));
                        if (view == null) {
                            view = views++;
                            byKey.put(target.key().toLowerCase(Locale.ROOT), view);
                        }
                        target.view(view);
                    }
                }
            }
        }
        this.viewCount = views;
        this.linkCount = links;
        List<int[]> targets = new ArrayList<>();
        for (List<Rule> phase : phases) {
            targets.add(skipAfterTargets(phase));
        }
        this.skipAfterTargets = List.copyOf(targets);
    }

    /** Found at load rather than by a scan per jump: CRS jumps over every block its paranoia level leaves off. */
    private static int[] skipAfterTargets(List<Rule> rules) {
        int[] targets = new int[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            targets[i] = -1;
            String name = rules.get(i).skipAfter();
            if (name != null) {
                targets[i] = rules.size();
                for (int j = i + 1; j < rules.size(); j++) {
                    if (rules.get(j).isMarker() && name.equals(rules.get(j).marker())) {
                        targets[i] = j;
                        break;
                    }
                }
            }
        }
        return targets;
    }

    /**
     * Where evaluation of {@code phase} continues after rule {@code index} matched with
     * {@code skipAfter}: the index of the first marker of that name after it, or the end of the
     * phase when none follows.
     */
    public int skipAfterTarget(int phase, int index) {
        return skipAfterTargets.get(phase)[index];
    }

    public EngineConfig config() {
        return config;
    }

    /** The rules and markers of {@code phase} (1–5), in order. */
    public List<Rule> phase(int phase) {
        return phases.get(phase);
    }

    /** The one-pass literal prefilter of this rule set's {@code @rx} operators. */
    public LiteralPrefilter prefilter() {
        return prefilter;
    }

    /** The view indexes of variables and rule targets a transaction keeps ({@link TransactionState#valuesOf}). */
    public int viewCount() {
        return viewCount;
    }

    /** The rules and chain links, each with its {@code Rule.index()} below this. */
    public int linkCount() {
        return linkCount;
    }

    /** The number of rules (chains counted once), markers excluded. */
    public int ruleCount() {
        return ruleCount;
    }
}

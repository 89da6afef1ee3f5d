package dev.rampart.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy config that cannot be compiled; lists every problem found, not only the first. */
public final class PolicyConfigException extends IllegalArgumentException {

    private final transient List<PolicyProblem> problems;

    PolicyConfigException(List<PolicyProblem> problems) {
        super(problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Each problem with its config path, for the config loader's findings. */
    public List<PolicyProblem> problems() {
        return problems;
    }
}

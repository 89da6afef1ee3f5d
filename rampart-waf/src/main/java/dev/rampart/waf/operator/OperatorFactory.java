package dev.rampart.waf.operator;

import java.nio.file.Path;

/**
 * Builds an operator from the argument a rule gives it, once, when the rules are loaded.
 * {@code rulesDirectory} is where the rule file lives; file arguments ({@code @pmFromFile}) are
 * resolved against it.
 */
@FunctionalInterface
public interface OperatorFactory {

    /** @throws IllegalArgumentException when {@code argument} is not valid for the operator */
    Operator create(String argument, Path rulesDirectory);
}

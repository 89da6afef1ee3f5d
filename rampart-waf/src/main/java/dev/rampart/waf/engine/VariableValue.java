package dev.rampart.waf.engine;

/**
 * One value a rule target yields: {@code name} is what {@code MATCHED_VAR_NAME} reports
 * ({@code ARGS:q}, {@code REQUEST_URI}), {@code key} the collection key ({@code q}, empty for a
 * single-valued variable).
 */
public record VariableValue(String name, String key, String value) {}

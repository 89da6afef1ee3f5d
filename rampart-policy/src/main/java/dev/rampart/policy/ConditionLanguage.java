package dev.rampart.policy;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL environment of conditions: the variables {@code principal}, {@code request} and
 * {@code resource} with declared types, so that a misspelt field or a comparison of a string with a
 * number is refused at load, not discovered on a request. Expressions must be boolean.
 */
final class ConditionLanguage {

    /** Longest condition accepted, in code points; conditions are one-liners, not programs. */
    static final int MAX_EXPRESSION_LENGTH = 4_096;
    /** Bound on macro iterations ({@code exists}, {@code all}) so one evaluation stays a few microseconds. */
    static final int MAX_COMPREHENSION_ITERATIONS = 1_000;

    private static final MapType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.STRING);
    private static final MapType DYN_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final ListType STRING_LIST = ListType.create(SimpleType.STRING);

    static final StructType PRINCIPAL = struct("rampart.Principal", fields(
            "id", SimpleType.STRING,
            "type", SimpleType.STRING,
            "authenticator", SimpleType.STRING,
            "roles", STRING_LIST,
            "scopes", STRING_LIST,
            "attributes", DYN_MAP));

    static final StructType REQUEST = struct("rampart.Request", fields(
            "method", SimpleType.STRING,
            "path", SimpleType.STRING,
            "params", STRING_MAP,
            "query", STRING_MAP,
            "headers", STRING_MAP,
            "ip", SimpleType.STRING,
            "time", SimpleType.TIMESTAMP));

    private final Cel cel;

    ConditionLanguage() {
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
                .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
                .build();
        this.cel = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(new Types())
                .addVar("principal", PRINCIPAL)
                .addVar("request", REQUEST)
                .addVar("resource", DYN_MAP)
                .setResultType(SimpleType.BOOL)
                .build();
    }

    /**
     * Compiles and type-checks one condition, or adds its problems (each with {@code line:column}
     * inside the expression) under {@code path}.
     */
    Condition compile(String expression, String path, List<PolicyProblem> problems) {
        if (expression.isBlank()) {
            problems.add(new PolicyProblem(path, "the condition is empty; write a CEL expression, e.g. "
                    + "request.params.org == principal.attributes.org, or leave the key out"));
            return null;
        }
        CelValidationResult result = cel.compile(expression);
        if (result.hasError()) {
            for (CelIssue issue : result.getErrors()) {
                // CEL columns count from 0; editors and people count from 1.
                problems.add(new PolicyProblem(path, issue.getSourceLocation().getLine() + ":"
                        + (issue.getSourceLocation().getColumn() + 1) + ": " + issue.getMessage()
                        + " (in condition '" + expression + "')"));
            }
            return null;
        }
        try {
            return new Condition(expression, path, cel.createProgram(result.getAst()));
        } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
            problems.add(new PolicyProblem(path, "cannot build the condition: " + e.getMessage()));
            return null;
        }
    }

    private static Map<String, CelType> fields(Object... nameTypePairs) {
        Map<String, CelType> out = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            out.put((String) nameTypePairs[i], (CelType) nameTypePairs[i + 1]);
        }
        return out;
    }

    private static StructType struct(String name, Map<String, CelType> fields) {
        return StructType.create(name, ImmutableSet.copyOf(fields.keySet()), f -> Optional.ofNullable(fields.get(f)));
    }

    /** Makes the two struct types known to the checker; values are Java maps at run time. */
    private static final class Types implements CelTypeProvider {
        private final ImmutableList<CelType> types = ImmutableList.of(PRINCIPAL, REQUEST);

        @Override
        public ImmutableCollection<CelType> types() {
            return types;
        }

        @Override
        public Optional<CelType> findType(String typeName) {
            for (CelType t : types) {
                if (t.name().equals(typeName)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }
}

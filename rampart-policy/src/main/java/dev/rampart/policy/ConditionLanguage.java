package dev.rampart.policy;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
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
import dev.cel.common.types.CelTypes;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CEL environment of conditions: the variables {@code principal}, {@code request} and
 * {@code resource} with declared types, so that a misspelt field or a comparison of a string with a
 * number is refused at load, not discovered on a request. Conditions must be boolean.
 *
 * <p>{@link #forValues()} is the same environment for {@link RequestExpression}s, which compute a
 * value from {@code principal} and {@code request} (no {@code resource}: only a policy decision has one).
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

    /** What a value expression may yield: text, or what reads unambiguously as text; dyn is checked per evaluation. */
    private static final Set<CelType> VALUE_TYPES =
            Set.of(SimpleType.STRING, SimpleType.INT, SimpleType.UINT, SimpleType.BOOL, SimpleType.DYN);

    private static volatile ConditionLanguage values;

    private final Cel cel;
    private final boolean conditions;

    /** The environment of policy conditions. */
    ConditionLanguage() {
        this(true);
    }

    private ConditionLanguage(boolean conditions) {
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
                .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
                .build();
        var builder = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(new Types())
                .addVar("principal", PRINCIPAL)
                .addVar("request", REQUEST);
        if (conditions) {
            builder.addVar("resource", DYN_MAP).setResultType(SimpleType.BOOL);
        }
        this.cel = builder.build();
        this.conditions = conditions;
    }

    /** The environment of value expressions, built once (a CEL environment is immutable and thread-safe). */
    static ConditionLanguage forValues() {
        ConditionLanguage v = values;
        if (v == null) {
            synchronized (ConditionLanguage.class) {
                v = values;
                if (v == null) {
                    v = new ConditionLanguage(false);
                    values = v;
                }
            }
        }
        return v;
    }

    /**
     * Compiles and type-checks one condition, or adds its problems (each with {@code line:column}
     * inside the expression) under {@code path}.
     */
    Condition compile(String expression, String path, List<PolicyProblem> problems) {
        if (!conditions) {
            throw new IllegalStateException("conditions are compiled in the condition environment");
        }
        if (expression.isBlank()) {
            problems.add(new PolicyProblem(path, "the condition is empty; write a CEL expression, e.g. "
                    + "request.params.org == principal.attributes.org, or leave the key out"));
            return null;
        }
        CelAbstractSyntaxTree ast = check(expression, path, "condition", problems);
        CelRuntime.Program program = ast == null ? null : program(ast, path, "condition", problems);
        return program == null ? null : new Condition(expression, path, program);
    }

    /**
     * Compiles and type-checks a value expression, or adds its problems under {@code path}: it must
     * yield a string, int, uint or bool (or dyn, such as an attribute, checked when evaluated).
     */
    CelRuntime.Program compileValue(String expression, String path, List<PolicyProblem> problems) {
        if (conditions) {
            throw new IllegalStateException("value expressions are compiled in the value environment");
        }
        if (expression.isBlank()) {
            problems.add(new PolicyProblem(path, "the expression is empty; write a CEL expression, e.g. "
                    + "principal.attributes.org + ':' + request.headers['x-tenant']"));
            return null;
        }
        CelAbstractSyntaxTree ast = check(expression, path, "expression", problems);
        if (ast == null) {
            return null;
        }
        if (!VALUE_TYPES.contains(ast.getResultType())) {
            problems.add(new PolicyProblem(path, "1:1: the expression yields " + CelTypes.format(ast.getResultType())
                    + "; it must yield a string, int or bool (in expression '" + expression + "')"));
            return null;
        }
        return program(ast, path, "expression", problems);
    }

    private CelAbstractSyntaxTree check(String expression, String path, String what, List<PolicyProblem> problems) {
        CelValidationResult result = cel.compile(expression);
        if (result.hasError()) {
            for (CelIssue issue : result.getErrors()) {
                // CEL columns count from 0; editors and people count from 1.
                problems.add(new PolicyProblem(path, issue.getSourceLocation().getLine() + ":"
                        + (issue.getSourceLocation().getColumn() + 1) + ": " + issue.getMessage()
                        + " (in " + what + " '" + expression + "')"));
            }
            return null;
        }
        try {
            return result.getAst();
        } catch (dev.cel.common.CelValidationException e) {
            problems.add(new PolicyProblem(path, "cannot check the " + what + ": " + e.getMessage()));
            return null;
        }
    }

    private CelRuntime.Program program(CelAbstractSyntaxTree ast, String path, String what, List<PolicyProblem> problems) {
        try {
            return cel.createProgram(ast);
        } catch (CelEvaluationException e) {
            problems.add(new PolicyProblem(path, "cannot build the " + what + ": " + e.getMessage()));
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

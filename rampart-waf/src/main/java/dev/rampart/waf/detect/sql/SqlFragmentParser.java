package dev.rampart.waf.detect.sql;

import static dev.rampart.waf.detect.sql.SqlTokenType.CLOSE_PAREN;
import static dev.rampart.waf.detect.sql.SqlTokenType.COMMA;
import static dev.rampart.waf.detect.sql.SqlTokenType.DOT;
import static dev.rampart.waf.detect.sql.SqlTokenType.IDENTIFIER;
import static dev.rampart.waf.detect.sql.SqlTokenType.OPEN_PAREN;
import static dev.rampart.waf.detect.sql.SqlTokenType.SEMICOLON;
import static dev.rampart.waf.detect.sql.SqlTokenType.STRING;
import static dev.rampart.waf.detect.sql.SqlTokenType.TRUNCATING_COMMENT;
import static dev.rampart.waf.detect.sql.SqlTokenType.VARIABLE;
import static dev.rampart.waf.detect.sql.SqlTokenType.WORD;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Decides whether a token stream, read from a {@link QuoteContext}, is a well-formed continuation
 * of the application's query and which {@link SqlConstruct}s it adds. The grammar is a permissive
 * union of the SQL dialects (expressions, {@code SELECT} with its clauses, the statements attacks
 * stack), but it is strict about what makes prose fail: two values side by side, a keyword where
 * a value belongs, a stray quote that the application's own closing quote would leave open.
 *
 * <p>The fragment must also end where the application's query can resume: at the end of the
 * input in the bare-value context; in a quoted context, at a literal left open for the
 * application's closing quote to close, at a comment that hides the rest, or after a {@code ;}.
 */
public final class SqlFragmentParser {

    private static final int T_COMPARISON = 1;
    private static final int T_NUMBER = 1 << 1;
    private static final int T_FUNCTION = 1 << 2;
    private static final int T_ATTACK_FUNCTION = 1 << 3;
    private static final int T_SUBQUERY = 1 << 4;
    private static final int T_BOOLEAN_LITERAL = 1 << 5;
    private static final int T_VARIABLE = 1 << 6;
    private static final int T_NUMERIC_STRING = 1 << 7;
    private static final int T_ARITHMETIC = 1 << 8;

    private static final int DECISIVE_ANYWHERE = T_COMPARISON | T_FUNCTION | T_ATTACK_FUNCTION | T_SUBQUERY
            | T_BOOLEAN_LITERAL | T_VARIABLE;

    private static final int NOT_PARSED = -1;

    private static final int MAX_DEPTH = 100;

    private static final Set<SqlWord> SCHEMA_OBJECTS = EnumSet.of(SqlWord.TABLE, SqlWord.DATABASE, SqlWord.SCHEMA,
            SqlWord.VIEW, SqlWord.INDEX, SqlWord.FUNCTION_OBJECT, SqlWord.PROCEDURE, SqlWord.TRIGGER, SqlWord.LOGIN,
            SqlWord.ROLE, SqlWord.USER_OBJECT);

    /** Keywords that are also common column and table names, read as names where a value belongs. */
    private static final Set<SqlWord> NAME_LIKE_KEYWORDS = EnumSet.of(SqlWord.USER_OBJECT, SqlWord.DATABASE,
            SqlWord.SCHEMA, SqlWord.TIME, SqlWord.LEFT, SqlWord.RIGHT, SqlWord.VIEW, SqlWord.INDEX, SqlWord.LOGIN,
            SqlWord.ROLE, SqlWord.TABLE, SqlWord.TRIGGER, SqlWord.DELAY, SqlWord.TOP);

    private final SqlTokens tokens;
    private final String input;
    private final QuoteContext context;
    private final EnumSet<SqlConstruct> found = EnumSet.noneOf(SqlConstruct.class);
    private int pos;
    private int traits;
    private int depth;

    private SqlFragmentParser(String input, SqlTokens tokens, QuoteContext context) {
        this.input = input;
        this.tokens = tokens;
        this.context = context;
    }

    /**
     * The constructs {@code tokens} (lexed from {@code input} in {@code context}) adds to a query,
     * or an empty set when they do not form a fragment that the query could contain.
     */
    public static Set<SqlConstruct> constructs(String input, SqlTokens tokens, QuoteContext context) {
        try {
            return parse(input, tokens, context);
        } catch (NestingTooDeep e) {
            return Set.of(SqlConstruct.NESTING);
        }
    }

    private static Set<SqlConstruct> parse(String input, SqlTokens tokens, QuoteContext context) {
        if (context != QuoteContext.NONE) {
            if (!tokens.has(0) || !tokens.get(0).closed()) {
                return Set.of(); // the input never leaves the literal
            }
            SqlFragmentParser parser = new SqlFragmentParser(input, tokens, context);
            parser.pos = 1;
            if (parser.tail() && (parser.endsWhereQueryResumes() || parser.hasStrongConstruct())) {
                // A strong construct counts even when the application's closing quote would then
                // dangle: probes like "x' AND 526=527" are sent exactly so, and the error tells too.
                return opensQuotation(input, tokens.get(0).end() - 1) && !parser.hasStrongConstruct()
                        ? Set.of() : parser.found;
            }
            return attackCallAfter(input, tokens.get(0).end()) ? Set.of(SqlConstruct.ATTACK_FUNCTION) : Set.of();
        }
        SqlFragmentParser asValue = new SqlFragmentParser(input, tokens, context);
        if (asValue.leadingValue() && asValue.tail()) {
            return asValue.found;
        }
        SqlFragmentParser afterValue = new SqlFragmentParser(input, tokens, context);
        if (afterValue.startsContinuation() && afterValue.tail()) {
            return afterValue.found;
        }
        return Set.of();
    }

    /**
     * Whether the quote at {@code quote} opens a quotation or a string literal of prose or code
     * rather than ending an injected value: it follows white space, an opening bracket, {@code =},
     * {@code ,} or {@code :} ({@code use "*" for all}, {@code f('#pop')}, {@code x = '--'}), or a
     * one-letter string prefix after one of those ({@code (r'#.*$')}). An injected value's own
     * characters come right before its break-out ({@code admin'--}), so from a quotation only a
     * strong construct counts.
     */
    private static boolean opensQuotation(String input, int quote) {
        int before = quote - 1;
        if (before >= 1 && "rRbBuUfF".indexOf(input.charAt(before)) >= 0 && opensLiteral(input.charAt(before - 1))) {
            return true;
        }
        return before >= 0 && opensLiteral(input.charAt(before));
    }

    private static boolean opensLiteral(char preceding) {
        return SqlLexer.isSpace(preceding) || "([{=,:".indexOf(preceding) >= 0;
    }

    private boolean hasStrongConstruct() {
        for (SqlConstruct construct : found) {
            if (isStrong(construct)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStrong(SqlConstruct construct) {
        return switch (construct) {
            case BOOLEAN, UNION, STACKED, TIME_DELAY, CLAUSE, ATTACK_FUNCTION, SUBQUERY, NESTING -> true;
            default -> false;
        };
    }

    /**
     * A call to an unmistakable attack function anywhere after a break-out, written as code
     * (no space before the parenthesis; a delay with a number: {@code x" sleep(10) "},
     * {@code f' (select load_file('…'))}): probes that are not valid SQL in the guessed context
     * still state their intent, and "can't sleep (at all)" or "benchmark(s)" is not one.
     */
    private static boolean attackCallAfter(String input, int breakOut) {
        for (int open = input.indexOf('(', breakOut); open >= 0; open = input.indexOf('(', open + 1)) {
            int nameStart = open;
            while (nameStart > breakOut && (Character.isLetterOrDigit(input.charAt(nameStart - 1))
                    || input.charAt(nameStart - 1) == '_')) {
                nameStart--;
            }
            if (nameStart == open) {
                continue;
            }
            String name = input.substring(nameStart, open).toLowerCase(Locale.ROOT);
            boolean numberFirst = open + 1 < input.length() && Character.isDigit(input.charAt(open + 1));
            if (SqlWord.isUnmistakableAttackFunction(name)
                    && (numberFirst || SqlWord.classify(name, true) != SqlWord.DELAY_FUNCTION)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code constructs}, found in {@code context}, change the structure of the query. */
    public static boolean changesQueryStructure(Set<SqlConstruct> constructs, QuoteContext context) {
        for (SqlConstruct construct : constructs) {
            if (isStrong(construct)) {
                return true;
            }
        }
        if (context == QuoteContext.SINGLE || context == QuoteContext.DOUBLE) {
            // Leaving the literal at all is the attack; what follows only has to be valid SQL.
            // Not so for backtick identifiers: markdown's `--flag` and `#` read the same way.
            // ''-'' and ''*'' compare a column with 0, which every non-numeric string equals in MySQL.
            return constructs.contains(SqlConstruct.COMMENT) || constructs.contains(SqlConstruct.COMPARISON)
                    || constructs.contains(SqlConstruct.ARITHMETIC)
                    || constructs.contains(SqlConstruct.FUNCTION) || constructs.contains(SqlConstruct.WEAK_CLAUSE);
        }
        return constructs.contains(SqlConstruct.COMMENT)
                && (constructs.contains(SqlConstruct.WEAK_LOGIC) || constructs.contains(SqlConstruct.COMPARISON)
                    || constructs.contains(SqlConstruct.WEAK_CLAUSE) || constructs.contains(SqlConstruct.FUNCTION));
    }

    // ---- entry points -------------------------------------------------------------------------

    /** In the bare-value context the input starts with a value; prose starts with a plain word. */
    private boolean leadingValue() {
        if (atEnd()) {
            return false;
        }
        SqlToken first = peek();
        if (first.type() == WORD && first.word() == SqlWord.NONE) {
            // prose starts with a word; a column name only counts before what ends a value list
            // or adds to the query ("test)); DECLARE …", "x UNION SELECT …", "x INTO OUTFILE …")
            SqlToken second = peekAt(pos + 1);
            if (second == null || !(second.type() == CLOSE_PAREN || second.type() == SEMICOLON
                    || second.isWordOf(SqlWord.Kind.UNION) || second.is(SqlWord.INTO))) {
                return false;
            }
        }
        traits = 0;
        if (!expression(false)) {
            return false;
        }
        noteCalls(traits);
        return true;
    }

    /** The input may also be appended after a value ({@code ORDER BY INPUT}, {@code id=1 INPUT}). */
    private boolean startsContinuation() {
        if (atEnd()) {
            return false;
        }
        SqlToken first = peek();
        return first.type() == SqlTokenType.LOGIC || first.type() == SEMICOLON || first.type() == CLOSE_PAREN
                || first.isWordOf(SqlWord.Kind.LOGIC) || first.isWordOf(SqlWord.Kind.UNION)
                || first.is(SqlWord.WAITFOR) || first.is(SqlWord.ORDER) || first.is(SqlWord.GROUP)
                || first.is(SqlWord.HAVING) || first.is(SqlWord.PROCEDURE) || first.is(SqlWord.INTO);
    }

    private boolean endsWhereQueryResumes() {
        int count = tokens.count();
        SqlToken last = tokens.get(count - 1);
        return switch (last.type()) {
            case TRUNCATING_COMMENT, SEMICOLON -> true;
            case STRING -> !last.closed() && count > 1;
            default -> false;
        };
    }

    // ---- what may follow a value ------------------------------------------------------------

    private boolean tail() {
        while (!atEnd()) {
            SqlToken token = peek();
            if (token.type() == TRUNCATING_COMMENT) {
                found.add(SqlConstruct.COMMENT);
                pos++;
            } else if (token.type() == SqlTokenType.LOGIC || token.isWordOf(SqlWord.Kind.LOGIC)) {
                pos++;
                if (!logicOperand()) {
                    return false;
                }
            } else if (isBinaryOperator(token)) {
                boolean comparison = token.type() == SqlTokenType.COMPARISON || token.isWordOf(SqlWord.Kind.OPERATOR)
                        || token.is(SqlWord.NOT);
                if (ownTraits(this::operatorAndOperand) == NOT_PARSED) {
                    return false;
                }
                found.add(comparison ? SqlConstruct.COMPARISON : SqlConstruct.ARITHMETIC);
            } else if (token.isWordOf(SqlWord.Kind.UNION)) {
                pos++;
                if (!unionedSelect()) {
                    return false;
                }
                found.add(SqlConstruct.UNION);
            } else if (token.type() == SEMICOLON) {
                pos++;
                if (!atEnd() && peek().type() != TRUNCATING_COMMENT) {
                    if (!statement()) {
                        return false;
                    }
                    found.add(SqlConstruct.STACKED);
                }
            } else if (token.is(SqlWord.WAITFOR)) {
                if (!waitfor()) {
                    return false;
                }
            } else if (token.type() == COMMA) {
                pos++; // the next item of the application's VALUES (…) or argument list
                if (ownTraits(() -> expression(true)) == NOT_PARSED) {
                    return false;
                }
            } else if (token.type() == CLOSE_PAREN) {
                pos++; // closes a parenthesis the application opened
            } else if (!clause()) {
                return false;
            }
        }
        return true;
    }

    private boolean logicOperand() {
        int operand = ownTraits(() -> expression(false));
        if (operand == NOT_PARSED) {
            return false;
        }
        int decisive = DECISIVE_ANYWHERE | (context == QuoteContext.NONE ? 0 : T_NUMBER | T_NUMERIC_STRING | T_ARITHMETIC);
        found.add((operand & decisive) != 0 ? SqlConstruct.BOOLEAN : SqlConstruct.WEAK_LOGIC);
        return true;
    }

    /**
     * Parses one part of the fragment and returns the traits of that part alone (the traits of
     * the whole keep accumulating), after noting the calls and subqueries it makes;
     * {@link #NOT_PARSED} when it does not parse.
     */
    private int ownTraits(BooleanSupplier part) {
        int before = traits;
        traits = 0;
        boolean parsed = part.getAsBoolean();
        int own = traits;
        traits = before | own;
        if (!parsed) {
            return NOT_PARSED;
        }
        noteCalls(own);
        return own;
    }

    private void noteCalls(int operandTraits) {
        if ((operandTraits & T_ATTACK_FUNCTION) != 0) {
            found.add(SqlConstruct.ATTACK_FUNCTION);
        }
        if ((operandTraits & T_SUBQUERY) != 0) {
            found.add(SqlConstruct.SUBQUERY);
        }
        if ((operandTraits & T_FUNCTION) != 0) {
            found.add(SqlConstruct.FUNCTION);
        }
    }

    private boolean clause() {
        SqlToken token = peek();
        if (token.is(SqlWord.ORDER) || token.is(SqlWord.GROUP)) {
            pos++;
            if (!accept(SqlWord.BY)) {
                return false;
            }
            int items = ownTraits(this::orderedList);
            if (items == NOT_PARSED) {
                return false;
            }
            found.add(items == T_NUMBER ? SqlConstruct.CLAUSE : SqlConstruct.WEAK_CLAUSE);
            return true;
        }
        if (token.is(SqlWord.HAVING)) {
            pos++;
            int condition = ownTraits(() -> expression(true));
            if (condition == NOT_PARSED) {
                return false;
            }
            found.add((condition & T_COMPARISON) != 0 ? SqlConstruct.CLAUSE : SqlConstruct.WEAK_CLAUSE);
            return true;
        }
        if (token.is(SqlWord.FROM) || token.is(SqlWord.WHERE)) {
            // the rest of a SELECT whose column list the input ends (`col` FROM users WHERE 1=1 --)
            found.add(SqlConstruct.WEAK_CLAUSE);
            return selectClauses();
        }
        if (token.is(SqlWord.LIMIT)) {
            pos++;
            found.add(SqlConstruct.WEAK_CLAUSE);
            return limitArguments();
        }
        if (token.is(SqlWord.PROCEDURE)) {
            pos++;
            SqlToken procedure = peekAt(pos);
            SqlToken open = peekAt(pos + 1);
            if (procedure == null || procedure.type() != WORD || open == null || open.type() != OPEN_PAREN) {
                return false; // MySQL's PROCEDURE ANALYSE(…) takes a call, nothing else
            }
            found.add(SqlConstruct.CLAUSE);
            return operand();
        }
        if (token.is(SqlWord.INTO)) {
            pos++;
            found.add(SqlConstruct.CLAUSE);
            return into();
        }
        return false;
    }

    // ---- expressions ------------------------------------------------------------------------

    private boolean expression(boolean allowLogic) {
        if (!operand()) {
            return false;
        }
        while (!atEnd()) {
            SqlToken token = peek();
            if (isBinaryOperator(token)) {
                if (!operatorAndOperand()) {
                    return false;
                }
            } else if (allowLogic && (token.type() == SqlTokenType.LOGIC || token.isWordOf(SqlWord.Kind.LOGIC))) {
                pos++;
                if (!operand()) {
                    return false;
                }
            } else {
                return true;
            }
        }
        return true;
    }

    private boolean isBinaryOperator(SqlToken token) {
        if (token.type() == SqlTokenType.COMPARISON || token.type() == SqlTokenType.ARITHMETIC) {
            return true;
        }
        if (token.is(SqlWord.NOT)) {
            SqlToken next = peekAt(pos + 1);
            return next != null && next.isWordOf(SqlWord.Kind.OPERATOR);
        }
        return token.isWordOf(SqlWord.Kind.OPERATOR);
    }

    private boolean operatorAndOperand() {
        SqlToken operator = next();
        if (operator.is(SqlWord.NOT)) {
            operator = next();
        }
        if (operator.type() == SqlTokenType.ARITHMETIC || operator.is(SqlWord.DIV) || operator.is(SqlWord.MOD)) {
            traits |= T_ARITHMETIC;
            return operand();
        }
        traits |= T_COMPARISON;
        if (operator.is(SqlWord.NOTNULL) || operator.is(SqlWord.ISNULL)) {
            return true; // PostgreSQL and SQLite postfix tests
        }
        if (operator.is(SqlWord.SIMILAR) && !accept(SqlWord.TO)) {
            return false;
        }
        if (operator.type() == SqlTokenType.COMPARISON && (accept(SqlWord.ALL) || accept(SqlWord.ANY)
                || accept(SqlWord.SOME))) {
            return operand(); // = ALL (SELECT …)
        }
        if (operator.is(SqlWord.IS)) {
            accept(SqlWord.NOT);
            if (accept(SqlWord.DISTINCT)) {
                return accept(SqlWord.FROM) && operand();
            }
            return !atEnd() && next().isWordOf(SqlWord.Kind.VALUE);
        }
        if (operator.is(SqlWord.IN)) {
            return !atEnd() && peek().type() == OPEN_PAREN && operand();
        }
        if (operator.is(SqlWord.BETWEEN)) {
            return operand() && accept(SqlWord.AND) && operand();
        }
        if (operator.is(SqlWord.SOUNDS)) {
            return accept(SqlWord.LIKE) && operand();
        }
        if (operator.is(SqlWord.COLLATE)) {
            if (atEnd()) {
                return false;
            }
            SqlToken collation = next();
            return collation.type() == WORD || (collation.type() == STRING && collation.closed());
        }
        if (!operand()) {
            return false;
        }
        if (operator.is(SqlWord.LIKE) && accept(SqlWord.ESCAPE)) {
            return operand();
        }
        return true;
    }

    private boolean operand() {
        enter();
        try {
            return operandHere();
        } finally {
            depth--;
        }
    }

    /**
     * Counts one level of recursion. Parentheses, unary operators, {@code CASE}, {@code IF} and
     * {@code UNION} nest without bound in the grammar; a query needs a few dozen levels at most,
     * and a deeper input must not exhaust the stack.
     */
    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw NestingTooDeep.INSTANCE;
        }
    }

    private boolean operandHere() {
        if (atEnd()) {
            return false;
        }
        SqlToken token = next();
        switch (token.type()) {
            case NUMBER -> traits |= T_NUMBER;
            case STRING -> {
                if (!token.closed() && (token.quote() != context.quote() || !atEnd())) {
                    return false; // a literal nobody closes
                }
                if (isNumericLiteral(token)) {
                    traits |= T_NUMERIC_STRING;
                }
            }
            case VARIABLE -> traits |= T_VARIABLE;
            case IDENTIFIER -> {
                return qualifiedName();
            }
            case UNARY -> {
                return operand();
            }
            case ARITHMETIC -> {
                char sign = input.charAt(token.start());
                return (sign == '-' || sign == '+') && token.end() - token.start() == 1 && operand();
            }
            case OPEN_PAREN -> {
                return parenthesised();
            }
            case WORD -> {
                return wordOperand(token);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean wordOperand(SqlToken token) {
        SqlWord word = token.word();
        if (word.kind() == SqlWord.Kind.FUNCTION) {
            traits |= word.isAttackFunction() ? T_ATTACK_FUNCTION | T_FUNCTION : T_FUNCTION;
            return callArguments();
        }
        if (word == SqlWord.NONE || NAME_LIKE_KEYWORDS.contains(word)) {
            return qualifiedName();
        }
        return switch (word) {
            case TRUE, FALSE -> {
                traits |= T_BOOLEAN_LITERAL;
                yield true;
            }
            case NULL, UNKNOWN -> true;
            case NOT, BINARY -> operand();
            case EXISTS -> !atEnd() && peek().type() == OPEN_PAREN && operand();
            case CASE -> caseExpression();
            case INTERVAL -> operand() && !atEnd() && next().type() == WORD;
            default -> false;
        };
    }

    /** After a name: {@code schema.table.column}, {@code master..xp_cmdshell}, or a call. */
    private boolean qualifiedName() {
        while (!atEnd() && peek().type() == DOT) {
            pos++;
            if (!atEnd() && peek().type() == DOT) {
                pos++;
            }
            if (atEnd()) {
                return false;
            }
            SqlToken part = next();
            if (part.type() == WORD && part.word().kind() == SqlWord.Kind.FUNCTION) {
                traits |= part.word().isAttackFunction() ? T_ATTACK_FUNCTION | T_FUNCTION : T_FUNCTION;
                return callArguments();
            }
            if (part.type() != WORD && part.type() != IDENTIFIER && !isStar(part)) {
                return false;
            }
        }
        if (!atEnd() && peek().type() == OPEN_PAREN) {
            return callArguments(); // a function this grammar does not know by name
        }
        return true;
    }

    /**
     * Skips a call's argument list up to its closing parenthesis. Arguments are read loosely
     * ({@code CAST(x AS INT)}, {@code SUBSTRING(s FROM 1 FOR 1)} are all dialect syntax) but
     * still mark the subqueries, variables and attack functions they contain.
     */
    private boolean callArguments() {
        if (atEnd() || peek().type() != OPEN_PAREN) {
            return false;
        }
        pos++;
        int depth = 1;
        while (!atEnd()) {
            SqlToken token = next();
            switch (token.type()) {
                case OPEN_PAREN -> depth++;
                case CLOSE_PAREN -> {
                    if (--depth == 0) {
                        return true;
                    }
                }
                case SEMICOLON, TRUNCATING_COMMENT -> {
                    return false;
                }
                case STRING -> {
                    if (!token.closed()) {
                        // only the application's closing quote can end it; what was injected up to
                        // here (a subquery, an extraction call) is already in the traits
                        return token.quote() == context.quote() && atEnd();
                    }
                }
                case VARIABLE -> traits |= T_VARIABLE;
                case WORD -> {
                    if (token.word() == SqlWord.SELECT) {
                        traits |= T_SUBQUERY;
                    } else if (token.word().isAttackFunction()) {
                        traits |= T_ATTACK_FUNCTION;
                    }
                }
                default -> { }
            }
        }
        return false;
    }

    private boolean parenthesised() {
        if (!atEnd() && peek().is(SqlWord.SELECT)) {
            pos++;
            traits |= T_SUBQUERY;
            if (!selectBody()) {
                return false;
            }
        } else if (!expression(true)) {
            return false;
        } else {
            while (!atEnd() && peek().type() == COMMA) {
                pos++;
                if (!expression(true)) {
                    return false;
                }
            }
        }
        if (atEnd()) {
            return true; // the application's own closing parenthesis follows
        }
        return next().type() == CLOSE_PAREN;
    }

    private boolean caseExpression() {
        if (!atEnd() && !peek().is(SqlWord.WHEN) && !expression(true)) {
            return false;
        }
        boolean anyWhen = false;
        while (accept(SqlWord.WHEN)) {
            anyWhen = true;
            if (!expression(true) || !accept(SqlWord.THEN) || !expression(true)) {
                return false;
            }
        }
        if (accept(SqlWord.ELSE) && !expression(true)) {
            return false;
        }
        return anyWhen && accept(SqlWord.END);
    }

    private static boolean isNumericLiteralText(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private boolean isNumericLiteral(SqlToken string) {
        int start = string.start() + (input.charAt(string.start()) == string.quote() ? 1 : 0);
        int end = string.closed() ? string.end() - 1 : string.end();
        return start <= end && isNumericLiteralText(input.substring(start, end));
    }

    private boolean isStar(SqlToken token) {
        return token.type() == SqlTokenType.ARITHMETIC && input.charAt(token.start()) == '*';
    }

    // ---- SELECT and other statements --------------------------------------------------------

    private boolean unionedSelect() {
        if (!accept(SqlWord.ALL)) {
            accept(SqlWord.DISTINCT);
        }
        if (accept(SqlWord.SELECT)) {
            return selectBody();
        }
        if (!atEnd() && peek().type() == OPEN_PAREN && peekAt(pos + 1) != null && peekAt(pos + 1).is(SqlWord.SELECT)) {
            return operand();
        }
        return false;
    }

    private boolean selectBody() {
        enter();
        try {
            return selectBodyHere();
        } finally {
            depth--;
        }
    }

    private boolean selectBodyHere() {
        while (accept(SqlWord.ALL) || accept(SqlWord.DISTINCT) || accept(SqlWord.DISTINCTROW)) {
            // modifiers
        }
        if (accept(SqlWord.TOP) && !operand()) {
            return false;
        }
        do {
            if (!selectItem()) {
                return false;
            }
        } while (accept(COMMA));
        return selectClauses();
    }

    private boolean selectClauses() {
        if (accept(SqlWord.INTO) && !into()) {
            return false;
        }
        if (accept(SqlWord.FROM) && !tableReferences()) {
            return false;
        }
        if (accept(SqlWord.WHERE) && !expression(true)) {
            return false;
        }
        if (accept(SqlWord.GROUP) && !(accept(SqlWord.BY) && orderedList())) {
            return false;
        }
        if (accept(SqlWord.HAVING) && !expression(true)) {
            return false;
        }
        if (accept(SqlWord.ORDER) && !(accept(SqlWord.BY) && orderedList())) {
            return false;
        }
        if (accept(SqlWord.LIMIT) && !limitArguments()) {
            return false;
        }
        if (accept(SqlWord.OFFSET) && !operand()) {
            return false;
        }
        if (accept(SqlWord.INTO) && !into()) {
            return false;
        }
        if (!atEnd() && peek().isWordOf(SqlWord.Kind.UNION)) {
            pos++;
            return unionedSelect();
        }
        return true;
    }

    private boolean selectItem() {
        if (atEnd()) {
            return false;
        }
        if (isStar(peek())) {
            pos++;
            return true;
        }
        if (!expression(true)) {
            return false;
        }
        return alias();
    }

    private boolean alias() {
        boolean explicit = accept(SqlWord.AS);
        if (!atEnd()) {
            SqlToken token = peek();
            if ((token.type() == WORD && token.word() == SqlWord.NONE) || token.type() == IDENTIFIER
                    || (explicit && token.type() == STRING && token.closed())) {
                pos++;
                return true;
            }
        }
        return !explicit;
    }

    private boolean tableReferences() {
        do {
            if (!tableReference()) {
                return false;
            }
            while (isJoin()) {
                if (!tableReference()) {
                    return false;
                }
                if (accept(SqlWord.ON) && !expression(true)) {
                    return false;
                }
                if (accept(SqlWord.USING) && !(peek().type() == OPEN_PAREN && operand())) {
                    return false;
                }
            }
        } while (accept(COMMA));
        return true;
    }

    private boolean isJoin() {
        int start = pos;
        while (accept(SqlWord.NATURAL) || accept(SqlWord.LEFT) || accept(SqlWord.RIGHT) || accept(SqlWord.FULL)
                || accept(SqlWord.INNER) || accept(SqlWord.CROSS) || accept(SqlWord.OUTER)) {
            // join modifiers
        }
        if (accept(SqlWord.JOIN) || accept(SqlWord.STRAIGHT_JOIN)) {
            return true;
        }
        pos = start;
        return false;
    }

    private boolean tableReference() {
        if (atEnd()) {
            return false;
        }
        SqlToken token = peek();
        boolean ok;
        if (token.type() == OPEN_PAREN) {
            ok = operand();
        } else if (token.type() == WORD && (token.word() == SqlWord.NONE || NAME_LIKE_KEYWORDS.contains(token.word())
                || token.word().kind() == SqlWord.Kind.FUNCTION) || token.type() == IDENTIFIER) {
            ok = operand();
        } else {
            return false;
        }
        return ok && alias();
    }

    private boolean orderedList() {
        do {
            if (!expression(true)) {
                return false;
            }
            if (!accept(SqlWord.ASC)) {
                accept(SqlWord.DESC);
            }
        } while (accept(COMMA));
        return true;
    }

    private boolean limitArguments() {
        if (!operand()) {
            return false;
        }
        if (accept(COMMA) || accept(SqlWord.OFFSET)) {
            return operand();
        }
        return true;
    }

    private boolean into() {
        if (accept(SqlWord.OUTFILE) || accept(SqlWord.DUMPFILE)) {
            return !atEnd() && next().type() == STRING;
        }
        do {
            if (atEnd() || next().type() != VARIABLE) {
                return false;
            }
        } while (accept(COMMA));
        return true;
    }

    /** A statement stacked after {@code ;}: the keyword and the shape of its first words. */
    private boolean statement() {
        enter();
        try {
            return statementHere();
        } finally {
            depth--;
        }
    }

    private boolean statementHere() {
        SqlToken keyword = next();
        if (keyword.type() != WORD) {
            return false;
        }
        if (keyword.end() - keyword.start() == 2 && input.regionMatches(true, keyword.start(), "if", 0, 2)) {
            return expression(true) && !atEnd() && statement(); // T-SQL: IF (condition) WAITFOR DELAY …
        }
        switch (keyword.word()) {
            case SELECT -> {
                return selectBody();
            }
            case WAITFOR -> {
                pos--;
                return waitfor();
            }
            case DROP, CREATE, ALTER -> {
                if (atEnd() || !SCHEMA_OBJECTS.contains(next().word())) {
                    return false;
                }
            }
            case TRUNCATE -> accept(SqlWord.TABLE);
            case DELETE -> accept(SqlWord.FROM);
            case INSERT -> {
                if (!accept(SqlWord.INTO)) {
                    return false;
                }
            }
            case UPDATE -> {
                if (atEnd() || !operand() || !accept(SqlWord.SET)) {
                    return false;
                }
            }
            case DECLARE, SET -> {
                if (atEnd() || (peek().type() != VARIABLE && peek().type() != WORD)) {
                    return false;
                }
            }
            case SHUTDOWN -> {
                return looseStatementRest(true);
            }
            case EXEC, EXECUTE, CALL, GRANT, REVOKE, RENAME, USE, COPY, LOAD, HANDLER -> { }
            default -> {
                return false;
            }
        }
        return looseStatementRest(false);
    }

    /** The rest of a stacked statement, up to {@code ;} or the end: any SQL tokens, balanced. */
    private boolean looseStatementRest(boolean mayBeEmpty) {
        int start = pos;
        int depth = 0;
        while (!atEnd()) {
            SqlToken token = peek();
            if (token.type() == SEMICOLON || token.type() == TRUNCATING_COMMENT) {
                break;
            }
            if (token.type() == SqlTokenType.OTHER
                    || (token.type() == STRING && !token.closed() && token.quote() != context.quote())) {
                return false;
            }
            if (token.type() == OPEN_PAREN) {
                depth++;
            } else if (token.type() == CLOSE_PAREN && --depth < 0) {
                return false;
            }
            pos++;
        }
        return mayBeEmpty || pos > start;
    }

    private boolean waitfor() {
        pos++;
        if (!accept(SqlWord.DELAY) && !accept(SqlWord.TIME)) {
            return false;
        }
        found.add(SqlConstruct.TIME_DELAY);
        return operand();
    }

    // ---- token access -----------------------------------------------------------------------

    private boolean atEnd() {
        return !tokens.has(pos);
    }

    private SqlToken peek() {
        return tokens.get(pos);
    }

    private SqlToken peekAt(int index) {
        return tokens.has(index) ? tokens.get(index) : null;
    }

    private SqlToken next() {
        return tokens.get(pos++);
    }

    private boolean accept(SqlWord word) {
        if (!atEnd() && peek().is(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean accept(SqlTokenType type) {
        if (!atEnd() && peek().type() == type) {
            pos++;
            return true;
        }
        return false;
    }

    /** Thrown past {@link #MAX_DEPTH}; shared and without a stack trace, since it is not an error. */
    private static final class NestingTooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NestingTooDeep INSTANCE = new NestingTooDeep();

        private NestingTooDeep() {
            super("SQL nesting deeper than " + MAX_DEPTH + " levels", null, false, false);
        }
    }
}

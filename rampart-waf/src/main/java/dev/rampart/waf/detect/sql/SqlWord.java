package dev.rampart.waf.detect.sql;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words the fragment grammar needs to tell apart, across the MySQL, PostgreSQL, SQL Server,
 * Oracle and SQLite dialects. Function names are grouped into entries rather than listed one by
 * one: {@link #DELAY_FUNCTION} and {@link #ATTACK_FUNCTION} for the calls that only an attacker
 * makes from a value position (delays, error-message extraction, file and catalogue access),
 * {@link #FUNCTION} for the everyday ones an injected expression is built from.
 */
public enum SqlWord {
    NONE(Kind.NOT_A_KEYWORD),
    AND(Kind.LOGIC), OR(Kind.LOGIC), XOR(Kind.LOGIC),
    NOT(Kind.KEYWORD),
    UNION(Kind.UNION), INTERSECT(Kind.UNION), EXCEPT(Kind.UNION), MINUS(Kind.UNION),
    ALL(Kind.KEYWORD), DISTINCT(Kind.KEYWORD), DISTINCTROW(Kind.KEYWORD), TOP(Kind.KEYWORD),
    SELECT(Kind.STATEMENT),
    INSERT(Kind.STATEMENT), UPDATE(Kind.STATEMENT), DELETE(Kind.STATEMENT), DROP(Kind.STATEMENT),
    CREATE(Kind.STATEMENT), ALTER(Kind.STATEMENT), TRUNCATE(Kind.STATEMENT), EXEC(Kind.STATEMENT),
    EXECUTE(Kind.STATEMENT), DECLARE(Kind.STATEMENT), SHUTDOWN(Kind.STATEMENT), GRANT(Kind.STATEMENT),
    REVOKE(Kind.STATEMENT), SET(Kind.STATEMENT), USE(Kind.STATEMENT), CALL(Kind.STATEMENT),
    COPY(Kind.STATEMENT), LOAD(Kind.STATEMENT), RENAME(Kind.STATEMENT), HANDLER(Kind.STATEMENT),
    WAITFOR(Kind.STATEMENT),
    DELAY(Kind.KEYWORD), TIME(Kind.KEYWORD),
    FROM(Kind.KEYWORD), WHERE(Kind.KEYWORD), GROUP(Kind.KEYWORD), ORDER(Kind.KEYWORD), BY(Kind.KEYWORD),
    HAVING(Kind.KEYWORD), LIMIT(Kind.KEYWORD), OFFSET(Kind.KEYWORD), INTO(Kind.KEYWORD),
    OUTFILE(Kind.KEYWORD), DUMPFILE(Kind.KEYWORD), PROCEDURE(Kind.KEYWORD), FOR(Kind.KEYWORD),
    ASC(Kind.KEYWORD), DESC(Kind.KEYWORD), AS(Kind.KEYWORD), ON(Kind.KEYWORD), USING(Kind.KEYWORD),
    JOIN(Kind.KEYWORD), INNER(Kind.KEYWORD), LEFT(Kind.KEYWORD), RIGHT(Kind.KEYWORD), FULL(Kind.KEYWORD),
    OUTER(Kind.KEYWORD), CROSS(Kind.KEYWORD), NATURAL(Kind.KEYWORD), STRAIGHT_JOIN(Kind.KEYWORD),
    VALUES(Kind.KEYWORD), TABLE(Kind.KEYWORD), DATABASE(Kind.KEYWORD), SCHEMA(Kind.KEYWORD),
    VIEW(Kind.KEYWORD), INDEX(Kind.KEYWORD), FUNCTION_OBJECT(Kind.KEYWORD), TRIGGER(Kind.KEYWORD),
    LOGIN(Kind.KEYWORD), ROLE(Kind.KEYWORD), USER_OBJECT(Kind.KEYWORD), WITH(Kind.KEYWORD),
    LIKE(Kind.OPERATOR), RLIKE(Kind.OPERATOR), ILIKE(Kind.OPERATOR), REGEXP(Kind.OPERATOR),
    SOUNDS(Kind.OPERATOR), IN(Kind.OPERATOR), BETWEEN(Kind.OPERATOR), IS(Kind.OPERATOR),
    DIV(Kind.OPERATOR), MOD(Kind.OPERATOR), COLLATE(Kind.OPERATOR), ESCAPE(Kind.OPERATOR),
    GLOB(Kind.OPERATOR), MATCH(Kind.OPERATOR), SIMILAR(Kind.OPERATOR), NOTNULL(Kind.OPERATOR),
    ISNULL(Kind.OPERATOR), ANY(Kind.KEYWORD), SOME(Kind.KEYWORD), TO(Kind.KEYWORD),
    NULL(Kind.VALUE), TRUE(Kind.VALUE), FALSE(Kind.VALUE), UNKNOWN(Kind.VALUE),
    CASE(Kind.KEYWORD), WHEN(Kind.KEYWORD), THEN(Kind.KEYWORD), ELSE(Kind.KEYWORD), END(Kind.KEYWORD),
    EXISTS(Kind.KEYWORD), BINARY(Kind.KEYWORD), INTERVAL(Kind.KEYWORD),
    FUNCTION(Kind.FUNCTION),
    ATTACK_FUNCTION(Kind.FUNCTION),
    /** The attack functions that make the database wait: the probes of time-based blind injection. */
    DELAY_FUNCTION(Kind.FUNCTION);

    /** What a word does in the grammar; the signature is its fingerprint letter. */
    public enum Kind {
        NOT_A_KEYWORD('b'), LOGIC('&'), UNION('U'), STATEMENT('E'), KEYWORD('k'), OPERATOR('o'),
        VALUE('1'), FUNCTION('f');

        private final char signature;

        Kind(char signature) {
            this.signature = signature;
        }

        public char signature() {
            return signature;
        }
    }

    /**
     * Calls with no business in a value an API client sends: time delays (blind injection),
     * functions that leak data through error messages, file, network and catalogue access.
     */
    private static final Set<String> DELAY_FUNCTIONS = Set.of(
            "sleep", "benchmark", "pg_sleep", "pg_sleep_for", "randomblob", "receive_message");

    private static final Set<String> ATTACK_FUNCTIONS = Set.of(
            "extractvalue", "updatexml",
            "load_file", "version", "database", "user", "current_user", "system_user", "session_user",
            "schema_name", "sqlite_version", "pg_read_file", "pg_ls_dir", "lo_import", "lo_export",
            "xp_cmdshell", "xp_dirtree", "sp_executesql", "get_host_name",
            "get_host_address", "request", "name_const", "gtid_subset", "json_keys", "exp",
            "geometrycollection", "multipoint", "polygon", "multipolygon", "linestring", "multilinestring",
            "db_name", "user_name", "suser_name", "has_dbaccess", "is_srvrolemember", "host_name",
            "make_set", "elt", "export_set", "uuid", "connection_id", "last_insert_id", "row_count",
            "dbms_xmlgen", "getxml", "ctxsys", "drithsx", "sys_context", "openrowset", "opendatasource",
            "load_extension", "sqlite_compileoption_used", "pg_client_encoding",
            "inet_server_addr", "current_database", "current_schema", "query_to_xml", "dblink");

    /**
     * Attack functions whose names never occur in prose, so that a call to one after a quote is
     * an attack even where the rest does not parse.
     */
    private static final Set<String> UNMISTAKABLE_FUNCTIONS = Set.of(
            "sleep", "benchmark", "pg_sleep", "pg_sleep_for", "randomblob", "receive_message", "extractvalue",
            "updatexml", "load_file", "xp_cmdshell", "xp_dirtree", "sp_executesql", "pg_read_file", "pg_ls_dir",
            "lo_import", "lo_export", "get_host_name", "get_host_address", "name_const", "gtid_subset",
            "load_extension", "query_to_xml", "dblink", "openrowset", "opendatasource", "sqlite_version",
            "dbms_xmlgen", "drithsx");

    /** Ordinary SQL functions; known so that an injected call to them can be told from prose. */
    private static final Set<String> FUNCTIONS = Set.of(
            "mod", "ascii", "ord", "char", "chr", "nchar", "unicode", "concat", "concat_ws", "group_concat",
            "string_agg", "listagg", "substring", "substr", "mid", "left", "right", "length", "len",
            "char_length", "character_length", "octet_length", "bit_length", "lower", "upper", "lcase",
            "ucase", "trim", "ltrim", "rtrim", "replace", "reverse", "repeat", "replicate", "space",
            "hex", "unhex", "bin", "oct", "conv", "cast", "convert", "coalesce", "ifnull", "isnull",
            "nullif", "nvl", "nvl2", "iif", "if", "decode", "instr", "locate", "position", "strcmp",
            "count", "sum", "avg", "min", "max", "floor", "ceil", "ceiling", "round", "rand", "random",
            "abs", "power", "pow", "sqrt", "md5", "sha1", "sha2", "crc32", "now", "sysdate", "curdate",
            "curtime", "current_timestamp", "current_date", "getdate", "date", "year", "month", "day",
            "to_char", "to_number", "to_date", "str_to_date", "format", "quote", "soundex", "lpad",
            "rpad", "field", "find_in_set", "greatest", "least", "row", "json_extract",
            "xmltype", "upper_case", "unistr", "rownum", "table_name", "column_name", "quotename",
            "typeof", "zeroblob", "glob", "printf", "utl_inaddr", "utl_http", "dbms_pipe",
            "dbms_lock", "extract", "str", "datalength", "stuff", "charindex", "patindex", "object_id",
            "object_name", "col_name", "schema", "collation", "charset", "coercibility", "pg_typeof");

    private static final Map<String, SqlWord> BY_NAME = new HashMap<>();

    static {
        for (SqlWord word : values()) {
            if (word.kind != Kind.FUNCTION && word != NONE) {
                BY_NAME.put(word.name().toLowerCase(Locale.ROOT), word);
            }
        }
        BY_NAME.put("function", FUNCTION_OBJECT);
        BY_NAME.remove("function_object");
        BY_NAME.put("user", USER_OBJECT);
        BY_NAME.remove("user_object");
        BY_NAME.put("procedure", PROCEDURE);
    }

    private final Kind kind;

    SqlWord(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether {@code lowercaseName} is an attack function no prose calls. */
    static boolean isUnmistakableAttackFunction(String lowercaseName) {
        return UNMISTAKABLE_FUNCTIONS.contains(lowercaseName);
    }

    /** Whether this is a function only attackers call from a value position. */
    public boolean isAttackFunction() {
        return this == ATTACK_FUNCTION || this == DELAY_FUNCTION;
    }

    /**
     * The keyword {@code lowercaseWord} is, else the function group it belongs to, else {@link #NONE}.
     * A keyword that is also a function name ({@code user}, {@code left}, {@code replace}) is the
     * function when {@code followedByParen}.
     */
    static SqlWord classify(String lowercaseWord, boolean followedByParen) {
        if (followedByParen) {
            if (DELAY_FUNCTIONS.contains(lowercaseWord)) {
                return DELAY_FUNCTION;
            }
            if (ATTACK_FUNCTIONS.contains(lowercaseWord)) {
                return ATTACK_FUNCTION;
            }
            if (FUNCTIONS.contains(lowercaseWord)) {
                return FUNCTION;
            }
        }
        SqlWord keyword = BY_NAME.get(lowercaseWord);
        return keyword != null ? keyword : NONE;
    }
}

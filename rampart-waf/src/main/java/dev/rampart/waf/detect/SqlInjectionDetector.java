package dev.rampart.waf.detect;

import dev.rampart.waf.detect.sql.QuoteContext;
import dev.rampart.waf.detect.sql.SqlConstruct;
import dev.rampart.waf.detect.sql.SqlFragmentParser;
import dev.rampart.waf.detect.sql.SqlLexer;
import dev.rampart.waf.detect.sql.SqlTokens;
import java.util.Optional;
import java.util.Set;

/**
 * Rampart's SQL-injection detector, behind {@code @detectSQLi}. The input is read as a database
 * would read it in each place an application puts untrusted text — a bare value, a single-,
 * double- or backtick-quoted literal — and reported when, from one of them, it forms a valid
 * continuation of the query that changes its structure: a decisive {@code OR}/{@code AND} test, a
 * {@code UNION SELECT}, a stacked statement, a comment that cuts the query short, a time delay, a
 * subquery, an error-extraction call. Text that stays inside its literal, or does not parse as
 * SQL from where it would break out, is benign.
 *
 * <p>The fingerprint names the context and the token classes of the fragment (at most
 * {@value #FINGERPRINT_TOKENS} of them, e.g. {@code 's&1=1c} for {@code ' OR 1=1--}), never the
 * input's own characters, so it is safe to log.
 */
public final class SqlInjectionDetector implements InjectionDetector {

    static final int FINGERPRINT_TOKENS = 8;

    @Override
    public Optional<String> detect(String input) {
        for (QuoteContext context : QuoteContext.values()) {
            if (context != QuoteContext.NONE && input.indexOf(context.quote()) < 0) {
                continue; // the literal is never left: nothing to parse
            }
            SqlTokens tokens = SqlLexer.lazily(input, context);
            Set<SqlConstruct> constructs = SqlFragmentParser.constructs(input, tokens, context);
            if (SqlFragmentParser.changesQueryStructure(constructs, context)) {
                return Optional.of(fingerprint(context, tokens));
            }
        }
        return Optional.empty();
    }

    private static String fingerprint(QuoteContext context, SqlTokens tokens) {
        StringBuilder fingerprint = new StringBuilder(FINGERPRINT_TOKENS + 1);
        fingerprint.append(context == QuoteContext.NONE ? '-' : context.quote());
        for (int i = 0; i < FINGERPRINT_TOKENS && tokens.has(i); i++) {
            fingerprint.append(tokens.get(i).signature());
        }
        return fingerprint.toString();
    }
}

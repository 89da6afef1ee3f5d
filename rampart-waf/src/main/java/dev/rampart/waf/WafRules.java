package dev.rampart.waf;

import dev.rampart.waf.engine.EngineConfig;
import dev.rampart.waf.engine.RuleSet;
import dev.rampart.waf.seclang.SecLangException;
import dev.rampart.waf.seclang.SecLangParser;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loaded, immutable SecLang rule set (for example the OWASP Core Rule Set) that inspects
 * requests: load once, then start a {@link Transaction} per request from any thread.
 *
 * <pre>{@code
 * WafRules rules = WafRules.load(List.of(Path.of("crs-setup.conf"), Path.of("rules/*.conf")),
 *         WafSettings.defaults().withParanoiaLevel(2));
 * Transaction tx = rules.newTransaction(request);
 * Verdict verdict = tx.processRequest();
 * }</pre>
 */
public final class WafRules {

    private final RuleSet rules;
    private final WafSettings settings;
    private final AtomicLong transactions = new AtomicLong();
    private final String idPrefix = Long.toString(System.nanoTime() & 0xFFFFFFL, 36);

    private WafRules(RuleSet rules, WafSettings settings) {
        this.rules = rules;
        this.settings = settings;
    }

    /**
     * Loads rule files in order; a path whose file name holds {@code *} or {@code ?} is a glob
     * ({@code rules/*.conf}), expanded in name order as {@code Include} does.
     *
     * @throws SecLangException naming file, line and what was expected when a file cannot be loaded
     */
    public static WafRules load(List<Path> paths, WafSettings settings) {
        SecLangParser parser = new SecLangParser();
        for (Path path : paths) {
            Path parent = path.toAbsolutePath().getParent();
            String include = "Include \"" + path.toAbsolutePath().toString().replace("\"", "\\\"") + "\"";
            parser.parseText(include, "<load " + path + ">", parent);
        }
        return finish(parser, settings);
    }

    /** Loads rules given as SecLang text; {@code directory} resolves Include and data-file paths. */
    public static WafRules parse(String text, Path directory, WafSettings settings) {
        SecLangParser parser = new SecLangParser();
        parser.parseText(text, "<inline>", directory);
        return finish(parser, settings);
    }

    private static WafRules finish(SecLangParser parser, WafSettings settings) {
        int index = 0;
        for (String directives : settings.directives()) {
            parser.parseText(directives, "<settings directives " + ++index + ">", Path.of("").toAbsolutePath());
        }
        return new WafRules(parser.build(), settings);
    }

    /** A new transaction for {@code request}; evaluate it with {@link Transaction#processRequest()}. */
    public Transaction newTransaction(HttpRequest request) {
        String id = idPrefix + "-" + Long.toString(transactions.incrementAndGet(), 36);
        return new Transaction(rules, settings, request, id);
    }

    /** The number of rules loaded (a chain counts once). */
    public int ruleCount() {
        return rules.ruleCount();
    }

    /** The engine mode transactions start in. */
    public EngineMode engineMode() {
        return settings.engineMode() != null ? settings.engineMode() : rules.config().mode();
    }

    /** The engine directives of the loaded rules. */
    public EngineConfig config() {
        return rules.config();
    }
}

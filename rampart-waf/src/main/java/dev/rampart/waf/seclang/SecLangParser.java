package dev.rampart.waf.seclang;

import dev.rampart.waf.EngineMode;
import dev.rampart.waf.action.Actions;
import dev.rampart.waf.action.RuleAction;
import dev.rampart.waf.engine.EngineConfig;
import dev.rampart.waf.engine.Rule;
import dev.rampart.waf.engine.RuleCompiler;
import dev.rampart.waf.engine.RuleDefinition;
import dev.rampart.waf.engine.RuleSet;
import dev.rampart.waf.engine.Target;
import dev.rampart.waf.engine.Targets;
import dev.rampart.waf.operator.Operator;
import dev.rampart.waf.operator.Operators;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads SecLang as the OWASP Core Rule Set writes it — rules, actions, markers, default actions,
 * engine directives, exclusions applied at load, {@code Include} with globs — into a
 * {@link RuleSet}. Feed it files and text in order, then {@link #build}. Every error is a
 * {@link SecLangException} naming file, line and what was expected.
 */
public final class SecLangParser {

    /**
     * Server directives of ModSecurity configurations that have no effect in Rampart (logging, file
     * storage and PCRE tuning belong to the gateway or do not apply to RE2): accepted so existing
     * configurations load.
     */
    private static final Set<String> WITHOUT_EFFECT = Set.of(
            "secauditengine", "secauditlog", "secauditlog2", "secauditlogparts", "secauditlogtype",
            "secauditlogrelevantstatus", "secauditlogstoragedir", "secauditlogformat", "secauditlogdirmode",
            "secauditlogfilemode", "secdebuglog", "secdebugloglevel", "sectmpdir", "secdatadir",
            "secuploaddir", "secuploadkeepfiles", "secuploadfilemode", "secuploadfilelimit", "seccookieformat",
            "secunicodemapfile", "secstatusengine", "secpcrematchlimit", "secpcrematchlimitrecursion",
            "seccollectiontimeout", "secserversignature", "sectmpsaveuploadedfiles", "secrequestbodyinmemorylimit",
            "secrequestbodylimitaction", "secresponsebodylimitaction", "secargumentslimit", "secrequestbodyjsondepthlimit",
            "seccontentinjection", "secstreamoutbodyinspection", "secstreaminbodyinspection", "secxmlexternalentity",
            "secconnengine", "secgeolookupdb", "secgsblookupdb", "sechashengine", "secruleperftime", "secsensorid",
            "secwebappid", "secchrootdir", "secinterceptonerror", "secdisablebackendcompression", "secconnreadstatelimit",
            "secconnwritestatelimit", "secremoterules", "secremoterulesfailaction", "secrulescript", "seccachetransformations");

    private static final int MAX_INCLUDE_DEPTH = 16;

    private final Deque<Path> including = new ArrayDeque<>();
    private final List<Object> entries = new ArrayList<>();
    private final Map<Integer, RuleDefinition> byId = new HashMap<>();
    private final Set<String> markers = new HashSet<>();
    private final Map<Integer, RuleDefinition> defaults = new HashMap<>();
    private final RuleCompiler compiler = new RuleCompiler();
    private RuleDefinition openChain;
    private Directive openChainDirective;

    private EngineMode mode = EngineMode.ON;
    private boolean requestBodyAccess;
    private boolean responseBodyAccess;
    private List<String> responseMimeTypes = EngineConfig.defaults().responseBodyMimeTypes();
    private long requestBodyLimit = EngineConfig.defaults().requestBodyLimit();
    private long requestBodyNoFilesLimit = EngineConfig.defaults().requestBodyNoFilesLimit();
    private long responseBodyLimit = EngineConfig.defaults().responseBodyLimit();
    private final List<String> signatures = new ArrayList<>();

    /** One rule chain as read, with the SecDefaultAction of its phase at the time. */
    private record RuleEntry(RuleDefinition start, RuleDefinition defaults) {}

    /** Reads a rule file; its {@code Include}s resolve against its directory. */
    public void parseFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (including.contains(absolute)) {
            throw new SecLangException(absolute.toString(), 1, "the file includes itself (include cycle through "
                    + including + ")");
        }
        if (including.size() >= MAX_INCLUDE_DEPTH) {
            throw new SecLangException(absolute.toString(), 1, "includes nest deeper than " + MAX_INCLUDE_DEPTH);
        }
        String text;
        try {
            // Rule files are read byte for byte, as the byte strings rules match (see ByteText).
            text = Files.readString(absolute, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new SecLangException(absolute.toString(), 0, "cannot read the rule file: " + e.getMessage(), e);
        }
        including.push(absolute);
        try {
            parseText(text, absolute.toString(), absolute.getParent());
        } finally {
            including.pop();
        }
    }

    /** Reads rules given as text, named {@code name} in messages; relative paths resolve against {@code directory}. */
    public void parseText(String text, String name, Path directory) {
        for (Directive directive : DirectiveReader.read(text, name, directory)) {
            apply(directive);
        }
    }

    /** The loaded rule set; fails when a chain is left open or a {@code skipAfter} names no marker. */
    public RuleSet build() {
        if (openChain != null) {
            throw openChainDirective.error("the rule has the chain action but no rule follows it; expected a SecRule");
        }
        List<Rule> rules = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof RuleEntry) {
                RuleEntry rule = (RuleEntry) entry;
                rules.add(compiler.compile(rule.start(), rule.defaults()));
            } else {
                rules.add((Rule) entry);
            }
        }
        for (Rule rule : rules) {
            if (rule.skipAfter() != null && !markers.contains(rule.skipAfter())) {
                throw new SecLangException(rule.file(), rule.line(), "skipAfter:" + rule.skipAfter()
                        + " names no SecMarker; expected a SecMarker with that name");
            }
        }
        EngineConfig config = new EngineConfig(mode, requestBodyAccess, responseBodyAccess, responseMimeTypes,
                requestBodyLimit, requestBodyNoFilesLimit, responseBodyLimit, signatures);
        return new RuleSet(config, rules);
    }

    private void apply(Directive directive) {
        String name = directive.name().toLowerCase(Locale.ROOT);
        if (openChain != null && !name.equals("secrule")) {
            throw openChainDirective.error("the rule has the chain action, so a SecRule must follow; found "
                    + directive.name() + " at line " + directive.line());
        }
        switch (name) {
            case "secrule":
                secRule(directive);
                break;
            case "secaction":
                arguments(directive, 1, 1, "an action list in quotes");
                rule(directive, null, null, directive.arguments().get(0));
                break;
            case "secmarker":
                arguments(directive, 1, 1, "a marker name");
                markers.add(directive.arguments().get(0));
                entries.add(RuleCompiler.marker(directive.arguments().get(0), directive.file(), directive.line()));
                break;
            case "secdefaultaction":
                secDefaultAction(directive);
                break;
            case "secruleengine":
                arguments(directive, 1, 1, "On, Off or DetectionOnly");
                try {
                    mode = EngineMode.fromSecLang(directive.arguments().get(0));
                } catch (IllegalArgumentException e) {
                    throw directive.error(e.getMessage(), e);
                }
                break;
            case "secrequestbodyaccess":
                requestBodyAccess = onOff(directive);
                break;
            case "secresponsebodyaccess":
                responseBodyAccess = onOff(directive);
                break;
            case "secresponsebodymimetype":
                arguments(directive, 1, Integer.MAX_VALUE, "one or more MIME types");
                List<String> types = new ArrayList<>(responseMimeTypes);
                for (String argument : directive.arguments()) {
                    for (String type : argument.trim().split("\\s+")) {
                        types.add(type.toLowerCase(Locale.ROOT));
                    }
                }
                responseMimeTypes = types;
                break;
            case "secresponsebodymimetypesclear":
                responseMimeTypes = List.of();
                break;
            case "secrequestbodylimit":
                requestBodyLimit = size(directive);
                break;
            case "secrequestbodynofileslimit":
                requestBodyNoFilesLimit = size(directive);
                break;
            case "secresponsebodylimit":
                responseBodyLimit = size(directive);
                break;
            case "secargumentseparator":
                arguments(directive, 1, 1, "the argument separator");
                if (!directive.arguments().get(0).equals("&")) {
                    throw directive.error("only '&' is supported as argument separator, found '"
                            + directive.arguments().get(0) + "'");
                }
                break;
            case "secruleremovebyid":
                arguments(directive, 1, Integer.MAX_VALUE, "rule ids or ranges (920100 920200-920299)");
                removeById(directive);
                break;
            case "secruleremovebytag":
                arguments(directive, 1, 1, "a tag");
                removeIf(rule -> rule.tags().contains(directive.arguments().get(0)));
                break;
            case "secruleremovebymsg":
                arguments(directive, 1, 1, "a message");
                removeIf(rule -> directive.arguments().get(0).equals(rule.messageText()));
                break;
            case "secruleupdatetargetbyid":
                updateTargetById(directive);
                break;
            case "secruleupdatetargetbytag":
                updateTargetByTag(directive);
                break;
            case "secruleupdateactionbyid":
                updateActionById(directive);
                break;
            case "seccomponentsignature":
                arguments(directive, 1, 1, "a component signature in quotes");
                signatures.add(directive.arguments().get(0));
                break;
            case "include":
            case "includeoptional":
                arguments(directive, 1, 1, "a file path or glob");
                include(directive, name.equals("includeoptional"));
                break;
            default:
                if (!WITHOUT_EFFECT.contains(name)) {
                    throw directive.error("unknown directive '" + directive.name() + "'; expected SecRule, SecAction, "
                            + "SecMarker, SecDefaultAction, SecRuleEngine, SecRequestBodyAccess, SecResponseBodyAccess, "
                            + "SecRuleRemoveById/ByTag, SecRuleUpdateTargetById/ByTag, SecComponentSignature, Include "
                            + "or another ModSecurity directive");
                }
        }
    }

    private void secRule(Directive directive) {
        arguments(directive, 2, 3, "variables, an operator and optionally an action list");
        List<String> args = directive.arguments();
        rule(directive, args.get(0), args.get(1), args.size() > 2 ? args.get(2) : "");
    }

    private void rule(Directive directive, String variables, String operator, String actions) {
        RuleDefinition definition = new RuleDefinition(directive.file(), directive.line());
        boolean chainLink = openChain != null;
        if (variables != null) {
            try {
                definition.targets().addAll(Targets.parse(variables));
            } catch (IllegalArgumentException e) {
                throw directive.error("invalid variables '" + variables + "': " + e.getMessage(), e);
            }
            operator(directive, definition, operator);
        } else {
            RuleCompiler.operator(definition, "unconditionalMatch", "", false, Operators.create("unconditionalMatch", "",
                    directive.directory()));
        }
        declareActions(directive, definition, actions);
        if (chainLink) {
            if (RuleCompiler.hasId(definition) || RuleCompiler.hasPhase(definition)) {
                throw directive.error("a chained rule may not have id or phase (they belong to the chain's first rule)");
            }
            RuleCompiler.chainTo(openChain, definition);
            openChain = RuleCompiler.chains(definition) ? definition : null;
            return;
        }
        if (!RuleCompiler.hasId(definition)) {
            throw directive.error("the rule has no id; expected an id action (id:123456) in its action list");
        }
        RuleDefinition previous = byId.get(definition.id());
        if (previous != null) {
            throw directive.error("rule id " + definition.id() + " is already used by the rule at " + previous.file() + ":"
                    + previous.line() + "; expected a unique id");
        }
        byId.put(definition.id(), definition);
        entries.add(new RuleEntry(definition, defaults.get(RuleCompiler.phase(definition))));
        if (RuleCompiler.chains(definition)) {
            openChain = definition;
            openChainDirective = directive;
        }
    }

    private void operator(Directive directive, RuleDefinition definition, String text) {
        String rest = text;
        boolean negated = false;
        if (rest.startsWith("!")) {
            negated = true;
            rest = rest.substring(1);
        }
        String name;
        String argument;
        if (rest.startsWith("@")) {
            int space = indexOfWhitespace(rest);
            name = space < 0 ? rest.substring(1) : rest.substring(1, space);
            argument = space < 0 ? "" : rest.substring(space + 1);
            if (name.isEmpty()) {
                throw directive.error("expected an operator name after '@' in \"" + text + "\"");
            }
        } else {
            name = "rx";
            argument = rest;
        }
        Operator operator;
        try {
            operator = Operators.create(name, argument, directive.directory());
        } catch (IllegalArgumentException e) {
            throw directive.error("invalid operator \"" + abbreviate(text) + "\": " + e.getMessage(), e);
        }
        RuleCompiler.operator(definition, name, argument, negated, operator);
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private void declareActions(Directive directive, RuleDefinition definition, String actions) {
        List<ActionList.Item> items;
        try {
            items = ActionList.parse(actions);
        } catch (IllegalArgumentException e) {
            throw directive.error("invalid action list: " + e.getMessage(), e);
        }
        for (ActionList.Item item : items) {
            try {
                RuleAction action = Actions.create(item.name(), item.argument());
                action.declare(definition);
                if (action.runsOnMatch()) {
                    definition.onMatch(action);
                }
                if (item.name().equalsIgnoreCase("t")) {
                    RuleCompiler.checkTransformation(item.argument().trim());
                }
            } catch (IllegalArgumentException e) {
                throw directive.error("invalid action '" + item.name() + (item.argument() == null ? "" : ":"
                        + abbreviate(item.argument())) + "': " + e.getMessage(), e);
            }
        }
    }

    private void secDefaultAction(Directive directive) {
        arguments(directive, 1, 1, "an action list in quotes");
        RuleDefinition definition = new RuleDefinition(directive.file(), directive.line());
        declareActions(directive, definition, directive.arguments().get(0));
        if (!RuleCompiler.hasPhase(definition)) {
            throw directive.error("SecDefaultAction needs a phase action (phase:2)");
        }
        if (!RuleCompiler.hasDisruption(definition)) {
            throw directive.error("SecDefaultAction needs a disruptive action (pass, deny, block, …)");
        }
        if (RuleCompiler.hasId(definition)) {
            throw directive.error("SecDefaultAction may not have an id");
        }
        defaults.put(RuleCompiler.phase(definition), definition);
    }

    private void removeById(Directive directive) {
        List<int[]> ranges;
        try {
            ranges = Actions.idRanges(String.join(" ", directive.arguments()));
        } catch (IllegalArgumentException e) {
            throw directive.error(e.getMessage(), e);
        }
        removeIf(rule -> {
            for (int[] range : ranges) {
                if (rule.id() >= range[0] && rule.id() <= range[1]) {
                    return true;
                }
            }
            return false;
        });
    }

    private void removeIf(Predicate<RuleDefinition> condition) {
        Iterator<Object> iterator = entries.iterator();
        while (iterator.hasNext()) {
            Object entry = iterator.next();
            if (entry instanceof RuleEntry && condition.test(((RuleEntry) entry).start())) {
                byId.remove(((RuleEntry) entry).start().id());
                iterator.remove();
            }
        }
    }

    private void updateTargetById(Directive directive) {
        arguments(directive, 2, 3, "a rule id or range and the targets to add (\"!ARGS:password\")");
        List<Target> targets = targets(directive, directive.arguments().get(1));
        List<int[]> ranges;
        try {
            ranges = Actions.idRanges(directive.arguments().get(0));
        } catch (IllegalArgumentException e) {
            throw directive.error(e.getMessage(), e);
        }
        for (Object entry : entries) {
            if (entry instanceof RuleEntry) {
                RuleDefinition rule = ((RuleEntry) entry).start();
                for (int[] range : ranges) {
                    if (rule.id() >= range[0] && rule.id() <= range[1]) {
                        updateTargets(directive, rule, targets);
                    }
                }
            }
        }
    }

    private void updateTargetByTag(Directive directive) {
        arguments(directive, 2, 3, "a tag and the targets to add (\"!ARGS:password\")");
        List<Target> targets = targets(directive, directive.arguments().get(1));
        for (Object entry : entries) {
            if (entry instanceof RuleEntry && ((RuleEntry) entry).start().tags().contains(directive.arguments().get(0))) {
                updateTargets(directive, ((RuleEntry) entry).start(), targets);
            }
        }
    }

    /** Adds targets; with a third argument, ModSecurity replaces that target by the new one instead. */
    private void updateTargets(Directive directive, RuleDefinition rule, List<Target> targets) {
        if (directive.arguments().size() == 3) {
            String replaced = directive.arguments().get(2);
            rule.targets().removeIf(t -> t.text().equalsIgnoreCase(replaced));
        }
        rule.targets().addAll(targets);
    }

    private void updateActionById(Directive directive) {
        arguments(directive, 2, 2, "a rule id and the actions to set");
        int id;
        try {
            id = Integer.parseInt(directive.arguments().get(0).trim());
        } catch (NumberFormatException e) {
            throw directive.error("expected a rule id, found '" + directive.arguments().get(0) + "'", e);
        }
        RuleDefinition rule = byId.get(id);
        if (rule == null) {
            throw directive.error("SecRuleUpdateActionById names rule " + id + ", which is not loaded (yet)");
        }
        declareActions(directive, rule, directive.arguments().get(1));
    }

    private static List<Target> targets(Directive directive, String text) {
        try {
            return Targets.parse(text);
        } catch (IllegalArgumentException e) {
            throw directive.error("invalid targets '" + text + "': " + e.getMessage(), e);
        }
    }

    private void include(Directive directive, boolean optional) {
        String pattern = directive.arguments().get(0);
        Path base = directive.directory() == null ? Path.of("") : directive.directory();
        List<Path> files = IncludeGlob.resolve(base, pattern);
        if (files.isEmpty() && !optional) {
            throw directive.error("Include '" + pattern + "' matches no file (resolved against " + base.toAbsolutePath() + ")");
        }
        for (Path file : files) {
            parseFile(file);
        }
    }

    private static void arguments(Directive directive, int min, int max, String expected) {
        int count = directive.arguments().size();
        if (count < min || count > max) {
            throw directive.error(directive.name() + " takes " + (min == max ? Integer.toString(min) : min + "-"
                    + (max == Integer.MAX_VALUE ? "n" : Integer.toString(max))) + " argument(s): expected " + expected
                    + "; found " + count + " (is a quote missing?)");
        }
    }

    private static boolean onOff(Directive directive) {
        arguments(directive, 1, 1, "On or Off");
        String value = directive.arguments().get(0);
        if (value.equalsIgnoreCase("on")) {
            return true;
        }
        if (value.equalsIgnoreCase("off")) {
            return false;
        }
        throw directive.error(directive.name() + " expects On or Off, found '" + value + "'");
    }

    private static long size(Directive directive) {
        arguments(directive, 1, 1, "a size in bytes");
        try {
            long value = Long.parseLong(directive.arguments().get(0).trim());
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw directive.error(directive.name() + " expects a size in bytes, found '" + directive.arguments().get(0)
                    + "'", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    private static final class IncludeGlob {

        private IncludeGlob() {}

        /** Files matching {@code pattern} (a path, possibly with * ? [ ] in its last segment), sorted by name. */
        static List<Path> resolve(Path base, String pattern) {
            Path path = base.resolve(pattern).normalize();
            String fileName = path.getFileName() == null ? "" : path.getFileName().toString();
            if (!fileName.contains("*") && !fileName.contains("?") && !fileName.contains("[")) {
                return Files.isRegularFile(path) ? List.of(path) : List.of();
            }
            Path directory = path.getParent();
            List<Path> files = new ArrayList<>();
            if (directory == null || !Files.isDirectory(directory)) {
                return files;
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, fileName)) {
                for (Path file : stream) {
                    if (Files.isRegularFile(file)) {
                        files.add(file);
                    }
                }
            } catch (IOException e) {
                return files;
            }
            files.sort(null);
            return files;
        }
    }
}

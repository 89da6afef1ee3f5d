package dev.rampart.gateway.waf;

import dev.rampart.core.config.WafExclusionConfig;
import dev.rampart.core.config.WafResponseInspectionConfig;
import dev.rampart.core.config.WafRouteConfig;
import dev.rampart.waf.EngineMode;
import dev.rampart.waf.RampartRulePack;
import dev.rampart.waf.WafRules;
import dev.rampart.waf.WafSettings;
import dev.rampart.waf.seclang.SecLangException;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns routes' {@code waf:} sections into loaded {@link WafRules}, once per config load: routes
 * whose rule files and settings are identical share one rule set (CRS takes a second or so to load
 * and holds its compiled patterns in memory, so twenty routes must not load it twenty times).
 *
 * <p>Settings map onto the engine as rampart-waf's README describes: paranoia level and anomaly
 * thresholds as CRS's TX variables, {@code mode} as the engine mode, the body inspection limit as
 * {@code SecRequestBodyLimit}/{@code SecRequestBodyNoFilesLimit}, {@code inspect-responses} as
 * {@code SecResponseBodyAccess On}, {@code SecResponseBodyMimeType} and {@code SecResponseBodyLimit}
 * (replacing what the rule files set), {@code remove-rules},
 * {@code remove-tags} and path-independent target exclusions as directives read after the rules.
 * Exclusions below a path prefix are {@code ctl:} rules read <em>before</em> the rules, so that
 * they take effect before the rules they exclude run, in phase 1 as in phase 2.
 *
 * <p>Not thread-safe: used by one config load.
 */
public final class WafRuleSets {

    /** Ids of the generated per-path exclusion rules; outside CRS's and the Rampart pack's ranges. */
    static final int FIRST_EXCLUSION_RULE_ID = 7101000;

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._/-]+");
    private static final Pattern TARGET = Pattern.compile("[A-Z_]+(?::(?:/[^\"',]+/|[^\"'\\s,|!]+))?");
    private static final Pattern PATH_PREFIX = Pattern.compile("/[^\\s\"]*");
    /** A media type without parameters (RFC 9110 tokens): it is written into a SecLang directive. */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+");
    /** Largest {@code inspect-responses.body-limit}: a held response lives in memory. */
    static final long MAX_RESPONSE_BODY_LIMIT = 64L * 1024 * 1024;

    /**
     * What ModSecurity's recommended base configuration sets and CRS expects from it, read before
     * listed rule files (which may change it): request bodies inspected, and JSON and XML bodies
     * parsed by Content-Type so that their values reach ARGS and XML:/*. One directive a line.
     */
    static final String BASELINE = String.join("\n",
            "SecRequestBodyAccess On",
            "SecRule REQUEST_HEADERS:Content-Type \"@rx ^(?:application(?:/soap\\+|/)|text/)xml\" "
                    + "\"id:7101900,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML\"",
            "SecRule REQUEST_HEADERS:Content-Type \"@rx ^application/(?:[a-z0-9.-]+\\+)?json\" "
                    + "\"id:7101901,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON\"",
            "");

    private final Path baseDir;
    private final Map<Key, WafRules> loaded = new HashMap<>();

    private record Key(List<Path> ruleFiles, String prelude, WafSettings settings) {
    }

    /** @param baseDir the config file's directory: rule paths resolve against it */
    public WafRuleSets(Path baseDir) {
        this.baseDir = baseDir;
    }

    /**
     * The rules for a route's {@code waf:} section, loaded or taken from an identical route's.
     *
     * @param path the section's config path ({@code routes[2].waf}), named in errors
     * @throws IllegalArgumentException whose message starts with the config key at fault, e.g.
     *     {@code routes[0].waf.rules[1]: crs/rules/x.conf:12: ...} for a rule file that does not parse
     */
    public WafRules rulesFor(WafRouteConfig waf, String path) {
        check(waf, path);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < waf.rules().size(); i++) {
            try {
                files.add(baseDir.resolve(waf.rules().get(i)).toAbsolutePath().normalize());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(path + ".rules[" + i + "]: '" + waf.rules().get(i)
                        + "' is not a valid path", e);
            }
        }
        String prelude = (files.isEmpty() ? "" : BASELINE) + perPathExclusions(waf);
        WafSettings settings = settings(waf);
        Key key = new Key(List.copyOf(files), prelude, settings);
        WafRules rules = loaded.get(key);
        if (rules == null) {
            rules = load(files, prelude, settings, path);
            loaded.put(key, rules);
        }
        return rules;
    }

    /** How many distinct rule sets were loaded so far. */
    public int loadedCount() {
        return loaded.size();
    }

    private WafRules load(List<Path> files, String prelude, WafSettings settings, String path) {
        StringBuilder text = new StringBuilder(prelude);
        int preludeLines = (int) prelude.lines().count();
        if (files.isEmpty()) {
            text.append(RampartRulePack.text());
        } else {
            for (Path file : files) {
                text.append("Include \"").append(file.toString().replace("\"", "\\\"")).append("\"\n");
            }
        }
        try {
            return WafRules.parse(text.toString(), baseDir, settings);
        } catch (SecLangException e) {
            throw new IllegalArgumentException(keyAtFault(e, files, preludeLines, path) + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /** The config key that brought in what failed to load. */
    private static String keyAtFault(SecLangException e, List<Path> files, int preludeLines, String path) {
        if (e.file().startsWith("<settings directives")) {
            return path + ".exclusions";
        }
        if (e.file().equals("<inline>")) {
            int index = e.line() - preludeLines - 1;
            if (index >= 0 && index < files.size()) {
                return path + ".rules[" + index + "]";
            }
            return files.isEmpty() && e.line() > preludeLines ? path : path + ".exclusions";
        }
        Path failing;
        try {
            failing = Path.of(e.file()).toAbsolutePath().normalize();
        } catch (InvalidPathException notAPath) {
            return path + ".rules";
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            if (file.equals(failing) || FileSystems.getDefault().getPathMatcher("glob:" + globSyntax(file)).matches(failing)) {
                return path + ".rules[" + i + "]";
            }
        }
        // A file included by one of the listed files (crs-setup.conf including its own files).
        return path + ".rules";
    }

    private static String globSyntax(Path file) {
        return file.toString().replace("\\", "\\\\").replace("{", "\\{").replace("[", "\\[");
    }

    /** The engine settings a {@code waf:} section asks for. */
    static WafSettings settings(WafRouteConfig waf) {
        long limit = waf.requestBodyLimit().bytes();
        WafSettings settings = WafSettings.defaults()
                .withEngineMode(waf.detectionOnly() ? EngineMode.DETECTION_ONLY : EngineMode.ON)
                .withParanoiaLevel(waf.paranoiaLevel())
                .withAnomalyThresholds(waf.anomalyThreshold().inbound(), waf.anomalyThreshold().outbound())
                .withDirectives("SecRequestBodyLimit " + limit + "\nSecRequestBodyNoFilesLimit " + limit);
        StringBuilder after = new StringBuilder();
        WafResponseInspectionConfig responses = waf.inspectResponses();
        if (responses != null) {
            after.append("SecResponseBodyAccess On\nSecResponseBodyMimeTypesClear\nSecResponseBodyMimeType ")
                    .append(String.join(" ", mimeTypes(responses))).append("\nSecResponseBodyLimit ")
                    .append(responses.bodyLimit().bytes()).append('\n');
        }
        for (int id : waf.removeRules()) {
            after.append("SecRuleRemoveById ").append(id).append('\n');
        }
        for (String tag : waf.removeTags()) {
            after.append("SecRuleRemoveByTag \"").append(tag).append("\"\n");
        }
        for (WafExclusionConfig exclusion : waf.exclusions()) {
            if (exclusion.pathPrefix() != null) {
                continue;
            }
            if (exclusion.targets().isEmpty()) {
                exclusion.ruleIds().forEach(id -> after.append("SecRuleRemoveById ").append(id).append('\n'));
                exclusion.ruleTags().forEach(tag -> after.append("SecRuleRemoveByTag \"").append(tag).append("\"\n"));
                continue;
            }
            String targets = "\"!" + String.join("|!", exclusion.targets()) + "\"";
            exclusion.ruleIds().forEach(id -> after.append("SecRuleUpdateTargetById ").append(id).append(' ')
                    .append(targets).append('\n'));
            exclusion.ruleTags().forEach(tag -> after.append("SecRuleUpdateTargetByTag \"").append(tag).append("\" ")
                    .append(targets).append('\n'));
        }
        return after.isEmpty() ? settings : settings.withDirectives(after.toString());
    }

    /** The media types whose response bodies the rules inspect, lower case as the engine compares them. */
    static List<String> mimeTypes(WafResponseInspectionConfig responses) {
        return responses.mimeTypes().stream().map(type -> type.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** {@code ctl:} rules, one a line, that apply the exclusions below a path prefix. */
    static String perPathExclusions(WafRouteConfig waf) {
        StringBuilder text = new StringBuilder();
        int id = FIRST_EXCLUSION_RULE_ID;
        for (WafExclusionConfig exclusion : waf.exclusions()) {
            if (exclusion.pathPrefix() == null) {
                continue;
            }
            List<String> controls = new ArrayList<>();
            if (exclusion.targets().isEmpty()) {
                exclusion.ruleIds().forEach(rule -> controls.add("ctl:ruleRemoveById=" + rule));
                exclusion.ruleTags().forEach(tag -> controls.add("ctl:ruleRemoveByTag=" + tag));
            } else {
                for (String target : exclusion.targets()) {
                    exclusion.ruleIds().forEach(rule -> controls.add("ctl:ruleRemoveTargetById=" + rule + ";" + target));
                    exclusion.ruleTags().forEach(tag -> controls.add("ctl:ruleRemoveTargetByTag=" + tag + ";" + target));
                }
            }
            // REQUEST_FILENAME is the path as sent, without the query: the prefix compares with what
            // the client wrote, before the gateway's own normalisation.
            text.append("SecRule REQUEST_FILENAME \"@beginsWith ").append(exclusion.pathPrefix()).append("\" \"id:")
                    .append(id++).append(",phase:1,pass,nolog,t:none,").append(String.join(",", controls))
                    .append("\"\n");
        }
        return text.toString();
    }

    /**
     * The checks the SecLang text cannot make itself or would report less clearly: values that
     * would change the meaning of the generated directives (a quote in a tag) are refused here.
     */
    private static void check(WafRouteConfig waf, String path) {
        if (waf.paranoiaLevel() < 1 || waf.paranoiaLevel() > 4) {
            throw new IllegalArgumentException(path + ".paranoia-level: " + waf.paranoiaLevel()
                    + " is not a paranoia level; use 1 (default, fewest false positives) to 4 (strictest)");
        }
        if (waf.anomalyThreshold().inbound() < 1) {
            throw new IllegalArgumentException(path + ".anomaly-threshold.inbound: must be at least 1, got "
                    + waf.anomalyThreshold().inbound());
        }
        if (waf.anomalyThreshold().outbound() < 1) {
            throw new IllegalArgumentException(path + ".anomaly-threshold.outbound: must be at least 1, got "
                    + waf.anomalyThreshold().outbound());
        }
        if (!waf.mode().equals("on") && !waf.mode().equals("detection-only")) {
            throw new IllegalArgumentException(path + ".mode: '" + waf.mode() + "' is not a WAF mode; use 'on' or "
                    + "'detection-only'");
        }
        if (waf.requestBodyLimit().bytes() < 1 || waf.requestBodyLimit().bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(path + ".request-body-limit: must be between 1 byte and 2GiB");
        }
        WafResponseInspectionConfig responses = waf.inspectResponses();
        if (responses != null) {
            long limit = responses.bodyLimit().bytes();
            if (limit < 1 || limit > MAX_RESPONSE_BODY_LIMIT) {
                throw new IllegalArgumentException(path + ".inspect-responses.body-limit: must be between 1 byte and "
                        + "64MiB (held responses are kept in memory), got " + limit + " bytes");
            }
            for (int i = 0; i < responses.mimeTypes().size(); i++) {
                String type = responses.mimeTypes().get(i);
                if (type == null || !MEDIA_TYPE.matcher(type.trim()).matches()) {
                    throw new IllegalArgumentException(path + ".inspect-responses.mime-types[" + i + "]: '" + type
                            + "' is not a media type; write type/subtype without parameters, e.g. text/html or "
                            + "application/json");
                }
            }
        }
        for (int i = 0; i < waf.removeRules().size(); i++) {
            ruleId(waf.removeRules().get(i), path + ".remove-rules[" + i + "]");
        }
        for (int i = 0; i < waf.removeTags().size(); i++) {
            tag(waf.removeTags().get(i), path + ".remove-tags[" + i + "]");
        }
        for (int i = 0; i < waf.exclusions().size(); i++) {
            WafExclusionConfig exclusion = waf.exclusions().get(i);
            String where = path + ".exclusions[" + i + "]";
            if (exclusion.ruleIds().isEmpty() && exclusion.ruleTags().isEmpty()) {
                throw new IllegalArgumentException(where + ": names no rule; give rule-ids or rule-tags");
            }
            if (exclusion.pathPrefix() != null && !PATH_PREFIX.matcher(exclusion.pathPrefix()).matches()) {
                throw new IllegalArgumentException(where + ".path-prefix: '" + exclusion.pathPrefix()
                        + "' is not a path; write it as sent, starting with '/' and without spaces or quotes");
            }
            for (int j = 0; j < exclusion.ruleIds().size(); j++) {
                ruleId(exclusion.ruleIds().get(j), where + ".rule-ids[" + j + "]");
            }
            for (int j = 0; j < exclusion.ruleTags().size(); j++) {
                tag(exclusion.ruleTags().get(j), where + ".rule-tags[" + j + "]");
            }
            for (int j = 0; j < exclusion.targets().size(); j++) {
                String target = exclusion.targets().get(j);
                if (!TARGET.matcher(target).matches()) {
                    throw new IllegalArgumentException(where + ".targets[" + j + "]: '" + target
                            + "' is not a SecLang target; write a collection and optionally a key or /regex/, "
                            + "e.g. ARGS:comment, REQUEST_COOKIES:/^session/, REQUEST_HEADERS:User-Agent");
                }
            }
        }
    }

    private static void ruleId(Integer id, String where) {
        if (id == null || id < 1) {
            throw new IllegalArgumentException(where + ": " + id + " is not a rule id; rule ids are positive numbers");
        }
    }

    private static void tag(String tag, String where) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException(where + ": '" + tag + "' is not a rule tag; tags are letters, digits "
                    + "and . _ / - (e.g. attack-sqli, paranoia-level/2)");
        }
    }
}

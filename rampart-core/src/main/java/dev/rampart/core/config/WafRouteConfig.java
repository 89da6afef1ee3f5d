package dev.rampart.core.config;

import java.util.List;

/**
 * The web application firewall on one route ({@code waf:}): which SecLang rules inspect its
 * requests (the OWASP Core Rule Set, own rules, or Rampart's built-in pack), how strict they are,
 * and what is excluded for this route's traffic.
 */
public record WafRouteConfig(
        @Doc("SecLang rule files, read in order; relative paths are relative to the config file, a '*' or '?' in "
                + "the file name is a glob (crs/rules/*.conf). Absent: Rampart's built-in rule pack.")
        List<String> rules,
        @Doc("Paranoia level 1-4: higher levels run more rules and catch more, with more false positives. "
                + "Default 1.") Integer paranoiaLevel,
        @Doc("The anomaly scores at which a request (inbound) or response (outbound) is blocked. "
                + "Default inbound 5, outbound 4 (one critical match blocks a request).")
        WafAnomalyThresholdConfig anomalyThreshold,
        @Doc("'on' (default): requests reaching the inbound threshold are answered 403. 'detection-only': the rules "
                + "run and report waf.detected events, nothing is blocked.") String mode,
        @Doc("Ids of rules that never run on this route.") List<Integer> removeRules,
        @Doc("Tags whose rules never run on this route, e.g. attack-sqli.") List<String> removeTags,
        @Doc("Narrower exclusions: rules or targets (ARGS:comment, REQUEST_COOKIES:/^session/) left out, "
                + "everywhere or below a path prefix.") List<WafExclusionConfig> exclusions,
        @Doc("How much of a request body the rules inspect; a longer body is inspected up to this size and "
                + "flagged. Default 128KiB, at most the route's max-body-size.") DataSize requestBodyLimit,
        @Doc("Whether the response-header rules (phase 3) run on upstream responses. They report waf.detected "
                + "events; a response already on its way is not blocked. Default false. Superseded by "
                + "inspect-responses, which runs phase 3 before the response goes out.")
        Boolean inspectResponseHeaders,
        @Doc("Blocking response inspection: each upstream response is held (up to body-limit) while the response "
                + "rules (phases 3 and 4) run; a response they deny is answered 502 waf-blocked-response. "
                + "Absent: responses are not held.")
        WafResponseInspectionConfig inspectResponses) {

    /** The CRS defaults: one critical inbound match (5) blocks. */
    public static final int DEFAULT_PARANOIA_LEVEL = 1;

    public WafRouteConfig {
        paranoiaLevel = paranoiaLevel == null ? DEFAULT_PARANOIA_LEVEL : paranoiaLevel;
        anomalyThreshold = anomalyThreshold == null ? WafAnomalyThresholdConfig.defaults() : anomalyThreshold;
        mode = mode == null ? "on" : mode;
        rules = rules == null ? List.of() : List.copyOf(rules);
        removeRules = removeRules == null ? List.of() : List.copyOf(removeRules);
        removeTags = removeTags == null ? List.of() : List.copyOf(removeTags);
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
        requestBodyLimit = requestBodyLimit == null ? DataSize.ofKilobytes(128) : requestBodyLimit;
        inspectResponseHeaders = inspectResponseHeaders == null ? Boolean.FALSE : inspectResponseHeaders;
    }

    /** Whether matches are only reported ({@code mode: detection-only}). */
    public boolean detectionOnly() {
        return "detection-only".equals(mode);
    }
}

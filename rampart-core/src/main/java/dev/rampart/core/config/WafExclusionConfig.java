package dev.rampart.core.config;

import java.util.List;

/**
 * One WAF exclusion: the rules it names (by id or tag) skip the listed targets, or skip entirely
 * when no target is listed; only for request paths below {@code path-prefix} when one is given.
 */
public record WafExclusionConfig(
        @Doc("Only requests whose path starts with this prefix (as sent, e.g. /api/upload). Absent: every request.")
        String pathPrefix,
        @Doc("Ids of the rules this exclusion applies to.") List<Integer> ruleIds,
        @Doc("Tags of the rules this exclusion applies to, e.g. attack-xss.") List<String> ruleTags,
        @Doc("Variables the rules no longer inspect, in SecLang syntax: ARGS:comment, REQUEST_COOKIES:/^session/, "
                + "REQUEST_HEADERS:User-Agent. Absent: the rules do not run at all.") List<String> targets) {

    public WafExclusionConfig {
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        ruleTags = ruleTags == null ? List.of() : List.copyOf(ruleTags);
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}

package dev.rampart.gateway.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.WafAnomalyThresholdConfig;
import dev.rampart.core.config.WafExclusionConfig;
import dev.rampart.core.config.WafResponseInspectionConfig;
import dev.rampart.core.config.WafRouteConfig;
import dev.rampart.waf.EngineMode;
import dev.rampart.waf.HttpRequest;
import dev.rampart.waf.HttpResponse;
import dev.rampart.waf.WafRules;
import dev.rampart.waf.WafSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WafRuleSetsTest {

    @TempDir
    Path dir;

    private static WafRouteConfig waf(List<String> rules, String mode, List<WafExclusionConfig> exclusions) {
        return new WafRouteConfig(rules, null, null, mode, null, null, exclusions, null, null, null);
    }

    @Test
    void mapsTheSectionOntoEngineSettings() {
        WafRouteConfig waf = new WafRouteConfig(null, 3, new WafAnomalyThresholdConfig(10, 8), "detection-only",
                List.of(942100), List.of("attack-xss"),
                List.of(new WafExclusionConfig(null, List.of(942200), List.of(), List.of("ARGS:comment"))),
                DataSize.ofKilobytes(64), null, null);
        WafSettings settings = WafRuleSets.settings(waf);
        assertThat(settings.engineMode()).isEqualTo(EngineMode.DETECTION_ONLY);
        assertThat(settings.transactionValues()).containsEntry("blocking_paranoia_level", "3")
                .containsEntry("detection_paranoia_level", "3")
                .containsEntry("inbound_anomaly_score_threshold", "10")
                .containsEntry("outbound_anomaly_score_threshold", "8");
        assertThat(settings.directives()).containsExactly(
                "SecRequestBodyLimit 65536\nSecRequestBodyNoFilesLimit 65536",
                "SecRuleRemoveById 942100\nSecRuleRemoveByTag \"attack-xss\"\nSecRuleUpdateTargetById 942200 \"!ARGS:comment\"\n");
    }

    @Test
    void responseInspectionTurnsOnResponseBodiesOfTheListedTypesOnlyWhateverTheRuleFilesSay() throws Exception {
        Files.writeString(dir.resolve("own.conf"), """
                SecResponseBodyAccess Off
                SecResponseBodyMimeType application/octet-stream
                SecRule RESPONSE_BODY "@contains ORA-00933" "id:1,phase:4,deny"
                """);
        WafRouteConfig waf = new WafRouteConfig(List.of("own.conf"), null, null, null, null, null, null, null, null,
                new WafResponseInspectionConfig(DataSize.ofKilobytes(2), List.of("text/plain", "Application/JSON"), null));
        assertThat(WafRuleSets.settings(waf).directives()).contains("SecResponseBodyAccess On\nSecResponseBodyMimeTypesClear\n"
                + "SecResponseBodyMimeType text/plain application/json\nSecResponseBodyLimit 2048\n");
        WafRules rules = new WafRuleSets(dir).rulesFor(waf, "routes[0].waf");
        byte[] leak = "ORA-00933: SQL command not properly ended".getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("text/plain; charset=utf-8", "application/json")) {
            assertThat(rules.newTransaction(HttpRequest.of("GET", "/", List.of())).processResponse(new HttpResponse(200,
                    "HTTP/1.1", List.of(new HttpRequest.Header("Content-Type", type)), leak)).denied()).as(type).isTrue();
        }
        assertThat(rules.newTransaction(HttpRequest.of("GET", "/", List.of())).processResponse(new HttpResponse(200,
                "HTTP/1.1", List.of(new HttpRequest.Header("Content-Type", "application/octet-stream")), leak)).denied())
                .isFalse();
    }

    @Test
    void refusesAResponseBodyLimitThatCannotBeHeld() {
        WafRouteConfig waf = new WafRouteConfig(null, null, null, null, null, null, null, null, null,
                new WafResponseInspectionConfig(DataSize.ofMegabytes(65), null, null));
        assertThatThrownBy(() -> new WafRuleSets(dir).rulesFor(waf, "routes[1].waf"))
                .hasMessageStartingWith("routes[1].waf.inspect-responses.body-limit: must be between 1 byte and 64MiB");
    }

    @Test
    void pathExclusionsBecomeCtlRulesReadBeforeTheRules() {
        WafRouteConfig waf = waf(null, null, List.of(
                new WafExclusionConfig("/upload", List.of(942100), List.of(), List.of("ARGS:file", "ARGS:name")),
                new WafExclusionConfig("/admin", List.of(), List.of("attack-sqli"), List.of())));
        assertThat(WafRuleSets.perPathExclusions(waf)).isEqualTo("""
                SecRule REQUEST_FILENAME "@beginsWith /upload" "id:7101000,phase:1,pass,nolog,t:none,\
                ctl:ruleRemoveTargetById=942100;ARGS:file,ctl:ruleRemoveTargetById=942100;ARGS:name"
                SecRule REQUEST_FILENAME "@beginsWith /admin" "id:7101001,phase:1,pass,nolog,t:none,\
                ctl:ruleRemoveByTag=attack-sqli"
                """);
    }

    @Test
    void routesWithIdenticalSettingsShareOneRuleSet() throws Exception {
        Files.writeString(dir.resolve("own.conf"), "SecRule ARGS \"@rx ^x$\" \"id:1,phase:2,deny\"\n");
        WafRuleSets sets = new WafRuleSets(dir);
        WafRules a = sets.rulesFor(waf(List.of("own.conf"), null, null), "routes[0].waf");
        WafRules b = sets.rulesFor(waf(List.of("./own.conf"), null, null), "routes[1].waf");
        WafRules c = sets.rulesFor(waf(List.of("own.conf"), "detection-only", null), "routes[2].waf");
        assertThat(b).isSameAs(a);
        assertThat(c).isNotSameAs(a);
        assertThat(sets.loadedCount()).isEqualTo(2);
        assertThat(a.newTransaction(HttpRequest.of("GET", "/?q=x", List.of())).processRequest().denied()).isTrue();
    }

    @Test
    void aParseErrorNamesTheRuleFileLineAndTheEntryThatListedIt() throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("first.conf"), "SecRule ARGS \"@rx a\" \"id:1,phase:2,pass\"\n");
        Files.writeString(dir.resolve("rules/10-ok.conf"), "SecRule ARGS \"@rx b\" \"id:2,phase:2,pass\"\n");
        Files.writeString(dir.resolve("rules/20-bad.conf"), "\n\nSecRule ARGS \"@rx c\" \"id:3,phase:9,pass\"\n");
        WafRouteConfig waf = waf(List.of("first.conf", "rules/*.conf"), null, null);
        assertThatThrownBy(() -> new WafRuleSets(dir).rulesFor(waf, "routes[4].waf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("routes[4].waf.rules[1]: " + dir.resolve("rules/20-bad.conf").toAbsolutePath() + ":3: ");
    }

    @Test
    void aFileOrGlobThatMatchesNothingNamesItsEntry() {
        WafRouteConfig waf = waf(List.of("missing/*.conf"), null, null);
        assertThatThrownBy(() -> new WafRuleSets(dir).rulesFor(waf, "routes[0].waf"))
                .hasMessageStartingWith("routes[0].waf.rules[0]: <inline>:")
                .hasMessageContaining("matches no file");
    }

    @Test
    void refusesValuesThatWouldChangeTheGeneratedDirectives() {
        WafRuleSets sets = new WafRuleSets(dir);
        assertThatThrownBy(() -> sets.rulesFor(waf(null, "block", null), "routes[0].waf"))
                .hasMessage("routes[0].waf.mode: 'block' is not a WAF mode; use 'on' or 'detection-only'");
        assertThatThrownBy(() -> sets.rulesFor(waf(null, null, List.of(new WafExclusionConfig(null, List.of(1),
                List.of(), List.of("ARGS:a\",deny")))), "routes[0].waf"))
                .hasMessageStartingWith("routes[0].waf.exclusions[0].targets[0]: 'ARGS:a\",deny' is not a SecLang target");
        assertThatThrownBy(() -> sets.rulesFor(waf(null, null, List.of(new WafExclusionConfig("/x y", List.of(1),
                List.of(), List.of()))), "routes[0].waf"))
                .hasMessageStartingWith("routes[0].waf.exclusions[0].path-prefix: '/x y' is not a path");
        assertThatThrownBy(() -> sets.rulesFor(new WafRouteConfig(null, 5, null, null, null, null, null, null, null, null),
                "routes[0].waf")).hasMessageStartingWith("routes[0].waf.paranoia-level: 5 is not a paranoia level");
    }
}

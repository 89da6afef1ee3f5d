package dev.rampart.waf.seclang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.waf.EngineMode;
import dev.rampart.waf.engine.Rule;
import dev.rampart.waf.engine.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecLangParserTest {

    @TempDir
    Path directory;

    private RuleSet parse(String text) {
        SecLangParser parser = new SecLangParser();
        parser.parseText(text, "test.conf", directory);
        return parser.build();
    }

    private static void assertError(String text, int line, String expected) {
        SecLangParser parser = new SecLangParser();
        assertThatThrownBy(() -> {
            parser.parseText(text, "test.conf", Path.of("."));
            parser.build();
        }).isInstanceOf(SecLangException.class)
                .hasMessageStartingWith("test.conf:" + line + ": ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(((SecLangException) e).line()).isEqualTo(line));
    }

    @Test
    void joinsContinuationLinesAndKeepsRegexBackslashesInsideQuotes() {
        RuleSet rules = parse("# comment\n"
                + "SecRule ARGS \\\n"
                + "    \"@rx ^\\d+\\\"$\" \\\n"
                + "    \"id:1,\\\n"
                + "    phase:1,\\\n"
                + "    msg:'It\\'s, a message',\\\n"
                + "    pass\"\n");

        Rule rule = rules.phase(1).get(0);
        assertThat(rule.id()).isEqualTo(1);
        assertThat(rule.line()).isEqualTo(2);
        assertThat(rule.operatorArgument()).isEqualTo("^\\d+\"$");
        assertThat(rule.message()).isEqualTo("It's, a message");
    }

    @Test
    void readsEngineDirectivesAndComponentSignature() {
        RuleSet rules = parse("SecRuleEngine DetectionOnly\nSecRequestBodyAccess On\nSecResponseBodyAccess On\n"
                + "SecComponentSignature \"OWASP_CRS/4.28.0\"\nSecAuditEngine RelevantOnly\n");

        assertThat(rules.config().mode()).isEqualTo(EngineMode.DETECTION_ONLY);
        assertThat(rules.config().requestBodyAccess()).isTrue();
        assertThat(rules.config().responseBodyAccess()).isTrue();
        assertThat(rules.config().componentSignatures()).containsExactly("OWASP_CRS/4.28.0");
    }

    @Test
    void includesGlobsInNameOrderRelativeToTheIncludingFile() throws IOException {
        Path rulesDirectory = Files.createDirectories(directory.resolve("rules"));
        Files.writeString(rulesDirectory.resolve("b.conf"), "SecAction \"id:2,phase:1,pass\"\n");
        Files.writeString(rulesDirectory.resolve("a.conf"), "SecAction \"id:1,phase:1,pass\"\n");
        Files.writeString(rulesDirectory.resolve("a.conf.example"), "SecAction \"id:3,phase:1,pass\"\n");
        Path main = directory.resolve("main.conf");
        Files.writeString(main, "Include rules/*.conf\n");

        SecLangParser parser = new SecLangParser();
        parser.parseFile(main);

        assertThat(parser.build().phase(1)).extracting(Rule::id).containsExactly(1, 2);
    }

    @Test
    void removesRulesByIdRangeAndTagAndUpdatesTargets() {
        RuleSet rules = parse("SecAction \"id:1,phase:1,pass,tag:'a'\"\n"
                + "SecAction \"id:2,phase:1,pass\"\n"
                + "SecAction \"id:3,phase:1,pass\"\n"
                + "SecRule ARGS \"@rx x\" \"id:4,phase:1,pass\"\n"
                + "SecRuleRemoveByTag a\n"
                + "SecRuleRemoveById 2-3\n"
                + "SecRuleUpdateTargetById 4 \"!ARGS:password\"\n");

        assertThat(rules.phase(1)).extracting(Rule::id).containsExactly(4);
        assertThat(rules.phase(1).get(0).exclusions()).extracting(t -> t.text()).containsExactly("!ARGS:password");
    }

    @Test
    void markersAppearInEveryPhase() {
        RuleSet rules = parse("SecMarker END-X\n");

        for (int phase = 1; phase <= 5; phase++) {
            assertThat(rules.phase(phase)).extracting(Rule::marker).containsExactly("END-X");
        }
    }

    @Test
    void rejectsUnknownDirective() {
        assertError("SecRuleEngine On\nSecRuel ARGS \"@rx x\" \"id:1\"", 2, "unknown directive 'SecRuel'");
    }

    @Test
    void rejectsUnterminatedQuote() {
        assertError("SecRule ARGS \"@rx x \"id:1,phase:1,pass\"", 1, "expected whitespace after the closing \"");
        assertError("SecAction \"id:1,phase:1", 1, "unterminated quoted argument");
    }

    @Test
    void rejectsContinuationAtEndOfFile() {
        assertError("\nSecAction \"id:1,phase:1,pass\" \\", 2, "expected another line");
    }

    @Test
    void rejectsWrongArgumentCount() {
        assertError("SecRule ARGS", 1, "SecRule takes 2-3 argument(s)");
    }

    @Test
    void rejectsRuleWithoutId() {
        assertError("SecRule ARGS \"@rx x\" \"phase:1,pass\"", 1, "the rule has no id");
    }

    @Test
    void rejectsDuplicateId() {
        assertError("SecAction \"id:7,phase:1,pass\"\nSecAction \"id:7,phase:2,pass\"", 2,
                "rule id 7 is already used by the rule at test.conf:1");
    }

    @Test
    void rejectsUnknownVariable() {
        assertError("SecRule ARGZ \"@rx x\" \"id:1,phase:1,pass\"", 1, "unknown variable 'ARGZ'");
    }

    @Test
    void rejectsSelectorOnASingleValue() {
        assertError("SecRule REQUEST_URI:x \"@rx x\" \"id:1,phase:1,pass\"", 1, "takes no selector");
    }

    @Test
    void rejectsUnknownOperator() {
        assertError("SecRule ARGS \"@regex x\" \"id:1,phase:1,pass\"", 1, "unknown operator '@regex'");
    }

    @Test
    void rejectsUnknownActionAndBadArguments() {
        assertError("SecAction \"id:1,phase:1,pass,blok\"", 1, "unknown action 'blok'");
        assertError("SecAction \"id:1,phase:9,pass\"", 1, "phase must be 1-5");
        assertError("SecAction \"id:1,phase:1,severity:'HUGE'\"", 1, "severity must be 0-7");
        assertError("SecAction \"id:1,phase:1,setvar:score=1\"", 1, "setvar needs collection.name");
        assertError("SecAction \"id:1,phase:1,ctl:ruleEngine=Maybe\"", 1, "not one of On, DetectionOnly, Off");
        assertError("SecAction \"id:1,phase:1,t:rot13\"", 1, "rot13");
    }

    @Test
    void rejectsChainWithoutFollowingRule() {
        assertError("SecRule ARGS \"@rx x\" \"id:1,phase:1,chain\"", 1, "no rule follows it");
        assertError("SecRule ARGS \"@rx x\" \"id:1,phase:1,chain\"\nSecAction \"id:2,phase:1\"", 1, "a SecRule must follow");
    }

    @Test
    void rejectsIdInAChainedRule() {
        assertError("SecRule ARGS \"@rx x\" \"id:1,phase:1,chain\"\nSecRule ARGS \"@rx y\" \"id:2\"", 2,
                "a chained rule may not have id or phase");
    }

    @Test
    void rejectsSkipAfterWithoutMarker() {
        assertError("SecAction \"id:1,phase:1,pass,skipAfter:NOWHERE\"", 1, "skipAfter:NOWHERE names no SecMarker");
    }

    @Test
    void rejectsIncludeOfMissingFile() {
        assertError("Include missing/*.conf", 1, "matches no file");
    }

    @Test
    void rejectsDefaultActionWithoutPhaseOrDisruptiveAction() {
        assertError("SecDefaultAction \"log,pass\"", 1, "needs a phase");
        assertError("SecDefaultAction \"phase:2,log\"", 1, "needs a disruptive action");
    }

    @Test
    void rejectsInvalidOnOffAndSizes() {
        assertError("SecRequestBodyAccess Yes", 1, "expects On or Off");
        assertError("SecRequestBodyLimit lots", 1, "expects a size in bytes");
    }

    @Test
    void rejectsBadRegexSelector() {
        assertError("SecRule ARGS:/(/ \"@rx x\" \"id:1,phase:1,pass\"", 1, "invalid regular expression in target");
    }

    @Test
    void parsesTargetListsWithPipesInsideRegexSelectors() {
        RuleSet rules = parse("SecRule REQUEST_COOKIES:/^(?:a|b)$/|!ARGS:'/^x|y$/'|&TX:score \"@rx x\" \"id:1,phase:1,pass\"");

        Rule rule = rules.phase(1).get(0);
        assertThat(rule.targets()).extracting(t -> t.text()).containsExactly("REQUEST_COOKIES:/^(?:a|b)$/", "&TX:score");
        assertThat(rule.exclusions()).extracting(t -> t.text()).containsExactly("!ARGS:'/^x|y$/'");
        assertThat(List.of(rule.targets().get(1).count())).containsExactly(true);
    }
}

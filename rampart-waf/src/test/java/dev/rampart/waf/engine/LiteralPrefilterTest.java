package dev.rampart.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.waf.HttpRequest;
import dev.rampart.waf.Verdict;
import dev.rampart.waf.WafRules;
import dev.rampart.waf.WafSettings;
import dev.rampart.waf.seclang.SecLangParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.ahocorasick.trie.Trie;
import org.junit.jupiter.api.Test;

class LiteralPrefilterTest {

    @Test
    void findsEachSlotWhoseLiteralOccursCaseInsensitively() {
        LiteralPrefilter prefilter = LiteralPrefilter.ofLiterals(List.of(
                Set.of("union", "select"), Set.of("sleep("), Set.of("<script"), Set.of("lect"), Set.of("\u00e0b")));
        long[] present = prefilter.scan("1 UNION SeLeCt x");
        assertThat(LiteralPrefilter.present(present, 0)).isTrue();
        assertThat(LiteralPrefilter.present(present, 1)).isFalse();
        assertThat(LiteralPrefilter.present(present, 2)).isFalse();
        // A literal that is a suffix of another is found through the failure links.
        assertThat(LiteralPrefilter.present(present, 3)).isTrue();
        // Latin-1 letters fold as Character.toLowerCase folds them: \u00c0 ~ \u00e0.
        assertThat(LiteralPrefilter.present(prefilter.scan("x\u00c0By"), 4)).isTrue();
        assertThat(LiteralPrefilter.present(prefilter.scan("plain text"), 0)).isFalse();
    }

    @Test
    void aValueAndItsLowercaseHoldTheSameLiteralSets() {
        // The engine scans the raw value once for both (TransactionState's per-value forms).
        LiteralPrefilter prefilter = LiteralPrefilter.ofLiterals(List.of(
                Set.of("union", "select"), Set.of("SLEEP("), Set.of("<script"), Set.of("\u00e0b"), Set.of("Ab", "z")));
        dev.rampart.waf.transform.Transformation lowercase = dev.rampart.waf.transform.Transformations.named("lowercase");
        String alphabet = "aAbBzZ<>sScCrRiIpPtT(\u00c0\u00e0\u00ffeElLuUnNoO ";
        Random random = new Random(5);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(16); i > 0; i--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String raw = value.toString();
            assertThat(prefilter.scan(lowercase.apply(raw))).as(raw).isEqualTo(prefilter.scan(raw));
        }
    }

    @Test
    void findsOneCharacterLiteralsBeyondTheSixtyFourTheCharacterMaskHolds() {
        // The first 64 distinct one-character literals go to the mask, the rest stay in the automaton.
        List<Set<String>> sets = new ArrayList<>();
        for (char c = '!'; c < '!' + 90; c++) {
            sets.add(Set.of(String.valueOf(Character.toLowerCase(c))));
        }
        sets.add(Set.of("~", "ab"));
        LiteralPrefilter prefilter = LiteralPrefilter.ofLiterals(sets);
        for (int slot = 0; slot < 90; slot++) {
            char c = (char) ('!' + slot);
            long[] present = prefilter.scan("x" + c + "x");
            assertThat(LiteralPrefilter.present(present, slot)).as("'%s'", c).isTrue();
            assertThat(LiteralPrefilter.present(present, slot == 0 ? 1 : 0)).as("'%s'", c).isFalse();
        }
        assertThat(LiteralPrefilter.present(prefilter.scan("zAbz"), 90)).isTrue();
        assertThat(LiteralPrefilter.present(prefilter.scan("z~z"), 90)).isTrue();
        assertThat(LiteralPrefilter.present(prefilter.scan("a b"), 90)).isFalse();
    }

    @Test
    void leavesValuesThatAreNotByteStringsToTheRegex() {
        LiteralPrefilter prefilter = LiteralPrefilter.ofLiterals(List.of(Set.of("k")));
        assertThat(prefilter.scan("\u212a")).isNull();
    }

    @Test
    void agreesWithAPerSetAhoCorasickScanOnRandomBytes() {
        agreesWithAhoCorasick(new Random(42), 4);
    }

    @Test
    void agreesWithAhoCorasickOnLongLiteralsThroughItsSparseDeepStates() {
        // Literals up to 10 bytes: most matches run through states below the dense rows,
        // their trie edges and failure links.
        agreesWithAhoCorasick(new Random(7), 10);
    }

    private static void agreesWithAhoCorasick(Random random, int longestLiteral) {
        String alphabet = "abcAB;'\"(<> \u00c0\u00e0\u00ff\n";
        List<Set<String>> sets = new ArrayList<>();
        List<Trie> tries = new ArrayList<>();
        for (int slot = 0; slot < 150; slot++) {
            Set<String> literals = new LinkedHashSet<>();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                literals.add(randomText(random, alphabet, 1 + random.nextInt(longestLiteral)).toLowerCase(java.util.Locale.ROOT));
            }
            sets.add(literals);
            tries.add(Trie.builder().ignoreCase().addKeywords(literals).build());
        }
        LiteralPrefilter prefilter = LiteralPrefilter.ofLiterals(sets);
        for (int i = 0; i < 2000; i++) {
            String value = randomText(random, alphabet, random.nextInt(30));
            long[] present = prefilter.scan(value);
            for (int slot = 0; slot < sets.size(); slot++) {
                assertThat(LiteralPrefilter.present(present, slot))
                        .as("slot %d %s in '%s'", slot, sets.get(slot), value)
                        .isEqualTo(tries.get(slot).containsMatch(value));
            }
        }
    }

    @Test
    void ruleSetPrefiltersItsRegexesWithoutChangingVerdicts() {
        String text = String.join("\n",
                "SecRuleEngine On",
                "SecRule ARGS \"@rx (?i)union\\s+select\" \"id:1,phase:1,deny,status:403\"",
                "SecRule ARGS \"@rx ^\\d+$\" \"id:2,phase:1,deny,status:406,chain\"",
                "SecRule ARGS \"@rx sleep\\(\" \"t:none\"",
                "");
        SecLangParser parser = new SecLangParser();
        parser.parseText(text, "<test>", Path.of("."));
        // union/select and sleep( have literals; ^\d+$ has none and runs as before.
        assertThat(parser.build().prefilter().size()).isEqualTo(2);
        WafRules rules = WafRules.parse(text, Path.of("."), WafSettings.defaults());
        assertThat(verdict(rules, "/?q=1%20UNION%20%20select%202").status()).isEqualTo(403);
        assertThat(verdict(rules, "/?q=hello%20world").denied()).isFalse();
        assertThat(verdict(rules, "/?q=union").denied()).isFalse();
        assertThat(verdict(rules, "/?a=12&b=sleep(5)").status()).isEqualTo(406);
        // The prefilter is case-insensitive; the (case-sensitive) regex still decides.
        assertThat(verdict(rules, "/?a=12&b=SLEEP(5)").denied()).isFalse();
    }

    @Test
    void pmPhrasesAreInTheAutomatonAndKeepTheirVerdicts() {
        String text = String.join("\n",
                "SecRuleEngine On",
                "SecRule ARGS \"@pm Nikto sqlmap\" \"id:1,phase:1,deny,status:403,capture,setvar:tx.found=%{tx.0}\"",
                "SecRule ARGS:mode \"!@pm fast slow\" \"id:2,phase:1,deny,status:406\"",
                "");
        SecLangParser parser = new SecLangParser();
        parser.parseText(text, "<test>", Path.of("."));
        assertThat(parser.build().prefilter().size()).isEqualTo(2);
        WafRules rules = WafRules.parse(text, Path.of("."), WafSettings.defaults());
        assertThat(verdict(rules, "/?a=run%20SQLMAP%20now&mode=fast").status()).isEqualTo(403);
        assertThat(verdict(rules, "/?a=nikt0&mode=SLOW").denied()).isFalse();
        // Negated: a value without any phrase matches.
        assertThat(verdict(rules, "/?a=x&mode=medium").status()).isEqualTo(406);
        var tx = rules.newTransaction(HttpRequest.of("GET", "/?a=I%20use%20nIKTo&mode=fast",
                List.of(new HttpRequest.Header("Host", "x"))));
        tx.processRequest();
        // The capture is the phrase as written in the value.
        assertThat(tx.transactionValue("found")).isEqualTo("nIKTo");
    }

    private static Verdict verdict(WafRules rules, String uri) {
        return rules.newTransaction(HttpRequest.of("GET", uri, List.of(new HttpRequest.Header("Host", "x"))))
                .processRequest();
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}

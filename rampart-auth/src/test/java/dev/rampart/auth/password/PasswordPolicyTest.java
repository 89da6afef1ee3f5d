package dev.rampart.auth.password;

import static dev.rampart.auth.password.PolicyViolation.Rule.BLOCKLISTED;
import static dev.rampart.auth.password.PolicyViolation.Rule.CONTAINS_EMAIL;
import static dev.rampart.auth.password.PolicyViolation.Rule.CONTAINS_USERNAME;
import static dev.rampart.auth.password.PolicyViolation.Rule.MISSING_CHARACTER_CLASS;
import static dev.rampart.auth.password.PolicyViolation.Rule.REUSED;
import static dev.rampart.auth.password.PolicyViolation.Rule.TOO_LONG;
import static dev.rampart.auth.password.PolicyViolation.Rule.TOO_SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordPolicyTest {

    private static final PasswordOwner ALICE = PasswordOwner.of("alice").withEmail("alice.smith@example.com");

    @Test
    void acceptsALongPasswordWithNoCompositionByDefault() {
        PolicyResult result = PasswordPolicy.defaults().check("correct horse battery staple", ALICE);

        assertThat(result.acceptable()).isTrue();
        assertThat(result.violations()).isEmpty();
    }

    @Test
    void requiresFifteenCharactersByDefault() {
        assertThat(PasswordPolicy.defaults().check("fourteen chars", ALICE).broke(TOO_SHORT)).isTrue();
        assertThat(PasswordPolicy.defaults().check("fifteen chars!!", ALICE).acceptable()).isTrue();
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        PasswordPolicy policy = PasswordPolicy.builder().minLength(4).maxLength(4).build();
        String fourEmoji = "\uD83D\uDD12\uD83D\uDD11\uD83D\uDEE1\uD83D\uDC09"; // 4 code points, 8 chars

        assertThat(policy.check(fourEmoji, ALICE).acceptable()).isTrue();
    }

    @Test
    void normalisesToNfkcBeforeCounting() {
        PasswordPolicy policy = PasswordPolicy.builder().minLength(3).maxLength(3).build();

        // "e" + combining acute accent is two code points, one after NFKC.
        assertThat(policy.check("cafe\u0301", ALICE).broke(TOO_LONG)).isTrue();
        assertThat(policy.check("caf\u00e9", ALICE).broke(TOO_LONG)).isTrue();
        assertThat(policy.check("ca\u0301", ALICE).acceptable()).isFalse();
        assertThat(PasswordPolicy.builder().minLength(2).maxLength(2).build().check("ca\u0301", ALICE).acceptable()).isTrue();
    }

    @Test
    void rejectsPasswordsOverTheMaximumLength() {
        PolicyResult result = PasswordPolicy.builder().maxLength(20).build().check("a".repeat(21) + " long phrase", ALICE);

        assertThat(result.broke(TOO_LONG)).isTrue();
        assertThat(result.violations()).extracting(PolicyViolation::message).containsExactly("Use at most 20 characters.");
    }

    @Test
    void requiresConfiguredCharacterClassesAndNamesEachMissingOne() {
        PasswordPolicy policy = PasswordPolicy.builder().minLength(8)
                .require(CharacterClass.UPPERCASE, CharacterClass.DIGIT, CharacterClass.SYMBOL).build();

        PolicyResult result = policy.check("lowercaseonly", ALICE);

        assertThat(result.violations()).extracting(PolicyViolation::code).containsExactly(
                "password.missing_character_class", "password.missing_character_class", "password.missing_character_class");
        assertThat(result.violations()).extracting(PolicyViolation::message).containsExactly(
                "Include an uppercase letter.", "Include a digit.", "Include a symbol or punctuation character.");
        assertThat(policy.check("Lowercase1!", ALICE).acceptable()).isTrue();
    }

    @Test
    void rejectsPasswordsContainingTheUsernameCaseInsensitively() {
        PolicyResult result = PasswordPolicy.defaults().check("my name is ALICE and I like tea", ALICE);

        assertThat(result.violations()).extracting(PolicyViolation::rule).containsExactly(CONTAINS_USERNAME);
    }

    @Test
    void rejectsAPasswordEqualToAShortUsername() {
        PasswordPolicy policy = PasswordPolicy.builder().minLength(2).build();

        assertThat(policy.check("Bo", PasswordOwner.of("bo")).broke(CONTAINS_USERNAME)).isTrue();
        assertThat(policy.check("bonbon tree", PasswordOwner.of("bo")).broke(CONTAINS_USERNAME)).isFalse();
    }

    @Test
    void rejectsPasswordsContainingTheEmailLocalPart() {
        PolicyResult result = PasswordPolicy.defaults().check("Alice.Smith rules forever", PasswordOwner.of("asmith")
                .withEmail("alice.smith@example.com"));

        assertThat(result.violations()).extracting(PolicyViolation::rule).containsExactly(CONTAINS_EMAIL);
    }

    @Test
    void rejectsBlocklistedPasswordsFromAFileIgnoringCase(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("common.txt");
        Files.writeString(file, "123456\npassword\n\n  iloveyou1234567  \nqwertyuiopasdfgh\n");
        PasswordBlocklist blocklist = PasswordBlocklist.load(file);
        PasswordPolicy policy = PasswordPolicy.builder().blocklist(blocklist).build();

        assertThat(blocklist.size()).isEqualTo(4);
        assertThat(policy.check("QwertyUiopAsdfgh", ALICE).violations()).extracting(PolicyViolation::rule)
                .containsExactly(BLOCKLISTED);
        assertThat(policy.check("iloveyou1234567", ALICE).broke(BLOCKLISTED)).isTrue();
        assertThat(policy.check("correct horse battery staple", ALICE).acceptable()).isTrue();
    }

    @Test
    void reportsAnUnreadableBlocklistWithThePathAndWhatToDo(@TempDir Path dir) {
        Path missing = dir.resolve("missing.txt");

        assertThatThrownBy(() -> PasswordBlocklist.load(missing))
                .hasMessageContaining(missing.toString()).hasMessageContaining("one password per line");
    }

    @Test
    void rejectsAnyOfTheLastNPasswords() {
        PasswordHasher hasher = PasswordHasher.with(PasswordHasherTest.FAST);
        List<String> newestFirst = List.of(hasher.hash("third password here"), hasher.hash("second password here"),
                hasher.hash("first password here!"));
        PasswordPolicy policy = PasswordPolicy.builder().history(2).build();
        PasswordOwner owner = ALICE.withPreviousHashes(newestFirst);

        assertThat(policy.check("second password here", owner).violations()).extracting(PolicyViolation::rule)
                .containsExactly(REUSED);
        assertThat(policy.check("first password here!", owner).acceptable()).isTrue();
        assertThat(PasswordPolicy.defaults().check("third password here", owner).acceptable()).isTrue();
    }

    @Test
    void listsEveryBrokenRuleAndNeverEchoesThePassword() {
        PasswordPolicy policy = PasswordPolicy.builder().require(CharacterClass.DIGIT)
                .blocklist(PasswordBlocklist.of(List.of("alice"))).build();

        PolicyResult result = policy.check("alice", ALICE);

        assertThat(result.violations()).extracting(PolicyViolation::rule)
                .containsExactly(TOO_SHORT, MISSING_CHARACTER_CLASS, CONTAINS_USERNAME, BLOCKLISTED);
        assertThat(result.violations()).allSatisfy(v -> assertThat(v.message().toLowerCase()).doesNotContain("alice"));
    }

    @Test
    void hasStableViolationCodes() {
        assertThat(List.of(PolicyViolation.Rule.values())).extracting(PolicyViolation.Rule::code).containsExactly(
                "password.too_short", "password.too_long", "password.missing_character_class",
                "password.contains_username", "password.contains_email", "password.blocklisted", "password.reused");
    }

    @Test
    void rejectsAMaximumBelowTheMinimum() {
        assertThatThrownBy(() -> PasswordPolicy.builder().minLength(20).maxLength(10).build())
                .hasMessageContaining("below the minimum 20");
    }
}

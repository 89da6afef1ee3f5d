package dev.rampart.auth.password;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules a new password must follow. Defaults follow NIST SP 800-63B-4 §3.1.1.2: at least 15
 * characters (the minimum for a password that is the only factor), up to 128 allowed (NIST: permit at
 * least 64), and no composition rules — they push users to predictable patterns like {@code Password1!}
 * without adding much entropy, so length and a blocklist are required instead. Lengths count Unicode
 * code points after NFKC normalisation, so an emoji or an accented letter counts as one character.
 *
 * <pre>{@code
 * PasswordPolicy policy = PasswordPolicy.builder()
 *         .blocklist(PasswordBlocklist.load(Path.of("common-passwords.txt")))
 *         .history(5)
 *         .build();
 * PolicyResult result = policy.check(candidate, PasswordOwner.of("alice").withEmail("alice@example.com")
 *         .withPreviousHashes(lastHashes));
 * result.violations().forEach(v -> show(v.code(), v.message()));
 * }</pre>
 */
public final class PasswordPolicy {

    public static final int DEFAULT_MIN_LENGTH = 15;
    public static final int DEFAULT_MAX_LENGTH = 128;
    /** Names and email local parts shorter than this are too short to look for inside a password. */
    static final int MIN_IDENTIFIER_LENGTH = 3;

    private final int minLength;
    private final int maxLength;
    private final Set<CharacterClass> requiredClasses;
    private final PasswordBlocklist blocklist;
    private final int history;
    private final PasswordHasher historyVerifier;

    private PasswordPolicy(Builder b) {
        this.minLength = b.minLength;
        this.maxLength = b.maxLength;
        this.requiredClasses = Set.copyOf(b.requiredClasses);
        this.blocklist = b.blocklist;
        this.history = b.history;
        // Verification reads the parameters from each stored hash, so any hasher verifies any history entry.
        this.historyVerifier = PasswordHasher.with(new Argon2idParameters(8, 1, 1));
    }

    public static PasswordPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many previous passwords a new one must differ from (0: no history rule). */
    public int history() {
        return history;
    }

    /**
     * Checks every rule and returns all that the candidate breaks. The history rule verifies the
     * candidate against up to {@code history} previous hashes, one Argon2id computation each.
     */
    public PolicyResult check(CharSequence candidate, PasswordOwner owner) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(owner, "owner");
        String normalized = Normalizer.normalize(candidate, Normalizer.Form.NFKC);
        List<PolicyViolation> violations = new ArrayList<>();
        int length = normalized.codePointCount(0, normalized.length());
        if (length < minLength) {
            violations.add(new PolicyViolation(PolicyViolation.Rule.TOO_SHORT,
                    "Use at least " + minLength + " characters."));
        }
        if (length > maxLength) {
            violations.add(new PolicyViolation(PolicyViolation.Rule.TOO_LONG,
                    "Use at most " + maxLength + " characters."));
        }
        for (CharacterClass required : requiredClasses.stream().sorted().collect(Collectors.toList())) {
            if (normalized.codePoints().noneMatch(required::contains)) {
                violations.add(new PolicyViolation(PolicyViolation.Rule.MISSING_CHARACTER_CLASS,
                        "Include " + required.description() + "."));
            }
        }
        String lower = normalized.toLowerCase(Locale.ROOT);
        if (containsIdentifier(lower, owner.username())) {
            violations.add(new PolicyViolation(PolicyViolation.Rule.CONTAINS_USERNAME,
                    "Do not use your user name in your password."));
        }
        if (owner.email().map(PasswordPolicy::localPart).filter(local -> containsIdentifier(lower, local)).isPresent()) {
            violations.add(new PolicyViolation(PolicyViolation.Rule.CONTAINS_EMAIL,
                    "Do not use your email address in your password."));
        }
        if (blocklist.contains(normalized)) {
            violations.add(new PolicyViolation(PolicyViolation.Rule.BLOCKLISTED,
                    "This password is too common; choose one that is harder to guess."));
        }
        if (reusesRecentPassword(normalized, owner.previousHashes())) {
            violations.add(new PolicyViolation(PolicyViolation.Rule.REUSED,
                    "Do not reuse one of your last " + history + " passwords."));
        }
        return new PolicyResult(violations);
    }

    private boolean reusesRecentPassword(String candidate, List<String> newestFirst) {
        return newestFirst.stream().limit(history).anyMatch(hash -> historyVerifier.verify(candidate, hash));
    }

    private static boolean containsIdentifier(String lowerPassword, String identifier) {
        String lowerIdentifier = PasswordBlocklist.canonical(identifier.strip());
        if (lowerIdentifier.codePointCount(0, lowerIdentifier.length()) < MIN_IDENTIFIER_LENGTH) {
            return lowerPassword.equals(lowerIdentifier) && !lowerIdentifier.isEmpty();
        }
        return lowerPassword.contains(lowerIdentifier);
    }

    private static String localPart(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }

    public static final class Builder {
        private int minLength = DEFAULT_MIN_LENGTH;
        private int maxLength = DEFAULT_MAX_LENGTH;
        private final EnumSet<CharacterClass> requiredClasses = EnumSet.noneOf(CharacterClass.class);
        private PasswordBlocklist blocklist = PasswordBlocklist.empty();
        private int history;

        private Builder() {}

        public Builder minLength(int codePoints) {
            if (codePoints < 1) {
                throw new IllegalArgumentException("minimum password length must be at least 1, got " + codePoints);
            }
            this.minLength = codePoints;
            return this;
        }

        public Builder maxLength(int codePoints) {
            this.maxLength = codePoints;
            return this;
        }

        /** Composition rules; none by default (see the class comment for why). */
        public Builder require(CharacterClass... classes) {
            requiredClasses.addAll(List.of(classes));
            return this;
        }

        public Builder blocklist(PasswordBlocklist blocklist) {
            this.blocklist = Objects.requireNonNull(blocklist, "blocklist");
            return this;
        }

        /** Rejects any of the last {@code count} passwords; 0 (the default) turns the rule off. */
        public Builder history(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("password history must be 0 or more, got " + count);
            }
            this.history = count;
            return this;
        }

        public PasswordPolicy build() {
            if (maxLength < minLength) {
                throw new IllegalArgumentException("maximum password length " + maxLength
                        + " is below the minimum " + minLength);
            }
            return new PasswordPolicy(this);
        }
    }
}

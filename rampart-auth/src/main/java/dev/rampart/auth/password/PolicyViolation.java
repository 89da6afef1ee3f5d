package dev.rampart.auth.password;

import java.util.Objects;

/**
 * One rule a candidate password broke. {@link #code()} is stable (for translations and clients);
 * {@link #message()} is for people. Neither ever contains the password.
 */
public record PolicyViolation(Rule rule, String message) {

    public enum Rule {
        TOO_SHORT("password.too_short"),
        TOO_LONG("password.too_long"),
        MISSING_CHARACTER_CLASS("password.missing_character_class"),
        CONTAINS_USERNAME("password.contains_username"),
        CONTAINS_EMAIL("password.contains_email"),
        BLOCKLISTED("password.blocklisted"),
        REUSED("password.reused");

        private final String code;

        Rule(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public PolicyViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    public String code() {
        return rule.code();
    }
}

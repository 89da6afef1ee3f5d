package dev.rampart.core.config;

/**
 * The rules a new password of a console user must follow ({@code users.password:}), after NIST SP
 * 800-63B: a minimum and a generous maximum length, no composition rules, and never the user's name
 * or email. Checked when a user is created and when a password is changed.
 */
public record PasswordRulesConfig(
        @Doc("Fewest characters (Unicode code points) a password may have. Default 15, NIST SP 800-63B-4's minimum "
                + "for a password that is the only factor; 8 to max-length allowed.")
        Integer minLength,
        @Doc("Most characters a password may have. Default 128; 64 to 4096 allowed (NIST: permit at least 64, "
                + "so that passphrases and password managers work).")
        Integer maxLength,
        @Doc("How many previous passwords a new one must differ from (the current one counts). Default 0: off; "
                + "0 to 24 allowed. Each remembered password costs one Argon2id hash at every change.")
        Integer history) {

    public static final int DEFAULT_MIN_LENGTH = 15;
    public static final int DEFAULT_MAX_LENGTH = 128;

    public PasswordRulesConfig {
        minLength = minLength == null ? DEFAULT_MIN_LENGTH : minLength;
        maxLength = maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
        history = history == null ? 0 : history;
    }

    public static PasswordRulesConfig defaults() {
        return new PasswordRulesConfig(null, null, null);
    }
}

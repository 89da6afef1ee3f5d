package dev.rampart.core.config;

import java.util.List;

/**
 * The rules a new password of a console user must follow ({@code users.password:}), after NIST SP
 * 800-63B: a minimum and a generous maximum length, never the user's name or email, never a password
 * of the blocklist file; composition rules only when an operator's own policy demands them (NIST
 * advises against them). Checked when a user is created and when a password is changed.
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
        Integer history,
        @Doc("Character classes every new password must contain: lowercase, uppercase, digit, symbol. Default none "
                + "(NIST SP 800-63B: composition rules make passwords harder to remember without making them stronger; "
                + "set them only where a compliance regime requires them).")
        List<CharacterClass> require,
        @Doc("File of passwords to refuse (commonly used, expected or breached ones, NIST SP 800-63B 5.1.1.2), one per "
                + "line, UTF-8, compared case-insensitively after NFKC normalisation; relative to the config file. "
                + "Read at start and at each reload. Default none.")
        String blocklistFile) {

    /** A character class a password may be required to contain. */
    public enum CharacterClass {
        lowercase, uppercase, digit, symbol
    }

    public static final int DEFAULT_MIN_LENGTH = 15;
    public static final int DEFAULT_MAX_LENGTH = 128;

    public PasswordRulesConfig {
        minLength = minLength == null ? DEFAULT_MIN_LENGTH : minLength;
        maxLength = maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
        history = history == null ? 0 : history;
        require = require == null ? List.of() : List.copyOf(require);
    }

    public static PasswordRulesConfig defaults() {
        return new PasswordRulesConfig(null, null, null, null, null);
    }
}

package dev.rampart.auth.user;

/**
 * Why a login failed, for the {@code authentication.failed} event and the audit log only: the client
 * always gets {@link dev.rampart.auth.lockout.LoginOutcome#GENERIC_FAILURE}.
 */
public enum LoginFailure {
    UNKNOWN_USER("unknown-user"),
    WRONG_PASSWORD("wrong-password"),
    ACCOUNT_DISABLED("account-disabled"),
    /** Right password, TOTP enrolled, no code given. Counted as a failure like the others. */
    SECOND_FACTOR_REQUIRED("second-factor-required"),
    WRONG_SECOND_FACTOR("wrong-second-factor"),
    ACCOUNT_LOCKED("account-locked"),
    ACCOUNT_PERMANENTLY_LOCKED("account-permanently-locked"),
    CLIENT_LOCKED("client-locked");

    private final String code;

    LoginFailure(String code) {
        this.code = code;
    }

    /** Stable reason code for events and logs. */
    public String code() {
        return code;
    }
}

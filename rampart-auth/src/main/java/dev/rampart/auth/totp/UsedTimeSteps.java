package dev.rampart.auth.totp;

/**
 * The last time step whose code each account used, so that a code is accepted only once (RFC 6238
 * §5.2: "the verifier MUST NOT accept the second attempt of the OTP after the successful validation
 * has been issued for the first OTP"). A code seen over a shoulder or phished in real time is then
 * worthless once the user has logged in with it. Persist it beside the secret in a cluster, or a
 * code used on one node replays on another.
 */
public interface UsedTimeSteps {

    /**
     * Records {@code step} for the account if it is later than the last one recorded, atomically.
     *
     * @return true if recorded; false if a step at or after it was already used (a replay)
     */
    boolean recordIfLater(String account, long step);
}

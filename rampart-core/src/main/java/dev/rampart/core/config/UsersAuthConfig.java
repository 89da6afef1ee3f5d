package dev.rampart.core.config;

/**
 * Rampart's users on a route ({@code authentication.users}): HTTP Basic (RFC 7617) with a user's name
 * and password, checked like a console login (Argon2id, the lockout of {@code users:}).
 */
public record UsersAuthConfig(
        @Doc("Accept Authorization: Basic with the name and password of a Rampart user (created with POST "
                + "/admin/users or rampart users create). Users with TOTP enrolled are refused (Basic carries no "
                + "code). The header is removed before the request goes upstream. Default false.")
        Boolean basic,
        @Doc("The realm of the WWW-Authenticate: Basic challenge (RFC 7617). Default rampart.") String realm,
        @Doc("Accept Basic credentials over plain HTTP. Default false: a Basic request that did not come over "
                + "HTTPS (directly, or from a trusted proxy that says so) is refused, because a cleartext Basic "
                + "header is the password itself. Set true only where the network hop is protected otherwise.")
        Boolean allowInsecure) {

    /** The realm used when none is configured. */
    public static final String DEFAULT_REALM = "rampart";

    public UsersAuthConfig {
        basic = basic == null ? Boolean.FALSE : basic;
        realm = realm == null ? DEFAULT_REALM : realm;
        allowInsecure = allowInsecure == null ? Boolean.FALSE : allowInsecure;
    }
}

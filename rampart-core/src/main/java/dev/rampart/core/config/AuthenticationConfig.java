package dev.rampart.core.config;

import java.util.List;

/**
 * Who may call a route: the credentials it accepts. A request without credentials gets 401 unless
 * {@code optional} is set; a request with credentials that do not verify gets 401 always. The first
 * authenticator that recognises the request's credentials decides: a bearer value starting with
 * {@code rmp_} or the API-key header goes to API keys, any other bearer token to the JWT issuers,
 * {@code Authorization: Basic} to the users.
 */
public record AuthenticationConfig(
        @Doc("Names of jwt-issuers whose bearer tokens (Authorization: Bearer <jwt>) this route accepts.")
        List<String> jwt,
        @Doc("API keys issued through the admin API (POST /admin/api-keys), sent in a header (default X-API-Key) "
                + "or as Authorization: Bearer rmp_...; present (e.g. api-key: {}) to accept them.")
        ApiKeyAuthConfig apiKey,
        @Doc("Name of an introspection-endpoints entry: opaque bearer tokens (anything not shaped like a JWT when "
                + "jwt issuers are listed too) are checked with that authorization server (RFC 7662).")
        String introspection,
        @Doc("Client certificates (mutual TLS) verified by the TLS listener against its client-ca; the caller is "
                + "named by the certificate. Needs listeners.https.client-auth: request or required.")
        ClientCertificateAuthConfig clientCertificate,
        @Doc("Rampart's users: users: { basic: true } accepts Authorization: Basic with a user's name and password "
                + "(same lockout as console logins; a verified check is cached for users.basic-cache-ttl).")
        UsersAuthConfig users,
        @Doc("Let requests without credentials through without a principal (bad credentials are still "
                + "refused). Default false: a request without credentials is answered 401.") Boolean optional) {

    public AuthenticationConfig {
        jwt = jwt == null ? List.of() : List.copyOf(jwt);
        optional = optional == null ? Boolean.FALSE : optional;
    }
}

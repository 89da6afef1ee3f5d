package dev.rampart.core.config;

import java.util.List;

/**
 * Client certificates on a route ({@code authentication.client-certificate}, mutual TLS): the
 * TLS listener verifies the chain against its {@code client-ca}; the route takes the caller's
 * identity from the certificate.
 */
public record ClientCertificateAuthConfig(
        @Doc("A request without a verified client certificate is answered 401. Default true; false lets it "
                + "through to the route's other authenticators (or without a principal).") Boolean required,
        @Doc("Which part of the certificate names the caller: subject-cn (default), subject-dn, san-dns, san-uri "
                + "or san-email (the first such subject alternative name).") String principal,
        @Doc("Roles given to every caller identified by a certificate on this route.") List<String> roles) {

    /** The values {@code principal} may take. */
    public static final List<String> IDENTITY_SOURCES = List.of("subject-cn", "subject-dn", "san-dns", "san-uri", "san-email");

    public ClientCertificateAuthConfig {
        required = required == null ? Boolean.TRUE : required;
        principal = principal == null ? "subject-cn" : principal;
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}

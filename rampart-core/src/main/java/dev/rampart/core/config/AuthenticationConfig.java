package dev.rampart.core.config;

import java.util.List;

/**
 * Who may call a route: the credentials it accepts. A request without credentials gets 401 unless
 * {@code optional} is set; a request with credentials that do not verify gets 401 always.
 */
public record AuthenticationConfig(
        @Doc("Names of jwt-issuers whose bearer tokens (Authorization: Bearer <jwt>) this route accepts.")
        List<String> jwt,
        @Doc("Let requests without credentials through without a principal (bad credentials are still "
                + "refused). Default false: a request without credentials is answered 401.") Boolean optional) {

    public AuthenticationConfig {
        jwt = jwt == null ? List.of() : List.copyOf(jwt);
        optional = optional == null ? Boolean.FALSE : optional;
    }
}

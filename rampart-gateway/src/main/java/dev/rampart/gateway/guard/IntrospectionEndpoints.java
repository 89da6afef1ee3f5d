package dev.rampart.gateway.guard;

import dev.rampart.auth.introspection.IntrospectionEndpoint;
import dev.rampart.core.config.IntrospectionEndpointConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;

/**
 * Turns {@code introspection-endpoints} entries into rampart-auth's {@link IntrospectionEndpoint}.
 * The config checks call this too; a mistake is an {@link IllegalArgumentException} whose message
 * starts with the config path it concerns.
 */
public final class IntrospectionEndpoints {

    private IntrospectionEndpoints() {
    }

    /** @param path where the entry is, e.g. {@code introspection-endpoints.corp} */
    public static IntrospectionEndpoint endpoint(IntrospectionEndpointConfig config, String path) {
        URI url;
        try {
            url = new URI(config.url());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path + ".url: '" + config.url() + "' is not a URL", e);
        }
        try {
            return new IntrospectionEndpoint(url, config.clientId(), config.clientSecret(),
                    new LinkedHashSet<>(config.audiences()), config.rolesClaim(), config.cacheTime(), config.timeout());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + "." + e.getMessage(), e);
        }
    }
}

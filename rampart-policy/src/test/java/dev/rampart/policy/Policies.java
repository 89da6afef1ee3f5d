package dev.rampart.policy;

import dev.rampart.core.Principal;
import dev.rampart.core.config.PolicyConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Test policies written as rampart.yaml writes them, and callers and requests to decide. */
final class Policies {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .build();

    static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");

    private Policies() {
    }

    static PolicyConfig config(String yaml) {
        return YAML.readValue(yaml, PolicyConfig.class);
    }

    static Authorizer authorizer(String yaml) {
        return Authorizer.compile(config(yaml), "policy");
    }

    static Principal user(String id, String... roles) {
        return new Principal(id, Principal.Type.USER, "jwt", Set.of(roles), Set.of(), Map.of());
    }

    static Principal user(String id, Map<String, Object> attributes, String... roles) {
        return new Principal(id, Principal.Type.USER, "jwt", Set.of(roles), Set.of(), attributes);
    }

    static Principal apiKey(String id) {
        return new Principal(id, Principal.Type.API_KEY, "api-key", Set.of(), Set.of(), Map.of());
    }

    static AccessRequest needs(String method, String path, String... permissions) {
        return AccessRequest.of(method, path, NOON).withPermissions(Permission.parseAllRequired(List.of(permissions)));
    }
}

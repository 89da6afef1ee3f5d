package dev.rampart.waf.engine;

import dev.rampart.waf.EngineMode;
import java.util.List;

/**
 * The engine directives of a rule set ({@code SecRuleEngine}, {@code SecRequestBodyAccess},
 * {@code SecResponseBodyAccess}, {@code SecResponseBodyMimeType}, the body limits), as the last
 * directive of each kind set them.
 *
 * @param mode                    {@code SecRuleEngine}
 * @param requestBodyAccess       {@code SecRequestBodyAccess}: whether phase 2 parses the request body
 * @param responseBodyAccess      {@code SecResponseBodyAccess}: whether phase 4 sees the response body
 * @param responseBodyMimeTypes   {@code SecResponseBodyMimeType}: response types whose body is inspected
 * @param requestBodyLimit        {@code SecRequestBodyLimit}: bytes of request body inspected
 * @param requestBodyNoFilesLimit {@code SecRequestBodyNoFilesLimit}: bytes of a body without files inspected
 * @param responseBodyLimit       {@code SecResponseBodyLimit}: bytes of response body inspected
 * @param componentSignatures     {@code SecComponentSignature} values
 */
public record EngineConfig(
        EngineMode mode, boolean requestBodyAccess, boolean responseBodyAccess, List<String> responseBodyMimeTypes,
        long requestBodyLimit, long requestBodyNoFilesLimit, long responseBodyLimit, List<String> componentSignatures) {

    /** ModSecurity's defaults: engine On, no body access, 128 MiB / 128 KiB / 512 KiB limits. */
    public static EngineConfig defaults() {
        return new EngineConfig(EngineMode.ON, false, false, List.of("text/plain", "text/html"),
                134_217_728L, 131_072L, 524_288L, List.of());
    }

    public EngineConfig {
        responseBodyMimeTypes = List.copyOf(responseBodyMimeTypes);
        componentSignatures = List.copyOf(componentSignatures);
    }
}

package dev.rampart.validation.schema;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/** Resolution of document-local references ({@code $ref: '#/components/schemas/Order'}). */
public final class LocalRefs {

    private LocalRefs() {
    }

    /** The node a local reference points to in {@code document}, or null (not local, or nothing there). */
    public static JsonNode resolve(String ref, JsonNode document) {
        if (!ref.startsWith("#")) {
            return null;
        }
        try {
            JsonNode target = document.at(JsonPointer.compile(pointerOf(ref)));
            return target == null || target.isMissingNode() ? null : target;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The JSON Pointer of a local reference: its fragment, percent-decoded ('+' stays a plus, RFC 3986). */
    public static String pointerOf(String ref) {
        return URLDecoder.decode(ref.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

package dev.rampart.detect.pii.internal;

import dev.rampart.detect.pii.Confidence;
import dev.rampart.detect.pii.PiiFinding;
import dev.rampart.detect.pii.PiiType;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JWTs in compact serialisation (RFC 7515 §7.1): three base64url parts joined by '.', the header
 * starting {@code eyJ} (base64url of <code>{"</code>) and decoding to a JSON object with an
 * {@code alg} string, the payload non-empty, the signature possibly empty ({@code alg: none}). Every
 * finding is {@code HIGH}; a JWE (five parts) is not a JWT here.
 */
final class JsonWebTokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_HEADER = 2048;
    private static final int MAX_TOKEN = 16 * 1024;

    private JsonWebTokens() {
    }

    /** A JWT starting at {@code start} ('e'), or null. */
    static PiiFinding find(CharSequence s, int start) {
        if (!Chars.startsWith(s, start, "eyJ")) {
            return null;
        }
        int headerEnd = part(s, start);
        if (headerEnd >= s.length() || s.charAt(headerEnd) != '.' || headerEnd - start > MAX_HEADER) {
            return null;
        }
        int payloadEnd = part(s, headerEnd + 1);
        if (payloadEnd == headerEnd + 1 || payloadEnd >= s.length() || s.charAt(payloadEnd) != '.') {
            return null;
        }
        int end = part(s, payloadEnd + 1);
        if (end - start > MAX_TOKEN || end < s.length() && (s.charAt(end) == '.' || Chars.isWord(s.charAt(end)))) {
            return null;
        }
        try {
            byte[] header = Base64.getUrlDecoder().decode(s.subSequence(start, headerEnd).toString());
            JsonNode node = JSON.readTree(header);
            if (!node.isObject() || !node.path("alg").isString()) {
                return null;
            }
        } catch (RuntimeException e) {
            return null;        // not base64url, or not JSON
        }
        return new PiiFinding(PiiType.JWT, start, end, Confidence.HIGH, "jwt");
    }

    private static int part(CharSequence s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(Chars.isAlnum(c) || c == '-' || c == '_')) {
                break;
            }
            i++;
        }
        return i;
    }
}

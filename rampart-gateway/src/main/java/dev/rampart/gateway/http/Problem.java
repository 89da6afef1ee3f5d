package dev.rampart.gateway.http;

import java.nio.charset.StandardCharsets;

/**
 * An RFC 9457 problem detail, the body of every error Rampart generates:
 * {@code {"type":"https://rampart.dev/problems/ip-denied","title":"Forbidden","status":403,
 * "detail":"...","code":"ip-denied","request_id":"01J..."}}.
 *
 * @param status the HTTP status
 * @param code the stable error code; also the last segment of {@code type}
 * @param detail the explanation for the client (escaped here; never raw request data)
 * @param requestId the request id
 */
public record Problem(int status, String code, String detail, String requestId) {

    /** Media type of problem bodies (RFC 9457 §3). */
    public static final String CONTENT_TYPE = "application/problem+json";

    /** Base URI of Rampart's problem types. */
    public static final String TYPE_BASE = "https://rampart.dev/problems/";

    /** The body as JSON bytes. */
    public byte[] toJsonBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"type\":");
        quote(sb, TYPE_BASE + code);
        sb.append(",\"title\":");
        quote(sb, HttpStatus.reason(status));
        sb.append(",\"status\":").append(status);
        sb.append(",\"detail\":");
        quote(sb, detail);
        sb.append(",\"code\":");
        quote(sb, code);
        sb.append(",\"request_id\":");
        quote(sb, requestId);
        sb.append('}');
        return sb.toString();
    }

    /** Appends {@code s} as a JSON string; characters that could break out of an HTML context are escaped too. */
    static void quote(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\'' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}

package dev.rampart.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error Rampart generates:
 * {@code {"type":"https://rampart.dev/problems/ip-denied","title":"Forbidden","status":403,
 * "detail":"...","code":"ip-denied","request_id":"01J..."}}.
 *
 * @param status the HTTP status
 * @param code the stable error code; also the last segment of {@code type}
 * @param detail the explanation for the client (escaped here; never raw request data)
 * @param requestId the request id
 * @param errors entries of the {@code errors} extension member (one per thing the client must fix,
 *     e.g. each validation violation), text members only; empty: no {@code errors} member
 */
public record Problem(int status, String code, String detail, String requestId, List<Map<String, String>> errors) {

    public Problem {
        errors = errors == null ? List.of() : errors;
    }

    /** A problem without an {@code errors} member. */
    public Problem(int status, String code, String detail, String requestId) {
        this(status, code, detail, requestId, List.of());
    }

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
        if (!errors.isEmpty()) {
            sb.append(",\"errors\":[");
            for (int i = 0; i < errors.size(); i++) {
                sb.append(i == 0 ? "{" : ",{");
                boolean first = true;
                for (Map.Entry<String, String> member : errors.get(i).entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    quote(sb, member.getKey());
                    sb.append(':');
                    quote(sb, member.getValue());
                }
                sb.append('}');
            }
            sb.append(']');
        }
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

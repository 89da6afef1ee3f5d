package dev.rampart.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a guard decided: let the request continue, deny it (answered as RFC 9457
 * {@code application/problem+json}), or answer it directly (e.g. a CORS preflight or an HTTPS
 * redirect). A decision may carry response headers the gateway adds to the answer.
 *
 * <p>A guard deciding on a held upstream response ({@link Guard#onResponseBody}) may also let it
 * through with a different body: {@link #proceedWithBody}, e.g. to mask sensitive data.
 *
 * <p>Immutable; {@link #withHeader} returns a copy.
 */
public final class Decision {

    /** The three outcomes of a guard. */
    public enum Kind {
        /** Go on to the next guard (or the upstream). */
        PROCEED,
        /** Stop and answer with a problem+json error. */
        DENY,
        /** Stop and answer with the given status and headers, no error body. */
        RESPOND
    }

    private static final Decision PROCEED = new Decision(Kind.PROCEED, 0, null, null, List.of(), List.of(), null);
    // A plain completed future (not completedStage's MinimalStage) so that the pipeline can take the
    // synchronous fast path with isDone()/join() and no allocation. Nobody may complete or obtrude it.
    private static final CompletableFuture<Decision> PROCEED_STAGE = CompletableFuture.completedFuture(PROCEED);

    private final Kind kind;
    private final int status;
    private final String code;
    private final String detail;
    private final List<Map.Entry<String, String>> headers;
    private final List<Map<String, String>> errors;
    private final byte[] replacementBody;

    private Decision(Kind kind, int status, String code, String detail, List<Map.Entry<String, String>> headers,
            List<Map<String, String>> errors, byte[] replacementBody) {
        this.replacementBody = replacementBody;
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.headers = headers;
        this.errors = errors;
    }

    /** Let the request through. */
    public static Decision proceed() {
        return PROCEED;
    }

    /** An already-completed stage of {@link #proceed()}; shared, allocation-free. */
    public static CompletionStage<Decision> proceedStage() {
        return PROCEED_STAGE;
    }

    /**
     * Deny with an HTTP error status.
     *
     * @param status an HTTP status, 400..599
     * @param code a stable, lower-case, hyphenated error code, e.g. {@code "ip-denied"}; it becomes
     *     the problem {@code type} and the {@code code} member
     * @param detail a human-readable explanation for the client; it must not contain secrets nor
     *     echo raw request data
     */
    public static Decision deny(int status, String code, String detail) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("deny status must be 4xx or 5xx, got " + status);
        }
        return new Decision(Kind.DENY, status, Objects.requireNonNull(code, "code"),
                Objects.requireNonNull(detail, "detail"), List.of(), List.of(), null);
    }

    /** Answer directly with a status and no body, e.g. 204 for a CORS preflight or 308 for a redirect. */
    public static Decision respond(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("invalid HTTP status " + status);
        }
        return new Decision(Kind.RESPOND, status, null, null, List.of(), List.of(), null);
    }

    /**
     * Let a held upstream response through with {@code body} instead of the one received: only from
     * {@link Guard#onResponseBody}, and only when the guard saw the whole body ({@code truncated}
     * false); the gateway fails the request closed (500) otherwise. The gateway sends the new body
     * with a corrected {@code Content-Length} and drops the headers that described the old bytes
     * ({@code ETag}, {@code Content-MD5}, {@code Digest}, {@code Content-Digest}, {@code Repr-Digest});
     * the status and every other header stay. Guards later in the pipeline see the new body.
     */
    public static Decision proceedWithBody(byte[] body) {
        return new Decision(Kind.PROCEED, 0, null, null, List.of(), List.of(),
                Objects.requireNonNull(body, "body").clone());
    }

    /** A copy of this decision that also adds {@code name: value} to the response. */
    public Decision withHeader(String name, String value) {
        if (kind == Kind.PROCEED) {
            throw new IllegalStateException("a proceeding decision carries no headers; use Exchange.responseHeaders()");
        }
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers.size() + 1);
        copy.addAll(headers);
        copy.add(Map.entry(name, value));
        return new Decision(kind, status, code, detail, Collections.unmodifiableList(copy), errors, replacementBody);
    }

    /**
     * A copy of this deny decision whose problem body also lists {@code errors}: one entry per thing
     * the client must fix (e.g. {@code in}, {@code name}, {@code pointer}, {@code rule},
     * {@code expected}), written as the RFC 9457 extension member {@code errors}. Members are text
     * only, so the gateway escapes every one of them; like the detail, they must not echo request data
     * that the client did not choose as a name.
     */
    public Decision withErrors(List<Map<String, String>> errors) {
        if (kind != Kind.DENY) {
            throw new IllegalStateException("only a deny decision has a problem body to list errors in");
        }
        List<Map<String, String>> copy = new ArrayList<>(errors.size());
        for (Map<String, String> error : errors) {
            copy.add(Collections.unmodifiableMap(new java.util.LinkedHashMap<>(error)));
        }
        return new Decision(kind, status, code, detail, headers, Collections.unmodifiableList(copy), replacementBody);
    }

    /** This decision as an already-completed stage. */
    public CompletionStage<Decision> toStage() {
        return this == PROCEED ? PROCEED_STAGE : CompletableFuture.completedFuture(this);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isProceed() {
        return kind == Kind.PROCEED;
    }

    /** The HTTP status of a deny or respond decision; 0 for proceed. */
    public int status() {
        return status;
    }

    /** The stable error code of a deny decision, else null. */
    public String code() {
        return code;
    }

    /** The client-facing explanation of a deny decision, else null. */
    public String detail() {
        return detail;
    }

    /** The errors a deny decision's problem body lists (members in order); empty when none. */
    public List<Map<String, String>> errors() {
        return errors;
    }

    /** The body a {@link #proceedWithBody} decision puts in place of the held response's (a copy); else null. */
    public byte[] replacementBody() {
        return replacementBody == null ? null : replacementBody.clone();
    }

    /** Whether this decision replaces the held response body ({@link #proceedWithBody}). */
    public boolean replacesBody() {
        return replacementBody != null;
    }

    /** Headers to add to the answer, in order. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PROCEED -> replacementBody == null ? "Decision[proceed]"
                    : "Decision[proceed with a " + replacementBody.length + "-byte body]";
            case DENY -> "Decision[deny " + status + " " + code + "]";
            case RESPOND -> "Decision[respond " + status + "]";
        };
    }
}

package dev.rampart.validation;

/** {@code SecurityEvent} types a validating guard emits; see {@link ValidationResult#eventType()}. */
public final class ValidationEvents {

    /** A request broke the contract or a route rule (400, 404, 405, 415). */
    public static final String REQUEST_REJECTED = "validation.request.rejected";
    /** A body hit a structural or size limit: a likely JSON/XML bomb, XXE attempt or oversized upload. */
    public static final String BODY_LIMIT_EXCEEDED = "validation.body.limit-exceeded";
    /** An upstream response broke the contract (logged, or answered with 502 when enforced). */
    public static final String RESPONSE_VIOLATED = "validation.response.violated";

    private ValidationEvents() {
    }
}

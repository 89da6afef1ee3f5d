package dev.rampart.validation;

import java.util.List;
import java.util.Map;

/**
 * The outcome of validating one request or response: no violation, or the violations and the
 * HTTP status the gateway should answer with.
 *
 * <p>Status: 404 (no such path), 405 (path known, method not), 413 (a size limit), 415 (media
 * type not accepted), 400 (anything else in a request), 502 (a response that breaks the contract).
 * When several apply, the first in that order wins, because the client must fix it first.
 *
 * @param status 200 when valid, else the status to answer with
 * @param violations every violation found, in request order (parameters, then body)
 */
public record ValidationResult(int status, List<Violation> violations) {

    private static final ValidationResult VALID = new ValidationResult(200, List.of());

    public ValidationResult {
        violations = List.copyOf(violations);
    }

    public static ValidationResult valid() {
        return VALID;
    }

    /** The result for {@code violations} found in a request: valid when there are none. */
    public static ValidationResult ofRequest(List<Violation> violations) {
        return violations.isEmpty() ? VALID : new ValidationResult(statusOf(violations), violations);
    }

    /** The result for {@code violations} found in an upstream response: 502 when there are any. */
    public static ValidationResult ofResponse(List<Violation> violations) {
        return violations.isEmpty() ? VALID : new ValidationResult(502, violations);
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /**
     * The stable reason code for a denial ({@code Decision.deny(status, code, detail)}) and for the
     * security event: {@code unknown-operation}, {@code method-not-allowed}, {@code body-too-large},
     * {@code unsupported-media-type}, {@code request-invalid}, {@code response-invalid}; null when valid.
     */
    public String code() {
        return switch (status) {
            case 200 -> null;
            case 404 -> "unknown-operation";
            case 405 -> "method-not-allowed";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            case 502 -> "response-invalid";
            default -> "request-invalid";
        };
    }

    /**
     * The {@code SecurityEvent} type for this result: {@code validation.request.rejected} for a
     * request, {@code validation.body.limit-exceeded} for a body limit (a likely JSON/XML bomb or
     * oversized upload), {@code validation.response.violated} for a response; null when valid.
     */
    public String eventType() {
        if (violations.isEmpty()) {
            return null;
        }
        if (status == 502) {
            return ValidationEvents.RESPONSE_VIOLATED;
        }
        return violations.stream().anyMatch(v -> BodyRules.isLimit(v.rule()))
                ? ValidationEvents.BODY_LIMIT_EXCEEDED : ValidationEvents.REQUEST_REJECTED;
    }

    /**
     * Details for the {@code SecurityEvent} of a rejection: the first violation's {@code rule} and
     * {@code location} ({@code body /items/0/qty}, cut to 200 characters) and the number of
     * {@code violations}; no value from the request. Empty when valid.
     */
    public Map<String, String> eventDetails() {
        if (violations.isEmpty()) {
            return Map.of();
        }
        Violation first = violations.get(0);
        String location = first.location();
        return Map.of("rule", first.rule(),
                "location", location.length() <= 200 ? location : location.substring(0, 200),
                "violations", Integer.toString(violations.size()));
    }

    private static int statusOf(List<Violation> violations) {
        int best = 400;
        int bestRank = Integer.MAX_VALUE;
        for (Violation v : violations) {
            int status = BodyRules.statusOf(v.rule());
            int rank = switch (status) {
                case 404 -> 0;
                case 405 -> 1;
                case 413 -> 2;
                case 415 -> 3;
                default -> 4;
            };
            if (rank < bestRank) {
                bestRank = rank;
                best = status;
            }
        }
        return best;
    }
}

package dev.rampart.audit;

/** The log could not record an entry: under the refuse policy, the request that caused it must fail. */
public final class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message) {
        super(message);
    }

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

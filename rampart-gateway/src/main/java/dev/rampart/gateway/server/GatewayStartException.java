package dev.rampart.gateway.server;

/** The gateway could not start: a port in use, an unreadable certificate, an unreachable store. */
public final class GatewayStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GatewayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}

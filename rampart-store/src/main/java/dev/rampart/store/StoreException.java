package dev.rampart.store;

/**
 * The store could not be opened or could not carry out an operation. The message names what
 * failed, where (the database file or the redacted JDBC URL) and what to check in the config; it
 * never contains the database password.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.rampart.audit;

/** A copy of the log outside the store (file, stdout, syslog); called on the writer thread after each commit. */
public interface AuditSink extends AutoCloseable {

    void accept(StoredEntry entry);

    @Override
    default void close() {}
}

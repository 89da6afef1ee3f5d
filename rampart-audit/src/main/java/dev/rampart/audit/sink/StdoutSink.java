package dev.rampart.audit.sink;

import dev.rampart.audit.AuditJson;
import dev.rampart.audit.AuditSink;
import dev.rampart.audit.StoredEntry;
import java.io.PrintStream;

/** Prints each entry as one JSON line, for containers whose platform collects standard output. */
public final class StdoutSink implements AuditSink {

    private final PrintStream out;

    public StdoutSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(StoredEntry entry) {
        out.println(AuditJson.toLine(entry));
    }

    @Override
    public String toString() {
        return "stdout";
    }
}

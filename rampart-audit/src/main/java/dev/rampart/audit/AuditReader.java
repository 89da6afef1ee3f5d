package dev.rampart.audit;

import dev.rampart.store.Store;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Searches and exports the log without writing to it: what the CLI uses next to a running gateway
 * (which is the log's only writer). Principal and client IP in a query are given raw and
 * pseudonymised the way the log stores them.
 */
public final class AuditReader {

    private final AuditTables tables;
    private final AuditPrivacy privacy;
    private final byte[] salt;

    AuditReader(AuditTables tables, AuditPrivacy privacy, byte[] salt) {
        this.tables = tables;
        this.privacy = privacy;
        this.salt = salt;
    }

    /** A reader of the log in {@code store}, pseudonymising query values as {@code privacy} says. */
    public static AuditReader open(Store store, AuditPrivacy privacy) {
        return new AuditReader(new AuditTables(store.dataSource()), privacy, AuditLog.loadSalt(store));
    }

    /** Entries matching the query, by sequence number. */
    public List<StoredEntry> query(AuditQuery query) {
        return tables.query(query, privacy.field("principal", query.principal(), salt),
                privacy.field("client-ip", query.clientIp(), salt));
    }

    /** Writes every entry matching {@code filter} as JSON lines, in pages of the filter's limit; returns how many. */
    public long exportJsonl(AuditQuery filter, Writer out) throws IOException {
        long count = 0;
        AuditQuery page = filter;
        while (true) {
            List<StoredEntry> found = query(page);
            for (StoredEntry e : found) {
                out.write(AuditJson.toLine(e));
                out.write('\n');
            }
            count += found.size();
            if (found.size() < page.limit()) {
                out.flush();
                return count;
            }
            page = page.afterSeq(found.get(found.size() - 1).seq());
        }
    }
}

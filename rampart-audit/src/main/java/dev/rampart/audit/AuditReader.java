package dev.rampart.audit;

import com.google.crypto.tink.Aead;
import dev.rampart.store.Store;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Searches and exports the log without appending to it: what the CLI uses next to a running
 * gateway (which is the log's only writer). Principal and client IP in a query are given raw and
 * protected the way the log stores them. Entries come back as a reader sees them: subject values
 * decrypted, or {@code [erased subject]} once their subject was erased.
 */
public final class AuditReader {

    private final AuditTables tables;
    private final AuditPrivacy privacy;
    private final byte[] salt;
    private final SubjectKeys subjects;

    AuditReader(AuditTables tables, AuditPrivacy privacy, byte[] salt, SubjectKeys subjects) {
        this.tables = tables;
        this.privacy = privacy;
        this.salt = salt;
        this.subjects = subjects;
    }

    /** A reader of the log in {@code store} whose subject keys are kept in clear (no master key). */
    public static AuditReader open(Store store, AuditPrivacy privacy) {
        return open(store, privacy, null);
    }

    /**
     * A reader of the log in {@code store}.
     *
     * @param subjectKeyWrap what seals the subject keys at rest (as given to the log), or null when they are in clear
     */
    public static AuditReader open(Store store, AuditPrivacy privacy, Aead subjectKeyWrap) {
        byte[] salt = AuditLog.loadSalt(store);
        return new AuditReader(new AuditTables(store.dataSource()), privacy, salt,
                new SubjectKeys(store, salt, subjectKeyWrap, Clock.systemUTC()));
    }

    /** Entries matching the query, by sequence number. */
    public List<StoredEntry> query(AuditQuery query) {
        return subjects.reveal(queryStored(query), privacy);
    }

    /** Entries matching the query exactly as stored: each one's {@link AuditEntry#leafBytes()} is its Merkle leaf. */
    public List<StoredEntry> queryStored(AuditQuery query) {
        List<String> principals = null;
        if (query.principal() != null) {
            principals = new ArrayList<>(storedForms(query.principal(), "principal"));
        }
        return tables.query(query, principals, privacy.field("client-ip", query.clientIp(), salt));
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

    /**
     * Entries after {@code afterSeq} that name one of {@code ids} — as principal, or as the value of
     * a subject or pseudonymised detail — as a reader sees them, at most {@code limit}; page on with
     * the last one's sequence number. Blocks; scans the details (a data-subject request, not a hot path).
     */
    public List<StoredEntry> subjectEntries(Collection<String> ids, long afterSeq, int limit) {
        Set<String> values = new LinkedHashSet<>();
        ids.forEach(id -> values.addAll(storedForms(id, null)));
        return values.isEmpty() ? List.of() : subjects.reveal(matching(values, afterSeq, limit), privacy);
    }

    /**
     * Erases {@code id} from the log: destroys its subject key (entries under it become
     * unreadable, the tree unchanged) and prunes the entries that name it in a form no key protects
     * (raw, from before subject encryption was on, or an HMAC pseudonym), as retention does: their
     * fields are cleared, their leaf hashes kept, so the log still verifies. Idempotent.
     */
    public SubjectErasure eraseSubject(String id) {
        Set<String> unkeyed = new LinkedHashSet<>();
        if (!SubjectKeys.isProtected(id)) { // else it may copy another subject's stored value: prune nothing of theirs
            unkeyed.add(id);
        }
        unkeyed.add(AuditPrivacy.pseudonym(id, salt));
        int pruned = 0;
        long after = -1;
        while (true) {
            List<StoredEntry> page = matching(unkeyed, after, AuditQuery.MAX_LIMIT);
            if (page.isEmpty()) {
                break;
            }
            pruned += tables.prune(page.stream().map(StoredEntry::seq).toList());
            after = page.get(page.size() - 1).seq();
        }
        SubjectKeys.Erasure erasure = subjects.erase(id);
        return new SubjectErasure(erasure.lookupHash(), erasure.keyDestroyed(), pruned, erasure.erasedAt());
    }

    /**
     * The lookup hash of subject {@code id} (hex HMAC-SHA256 under the log's salt): how an erasure
     * record names a subject without its id. Whoever holds the store and the id can recompute it.
     */
    public String subjectHash(String id) {
        return java.util.HexFormat.of().formatHex(subjects.lookupHash(id));
    }

    /** When {@code id}'s subject key was last erased, if ever. */
    public java.util.Optional<java.time.Instant> erasedAt(String id) {
        return subjects.erasedAt(id);
    }

    SubjectKeys subjectKeys() {
        return subjects;
    }

    /** Stored entries naming one of {@code values} in the principal or in a detail that may hold a subject. */
    private List<StoredEntry> matching(Collection<String> values, long afterSeq, int limit) {
        List<StoredEntry> found = new ArrayList<>();
        long after = afterSeq;
        while (found.size() < limit) {
            List<StoredEntry> page = tables.mentioning(values, after, limit);
            for (StoredEntry s : page) {
                if (names(s.entry(), values) && found.size() < limit) {
                    found.add(s);
                }
            }
            if (page.size() < limit) {
                break;
            }
            after = page.get(page.size() - 1).seq();
        }
        return found;
    }

    private boolean names(AuditEntry e, Collection<String> values) {
        if (e.principal() != null && values.contains(e.principal())) {
            return true;
        }
        for (Map.Entry<String, String> d : e.details().entrySet()) {
            boolean subjectDetail = privacy.subjects().contains(d.getKey()) || privacy.pseudonymised().contains(d.getKey())
                    || SubjectKeys.isProtected(d.getValue());
            if (subjectDetail && values.contains(d.getValue())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every form {@code value} may be stored in: under its live subject key (when the field is a
     * subject field, or for any field when {@code field} is null), its HMAC pseudonym, and raw
     * (entries from before the setting was on, or a stored value given back to a query). A value
     * shaped like a stored one is also looked up as a subject of its own (a user may be named
     * {@code subj:…}); for a subject request ({@code field} null) it is not matched raw, or such a
     * name would pull in the entries of the subject whose stored value it copies.
     */
    private Set<String> storedForms(String value, String field) {
        Set<String> forms = new LinkedHashSet<>();
        if (field == null || privacy.isSubjectField(field)) {
            subjects.existing(value).ifPresent(key -> forms.add(key.encrypt(value)));
        }
        if (field == null || privacy.pseudonymised().contains(field)) {
            forms.add(AuditPrivacy.pseudonym(value, salt));
        }
        if (field != null || !SubjectKeys.isProtected(value)) {
            forms.add(value);
        }
        return forms;
    }
}

package dev.rampart.audit;

import java.time.Instant;

/**
 * What erasing a subject from the audit log did.
 *
 * @param lookupHash the subject's lookup hash (hex HMAC-SHA256 under the log's salt): how the erasure
 *     names the subject without keeping its id
 * @param keyDestroyed whether a live subject key was destroyed (false when it was already erased or never existed)
 * @param entriesPruned entries that named the subject in a form no key protects (raw or pseudonymised), now pruned
 * @param erasedAt when
 */
public record SubjectErasure(String lookupHash, boolean keyDestroyed, int entriesPruned, Instant erasedAt) {}

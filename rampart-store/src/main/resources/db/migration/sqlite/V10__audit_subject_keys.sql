-- Per-subject keys of the audit log (rampart-audit, crypto-shredding). A subject field of an entry
-- (the principal, and detail keys that name a person such as 'account') is stored encrypted under
-- its subject's own key, 'subj:<key_id>:<base64url AES-SIV ciphertext>'; the Merkle leaf is made of
-- that stored form. Erasing a subject destroys its key, so its entries can no longer be read while
-- every leaf hash, checkpoint and proof still verifies. See rampart-audit/README.md.
--
-- lookup_hash: HMAC-SHA256 under the log's salt (setting audit.pseudonym-salt) of 'subject:' + the
--   subject id; finds the key of a subject without storing the id.
-- key_id, keyset, created_at: NULL once erased. An erased row keeps only lookup_hash and erased_at,
--   so nothing left links the subject to the key id its old entries carry.
-- keyset: a Tink AES-SIV keyset; sealed = 1 when it is encrypted under the gateway's wrapping key
--   (itself under the master key), 0 when kept in clear (no master key, like the rest of the store).
-- Times: epoch milliseconds (UTC) from the application's clock.
CREATE TABLE audit_subject_keys (
    lookup_hash BLOB    NOT NULL PRIMARY KEY,
    key_id      TEXT    UNIQUE,
    keyset      BLOB,
    sealed      INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER,
    erased_at   INTEGER
) STRICT;

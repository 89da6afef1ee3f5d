-- Audit log (rampart-audit). Each row is one leaf of the log's RFC 6962 Merkle tree; the leaf bytes
-- are recomputed from these columns (see rampart-audit/README.md, "Leaf format"), so a changed
-- column changes the tree. Times: epoch microseconds (UTC).
CREATE TABLE audit_entries (
    seq         BIGINT  NOT NULL PRIMARY KEY,  -- leaf index, from 0, no gaps
    time_us     BIGINT  NOT NULL,
    event_type  TEXT    NOT NULL,
    principal   TEXT,                          -- raw or 'hmac:<hex>' (pseudonymised)
    client_ip   TEXT,
    route       TEXT,
    action      TEXT,
    result      TEXT,
    request_id  TEXT,
    details     TEXT    NOT NULL,
    -- 1 once retention cleared the fields: the entry then verifies through its leaf_hash alone
    pruned      INTEGER NOT NULL DEFAULT 0,              -- JSON object of strings, keys sorted
    leaf_hash   BYTEA   NOT NULL               -- SHA-256(0x00 || leaf bytes) at append: names a changed entry
);
CREATE INDEX audit_entries_time ON audit_entries (time_us);
CREATE INDEX audit_entries_principal ON audit_entries (principal, time_us);
CREATE INDEX audit_entries_type ON audit_entries (event_type, time_us);

-- Signed tree heads.
CREATE TABLE audit_checkpoints (
    tree_size   BIGINT  NOT NULL PRIMARY KEY,
    root_hash   BYTEA   NOT NULL,
    time_us     BIGINT  NOT NULL,
    key_id      TEXT    NOT NULL,              -- RFC 7638 thumbprint of the signing key
    signature   BYTEA   NOT NULL               -- Ed25519 over the checkpoint text
);

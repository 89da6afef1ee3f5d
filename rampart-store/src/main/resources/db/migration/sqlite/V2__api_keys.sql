-- API keys (rampart-auth, dev.rampart.auth.apikey). Only an HMAC-SHA256 of each secret is kept,
-- keyed with a server secret, so a copy of this table does not let anyone authenticate.
-- roles, scopes, allowed_cidrs: space-separated (RFC 6749 §3.3 scope syntax); entries never
-- contain spaces, the code checks it.
-- Times: epoch milliseconds (UTC), written by the application from its clock, so both engines
-- compare the same numbers and tests can move the clock.
-- revoked_at: a revoked key keeps its row, so it is rejected as revoked (not unknown) and the
-- audit trail can still name it.
CREATE TABLE api_keys (
    id                          TEXT    NOT NULL PRIMARY KEY,
    name                        TEXT    NOT NULL,
    owner                       TEXT    NOT NULL,
    roles                       TEXT    NOT NULL,
    scopes                      TEXT    NOT NULL,
    allowed_cidrs               TEXT    NOT NULL,
    secret_hash                 BLOB    NOT NULL,
    previous_secret_hash        BLOB,
    previous_secret_valid_until INTEGER,
    created_at                  INTEGER NOT NULL,
    expires_at                  INTEGER,
    last_used_at                INTEGER,
    enabled                     INTEGER NOT NULL,
    revoked_at                  INTEGER
) STRICT;

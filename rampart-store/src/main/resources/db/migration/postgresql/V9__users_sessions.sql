-- Users of the console and admin API, their second factor, lockout state and console sessions
-- (rampart-auth, dev.rampart.auth.user and dev.rampart.auth.session). Same conventions as api_keys
-- (V2): times are epoch milliseconds from the application's clock; lists are space-separated.
-- username_key is the login name normalised (NFKC, trimmed, lower case) so Alice and alice are one
-- account. password_hash is an Argon2id PHC string. totp_secret / totp_pending_secret hold the TOTP
-- secret encrypted (AES-256-GCM under a server key, the user id as associated data), never plain.
CREATE TABLE users (
    id                  TEXT    NOT NULL PRIMARY KEY,
    username            TEXT    NOT NULL,
    username_key        TEXT    NOT NULL UNIQUE,
    email               TEXT,
    roles               TEXT    NOT NULL,
    password_hash       TEXT    NOT NULL,
    password_changed_at BIGINT NOT NULL,
    enabled             BOOLEAN NOT NULL,
    created_at          BIGINT NOT NULL,
    totp_secret         BYTEA,
    totp_enabled_at     BIGINT,
    totp_pending_secret BYTEA
);

-- Previous password hashes, for the "not one of the last N" rule.
CREATE TABLE user_password_history (
    user_id       TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    changed_at    BIGINT NOT NULL,
    password_hash TEXT    NOT NULL
);
CREATE INDEX user_password_history_user ON user_password_history (user_id, changed_at);

-- Unused recovery codes, as SHA-256 hex (80-bit random codes need no slow hash).
CREATE TABLE user_recovery_codes (
    account   TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (account, code_hash)
);

-- Last TOTP time step accepted per account: a code is accepted once (RFC 6238 §5.2).
CREATE TABLE totp_used_steps (
    account   TEXT    NOT NULL PRIMARY KEY,
    last_step BIGINT NOT NULL
);

-- Brute-force protection state per key (an account or a client address); version makes updates
-- compare-and-set, so nodes of a cluster never lose each other's failures.
CREATE TABLE lockout_states (
    lock_key           TEXT    NOT NULL PRIMARY KEY,
    failures           INTEGER NOT NULL,
    last_failure       BIGINT,
    locked_until       BIGINT,
    temporary_lockouts INTEGER NOT NULL,
    permanent          BOOLEAN NOT NULL,
    version            BIGINT NOT NULL
);

-- Console sessions: only the SHA-256 of the 256-bit session id is stored.
CREATE TABLE sessions (
    id_hash      BYTEA    NOT NULL PRIMARY KEY,
    user_id      TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

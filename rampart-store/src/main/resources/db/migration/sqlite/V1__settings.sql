-- Small named values kept across restarts (e.g. the hash of the admin credential).
-- STRICT: SQLite then enforces the declared types, as PostgreSQL does.
-- updated_at: UTC 'YYYY-MM-DD HH:MM:SS' text, as CURRENT_TIMESTAMP writes it.
CREATE TABLE settings (
    key        TEXT NOT NULL PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
) STRICT;

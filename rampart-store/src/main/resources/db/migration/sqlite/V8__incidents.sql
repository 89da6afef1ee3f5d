-- Incidents raised by the detector (rampart-detect). Times are epoch milliseconds from the
-- application's clock. severity is SEV-1..SEV-4; state is open, acknowledged or resolved.
-- dedup_key (rule + group value) lets a rule that fires again add to the incident still open
-- instead of opening another one. evidence is a JSON snapshot taken when the incident opened.
CREATE TABLE incidents (
    id                     TEXT    NOT NULL PRIMARY KEY,
    kind                   TEXT    NOT NULL,
    rule                   TEXT    NOT NULL,
    dedup_key              TEXT    NOT NULL,
    severity               TEXT    NOT NULL,
    state                  TEXT    NOT NULL,
    title                  TEXT    NOT NULL,
    evidence               TEXT    NOT NULL,
    opened_at              INTEGER NOT NULL,
    respond_by             INTEGER NOT NULL,
    resolve_by             INTEGER NOT NULL,
    acknowledged_at        INTEGER,
    acknowledged_by        TEXT,
    resolved_at            INTEGER,
    resolved_by            TEXT,
    response_breached_at   INTEGER,
    resolution_breached_at INTEGER
) STRICT;
CREATE INDEX incidents_state ON incidents (state, opened_at);
CREATE INDEX incidents_dedup ON incidents (dedup_key, state);

-- What happened, in order: related security events (as JSON), state changes, actions taken, notes.
-- entry is event, state, action or note.
CREATE TABLE incident_timeline (
    incident_id TEXT    NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    entry       TEXT    NOT NULL,
    author      TEXT,
    body        TEXT    NOT NULL,
    PRIMARY KEY (incident_id, seq)
) STRICT;

-- Values a new_value rule has seen per group (e.g. the addresses an admin has logged in from).
CREATE TABLE detection_seen_values (
    rule       TEXT    NOT NULL,
    group_key  TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    first_seen INTEGER NOT NULL,
    PRIMARY KEY (rule, group_key, value)
) STRICT;

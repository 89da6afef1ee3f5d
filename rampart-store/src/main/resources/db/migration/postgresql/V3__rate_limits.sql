-- Rate limiting and bans (rampart-ratelimit). Times: epoch milliseconds (UTC) from the application's
-- clock, as in V2.
--
-- Quota counts per calendar period. The gateway counts in memory and adds what it counted since its
-- last write (used = used + delta), so several gateways sharing PostgreSQL add up.
CREATE TABLE rate_limit_quotas (
    quota        TEXT    NOT NULL,  -- scope and quota name, e.g. plan:gold/daily
    subject      TEXT    NOT NULL,  -- the counted key: principal id, client network, header value
    period_start BIGINT  NOT NULL,
    period_end   BIGINT  NOT NULL,
    used         BIGINT  NOT NULL,
    PRIMARY KEY (quota, subject, period_start)
);

-- One row per banned block, kept after the ban ends (banned_until < now) for as long as repeats escalate
-- (bans.repeat-window), so that a restart does not reset a repeat offender to the base time.
CREATE TABLE bans (
    block        TEXT    NOT NULL PRIMARY KEY,  -- normalised address or CIDR block
    reason       TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    banned_at    BIGINT  NOT NULL,
    banned_until BIGINT  NOT NULL,
    offences     BIGINT  NOT NULL
);

-- Allow/deny entries added at run time (admin API); the config's lists are not copied here.
CREATE TABLE ip_list_entries (
    list       TEXT    NOT NULL CHECK (list IN ('allow', 'deny')),
    block      TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (list, block)
);

-- rampart-crypto (dev.rampart.crypto): the master-key record, transit keys and the secrets store.
-- Every key and secret value is stored encrypted under the master key (KEK); the associated data
-- of each blob names its table, key or path and version, so a blob copied to another row fails to
-- decrypt. Times: epoch milliseconds (UTC), written by the application from its clock.

-- One row (id = 1). key_check: HKDF-SHA256 of the master key with its own info string, so a wrong
-- master key is recognised before anything is decrypted; it reveals nothing about the key.
-- kdf: 'raw' (key given as bytes) or 'argon2id' (derived from a passphrase with the salt and RFC
-- 9106 parameters stored here).
CREATE TABLE crypto_master (
    id                  INTEGER NOT NULL PRIMARY KEY,
    kdf                 TEXT    NOT NULL,
    salt                BLOB,
    argon2_memory_kib   INTEGER,
    argon2_iterations   INTEGER,
    argon2_parallelism  INTEGER,
    key_check           BLOB    NOT NULL,
    created_at          INTEGER  NOT NULL,
    rekeyed_at          INTEGER
) STRICT;

-- min_encryption_version 0: the latest version. auto_rotate_period_ms 0: never.
CREATE TABLE transit_keys (
    name                    TEXT    NOT NULL PRIMARY KEY,
    type                    TEXT    NOT NULL,
    latest_version          INTEGER NOT NULL,
    min_decryption_version  INTEGER NOT NULL,
    min_encryption_version  INTEGER NOT NULL,
    min_available_version   INTEGER NOT NULL,
    deletion_allowed        INTEGER NOT NULL,
    auto_rotate_period_ms   INTEGER  NOT NULL,
    created_at              INTEGER  NOT NULL,
    rotated_at              INTEGER  NOT NULL
) STRICT;

-- One Tink keyset (a single key) per version, encrypted under the master key.
CREATE TABLE transit_key_versions (
    key_name    TEXT    NOT NULL REFERENCES transit_keys (name) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    keyset      BLOB    NOT NULL,
    created_at  INTEGER  NOT NULL,
    PRIMARY KEY (key_name, version)
) STRICT;

-- custom_metadata: not secret, kept in clear (length-prefixed UTF-8 pairs).
CREATE TABLE secrets (
    path             TEXT    NOT NULL PRIMARY KEY,
    current_version  INTEGER NOT NULL,
    max_versions     INTEGER NOT NULL,
    cas_required     INTEGER NOT NULL,
    custom_metadata  BLOB    NOT NULL,
    created_at       INTEGER  NOT NULL,
    updated_at       INTEGER  NOT NULL
) STRICT;

-- value: NULL once destroyed. deleted_at: soft delete (undelete clears it).
CREATE TABLE secret_versions (
    path        TEXT    NOT NULL REFERENCES secrets (path) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    value       BLOB,
    created_at  INTEGER  NOT NULL,
    expires_at  INTEGER,
    deleted_at  INTEGER,
    PRIMARY KEY (path, version)
) STRICT;

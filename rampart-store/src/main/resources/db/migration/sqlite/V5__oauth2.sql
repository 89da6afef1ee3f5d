-- OAuth2 clients and the token signing keys of Rampart's authorization server (rampart-auth,
-- dev.rampart.auth.oauth2). Same conventions as api_keys (V2): times are epoch milliseconds from
-- the application's clock; lists are space-separated; a client secret is kept only as its
-- HMAC-SHA256 under the server secret.
-- auth_method: client_secret (Basic or form, RFC 6749 §2.3.1) or private_key_jwt (RFC 7523 §2.2),
-- whose public keys are in jwks (an RFC 7517 JWK set).
CREATE TABLE oauth2_clients (
    id                          TEXT    NOT NULL PRIMARY KEY,
    name                        TEXT    NOT NULL,
    auth_method                 TEXT    NOT NULL,
    secret_hash                 BLOB,
    previous_secret_hash        BLOB,
    previous_secret_valid_until INTEGER,
    jwks                        TEXT,
    scopes                      TEXT    NOT NULL,
    roles                       TEXT    NOT NULL,
    created_at                  INTEGER NOT NULL,
    enabled                     INTEGER NOT NULL,
    revoked_at                  INTEGER
) STRICT;

-- Keys that sign the access tokens: the newest is the one in use; older ones stay published in
-- the JWKS until every token they signed has expired. private_jwk holds the private key as a JWK.
CREATE TABLE oauth2_signing_keys (
    kid         TEXT    NOT NULL PRIMARY KEY,
    algorithm   TEXT    NOT NULL,
    private_jwk TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;

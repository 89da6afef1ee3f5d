package dev.rampart.auth.apikey;

/** A record with its secret hashes, as read from the store; never leaves this package. */
record StoredApiKey(ApiKeyRecord record, byte[] secretHash, byte[] previousSecretHash) {}

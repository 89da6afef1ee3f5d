package dev.rampart.auth.user;

/** A users row with what only the login may see: the password hash and the encrypted TOTP secrets. */
record StoredUser(UserRecord record, String passwordHash, byte[] totpSecret, byte[] pendingTotpSecret) {
}

package dev.rampart.auth.apikey;

import java.util.Objects;

/**
 * A key just issued by {@link ApiKeys#create} or {@link ApiKeys#rotate}: its metadata and the
 * plaintext key, which exists only here. Show it to the caller once; Rampart keeps only its HMAC
 * and cannot show it again. {@link #toString()} leaves the plaintext out.
 */
public record CreatedApiKey(ApiKeyRecord record, String plaintextKeyShownOnce) {

    public CreatedApiKey {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(plaintextKeyShownOnce, "plaintextKeyShownOnce");
    }

    @Override
    public String toString() {
        return "CreatedApiKey[record=" + record + ", plaintextKeyShownOnce=***]";
    }
}

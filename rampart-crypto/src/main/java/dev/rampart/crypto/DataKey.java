package dev.rampart.crypto;

/**
 * A fresh data key for envelope encryption: the caller encrypts its data locally with
 * {@code plaintext} and stores {@code ciphertext}, which only transit can turn back into the key.
 *
 * @param plaintext the key bytes; null when only the wrapped form was asked for
 * @param ciphertext the key encrypted under the named transit key ({@code rampart:v<N>:…})
 * @param version the transit key version that wrapped it
 */
public record DataKey(byte[] plaintext, String ciphertext, int version) {}

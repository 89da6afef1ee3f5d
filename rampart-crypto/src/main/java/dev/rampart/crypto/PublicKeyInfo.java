package dev.rampart.crypto;

/**
 * One public key of a signing key version.
 *
 * @param version the transit key version
 * @param fingerprint the RFC 7638 JWK thumbprint (SHA-256, base64url) — what to compare out of band
 * @param jwk the public key as a JWK (JSON), key id {@code <name>:v<N>}
 */
public record PublicKeyInfo(int version, String fingerprint, String jwk) {}

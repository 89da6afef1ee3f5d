package dev.rampart.gateway.crypto;

import dev.rampart.auth.oauth2.KeyProtection;
import dev.rampart.crypto.Crypto;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The OAuth2 token-signing keys sealed under the master key: each private JWK is encrypted with the
 * gateway's own transit key ({@link CredentialSecret#TRANSIT_KEY}), bound to its {@code kid} as
 * associated data, so a sealed key copied to another row does not open. Keys written in clear
 * before a master key was configured still open, and the key ring re-writes them sealed.
 */
public final class SealedSigningKeys implements KeyProtection {

    private final Crypto crypto;

    public SealedSigningKeys(Crypto crypto) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    @Override
    public String seal(String privateJwk, String kid) {
        return CredentialSecret.wrap(crypto.transit(), label(kid), privateJwk.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String open(String stored, String kid) {
        if (!isSealed(stored)) {
            return stored;
        }
        return new String(crypto.transit().decrypt(CredentialSecret.GATEWAY, CredentialSecret.TRANSIT_KEY, stored,
                label(kid).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Override
    public boolean isSealed(String stored) {
        return stored.startsWith(CredentialSecret.WRAPPED_PREFIX);
    }

    @Override
    public boolean seals() {
        return true;
    }

    private static String label(String kid) {
        return "oauth2-signing-key:" + kid;
    }
}

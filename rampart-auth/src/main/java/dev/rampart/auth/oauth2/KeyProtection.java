package dev.rampart.auth.oauth2;

/**
 * How the private token-signing keys are kept at rest in the store. The gateway seals them under
 * its master key (rampart-crypto) when one is configured; without one they are kept as written
 * and the store's own access control is their only protection.
 */
public interface KeyProtection {

    /** Keys kept as written (no master key). */
    KeyProtection NONE = new KeyProtection() {
        @Override
        public String seal(String privateJwk, String kid) {
            return privateJwk;
        }

        @Override
        public String open(String stored, String kid) {
            return stored;
        }

        @Override
        public boolean isSealed(String stored) {
            return false;
        }

        @Override
        public boolean seals() {
            return false;
        }
    };

    /** The stored form of a private JWK; {@code kid} binds the sealed value to its row. */
    String seal(String privateJwk, String kid);

    /** The private JWK of a stored value, sealed or written before protection was configured. */
    String open(String stored, String kid);

    /** Whether {@code stored} is in sealed form. */
    boolean isSealed(String stored);

    /** Whether this protection seals at all (a clear row is then re-written sealed). */
    boolean seals();
}

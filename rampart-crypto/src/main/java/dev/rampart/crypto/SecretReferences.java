package dev.rampart.crypto;

import dev.rampart.crypto.CryptoException.Reason;
import java.util.Map;
import java.util.TreeSet;

/**
 * Resolves {@code ${secret:path#key}} references of the gateway config against the secrets
 * store, so a config file holds no secret at all. The config loader calls {@link #resolve} with
 * the text between {@code ${secret:} and {@code }}; the value is never logged.
 */
public final class SecretReferences {

    /** The marker the config loader looks for. */
    public static final String PREFIX = "${secret:";

    private final Secrets secrets;

    SecretReferences(Secrets secrets) {
        this.secrets = secrets;
    }

    /**
     * The value of key {@code key} in the current version of the secret at {@code path}.
     *
     * @param reference {@code path#key}, e.g. {@code db/orders#password}
     * @throws CryptoException SECRET_NOT_FOUND naming the reference and what is there instead
     */
    public String resolve(String reference) {
        int hash = reference == null ? -1 : reference.lastIndexOf('#');
        if (hash <= 0 || hash == reference.length() - 1) {
            throw new CryptoException(Reason.INVALID_INPUT, "secret reference ${secret:" + reference
                    + "} must be ${secret:<path>#<key>}, e.g. ${secret:db/orders#password}");
        }
        String path = reference.substring(0, hash);
        String key = reference.substring(hash + 1);
        Secret secret = secrets.get(path).orElseThrow(() -> new CryptoException(Reason.SECRET_NOT_FOUND,
                "secret reference ${secret:" + reference + "}: no readable secret at path '" + path
                        + "' (missing, deleted, destroyed or expired) — write it with the secrets API or CLI"));
        Map<String, String> data = secret.data();
        String value = data.get(key);
        if (value == null) {
            throw new CryptoException(Reason.SECRET_NOT_FOUND, "secret reference ${secret:" + reference + "}: secret '"
                    + path + "' (version " + secret.version() + ") has no key '" + key + "'; its keys: "
                    + new TreeSet<>(data.keySet()));
        }
        return value;
    }

    /** Replaces every {@code ${secret:path#key}} in {@code text}; other text, {@code ${ENV}} included, is kept. */
    public String expand(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (true) {
            int start = text.indexOf(PREFIX, from);
            if (start < 0) {
                return out.append(text, from, text.length()).toString();
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new CryptoException(Reason.INVALID_INPUT, "unterminated secret reference at character " + start
                        + ": expected ${secret:<path>#<key>}");
            }
            out.append(text, from, start).append(resolve(text.substring(start + PREFIX.length(), end)));
            from = end + 1;
        }
    }
}

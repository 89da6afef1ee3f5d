package dev.rampart.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps sensitive values out of the log. A pseudonymised value becomes {@code hmac:<hex>}, the
 * HMAC-SHA256 of the value under the log's own salt (first 16 bytes, hex): equal values give equal
 * pseudonyms, so a known principal or address can still be searched for, but the log does not
 * reveal them and the pseudonyms of one log cannot be matched against another's. A detail named
 * like a secret becomes {@code ****}; a configured masked detail keeps its last four characters
 * when it is at least 16 long ({@code ****1111}). Neither is ever reversed.
 *
 * <p>A subject field ({@code principal}, or a detail key naming a person such as {@code account}) is
 * instead encrypted under its subject's own key ({@code subj:<key-id>:<ciphertext>}, deterministic, so
 * still searchable); readers with the store decrypt it, and erasing the subject destroys the key
 * (crypto-shredding). A field that is both pseudonymised and a subject field is pseudonymised: the
 * explicit setting wins, and such a value is not erasable by key (erasure prunes the entries instead).
 *
 * @param pseudonymised fields to pseudonymise: {@code principal}, {@code client-ip}, or a detail key
 * @param masked detail keys to mask, besides those {@link #isSecretName named like a secret}, which are always masked
 * @param subjects fields encrypted per subject: {@code principal} or a detail key
 */
public record AuditPrivacy(Set<String> pseudonymised, Set<String> masked, Set<String> subjects) {

    /** Prefix of a pseudonymised value. */
    public static final String PSEUDONYM_PREFIX = "hmac:";

    private static final Set<String> SECRET_NAME_PARTS = Set.of(
            "password", "passwd", "secret", "token", "authorization", "cookie", "api-key", "apikey", "credential",
            "private-key", "session");

    public AuditPrivacy {
        pseudonymised = Set.copyOf(pseudonymised == null ? Set.of() : pseudonymised);
        masked = Set.copyOf(masked == null ? Set.of() : masked);
        subjects = Set.copyOf(subjects == null ? Set.of() : subjects);
    }

    /** Pseudonymise nothing; mask only detail keys named like secrets; encrypt the principal per subject. */
    public static AuditPrivacy defaults() {
        return new AuditPrivacy(Set.of(), Set.of(), Set.of("principal"));
    }

    /** Whether {@code field} (principal or a detail key) is encrypted per subject: listed as a subject and not pseudonymised. */
    public boolean isSubjectField(String field) {
        return subjects.contains(field) && !pseudonymised.contains(field);
    }

    /** Whether a detail key names a secret (password, token, cookie, API key, ...): such values are always masked. */
    public static boolean isSecretName(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace('_', '-');
        for (String part : SECRET_NAME_PARTS) {
            if (k.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** The entry as it may be stored: configured fields pseudonymised, secrets masked. */
    AuditEntry protect(AuditEntry entry, byte[] salt) {
        Map<String, String> details = new TreeMap<>();
        entry.details().forEach((key, value) -> details.put(key, protectDetail(key, value, salt)));
        return new AuditEntry(entry.time(), entry.eventType(),
                field("principal", entry.principal(), salt),
                field("client-ip", entry.clientIp(), salt),
                entry.route(), entry.action(), entry.result(), entry.requestId(), new TreeMap<>(details));
    }

    /** The stored form of a principal or client IP, so that a query can match it. */
    String field(String name, String value, byte[] salt) {
        return value != null && pseudonymised.contains(name) ? pseudonym(value, salt) : value;
    }

    private String protectDetail(String key, String value, byte[] salt) {
        if (value == null) {
            return null;
        }
        if (pseudonymised.contains(key)) {
            return pseudonym(value, salt);
        }
        if (isSubjectField(key)) {
            return value; // encrypted under its subject's key on the writer thread (SubjectKeys)
        }
        if (isSecretName(key)) {
            return "****";
        }
        if (masked.contains(key)) {
            return mask(value);
        }
        return value;
    }

    static String pseudonym(String value, byte[] salt) {
        if (value.startsWith(PSEUDONYM_PREFIX)) {
            return value; // already protected, e.g. a query repeating a stored value
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] tag = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return PSEUDONYM_PREFIX + HexFormat.of().formatHex(tag, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    static String mask(String value) {
        return value.length() >= 16 ? "****" + value.substring(value.length() - 4) : "****";
    }
}

package dev.rampart.auth.totp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One-time codes that stand in for the authenticator when it is lost. Each code is 16 random base32
 * characters shown as {@code ABCD-EFGH-JKLM-NPQR}: 80 bits of entropy.
 *
 * <p>They are stored as unsalted SHA-256 hashes, not Argon2id: a slow, salted hash protects secrets
 * that people choose, which have little entropy. At 80 random bits, an attacker who steals the
 * table still has to try 2^80 codes per hash, out of reach of any hash rate, so a fast hash loses
 * nothing and keeps redemption cheap. Online guessing is bounded by login lockout.
 *
 * <pre>{@code
 * RecoveryCodes recovery = new RecoveryCodes(store);
 * List<String> shownOnce = recovery.issue("alice");       // 10 codes
 * boolean ok = recovery.redeem("alice", "abcd efgh jklm npqr");
 * }</pre>
 */
public final class RecoveryCodes {

    public static final int DEFAULT_COUNT = 10;
    static final int CODE_LENGTH = 16;
    static final int GROUP = 4;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RecoveryCodeStore store;

    public RecoveryCodes(RecoveryCodeStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Issues {@link #DEFAULT_COUNT} new codes, replacing any unused ones; show them once, they are not kept. */
    public List<String> issue(String account) {
        return issue(account, DEFAULT_COUNT);
    }

    public List<String> issue(String account, int count) {
        Objects.requireNonNull(account, "account");
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("recovery code count must be between 1 and 100, got " + count);
        }
        List<String> codes = new ArrayList<>(count);
        Set<String> hashes = new LinkedHashSet<>();
        while (codes.size() < count) {
            String code = newCode();
            if (hashes.add(hash(code))) {
                codes.add(code);
            }
        }
        store.replace(account, hashes);
        return List.copyOf(codes);
    }

    /**
     * Whether the code is one of the account's unused codes; if so it is used up. Case, spaces and
     * dashes in the input do not matter, since people retype these from paper.
     */
    public boolean redeem(String account, String code) {
        Objects.requireNonNull(account, "account");
        if (code == null) {
            return false;
        }
        String canonical = canonical(code);
        if (canonical.length() != CODE_LENGTH) {
            return false;
        }
        return store.consume(account, hash(canonical));
    }

    public int remaining(String account) {
        return store.remaining(account);
    }

    private static String newCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH + CODE_LENGTH / GROUP);
        for (int i = 0; i < CODE_LENGTH; i++) {
            if (i > 0 && i % GROUP == 0) {
                code.append('-');
            }
            code.append(Base32.ALPHABET.charAt(RANDOM.nextInt(Base32.ALPHABET.length())));
        }
        return code.toString();
    }

    private static String canonical(String code) {
        return code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }

    static String hash(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(code).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256, which every Java SE has", e);
        }
    }
}

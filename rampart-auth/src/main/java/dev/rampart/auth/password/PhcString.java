package dev.rampart.auth.password;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PHC string format for Argon2id, as written by the reference implementation, libsodium,
 * argon2-cffi and password4j: {@code $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>}, salt and hash in
 * standard base64 without padding. Hashes move between those tools unchanged.
 */
record PhcString(Argon2idParameters parameters, byte[] salt, byte[] hash) {

    /** RFC 9106 §3.1: salt of at least 8 bytes; tags shorter than 16 bytes are not accepted here. */
    static final int MIN_SALT_LENGTH = 8;
    static final int MAX_SALT_LENGTH = 64;
    static final int MIN_HASH_LENGTH = 16;
    static final int MAX_HASH_LENGTH = 64;

    private static final Pattern FORMAT = Pattern.compile(
            "\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    String encode() {
        return "$argon2id$v=19$m=" + parameters.memoryKiB() + ",t=" + parameters.iterations()
                + ",p=" + parameters.parallelism() + "$" + ENCODER.encodeToString(salt)
                + "$" + ENCODER.encodeToString(hash);
    }

    static PhcString parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw new MalformedPasswordHashException("it is empty");
        }
        if (!encoded.startsWith("$argon2id$")) {
            throw new MalformedPasswordHashException("it does not start with $argon2id$ (only Argon2id is accepted)");
        }
        Matcher m = FORMAT.matcher(encoded);
        if (!m.matches()) {
            throw new MalformedPasswordHashException("its fields do not have the expected shape");
        }
        if (!m.group(1).equals("19")) {
            throw new MalformedPasswordHashException("version v=" + m.group(1) + " is not 19 (0x13)");
        }
        Argon2idParameters parameters;
        try {
            parameters = new Argon2idParameters(
                    parseInt(m.group(2), "m"), parseInt(m.group(3), "t"), parseInt(m.group(4), "p"));
        } catch (MalformedPasswordHashException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new MalformedPasswordHashException(e.getMessage());
        }
        byte[] salt = decode(m.group(5), "salt", MIN_SALT_LENGTH, MAX_SALT_LENGTH);
        byte[] hash = decode(m.group(6), "hash", MIN_HASH_LENGTH, MAX_HASH_LENGTH);
        return new PhcString(parameters, salt, hash);
    }

    private static int parseInt(String digits, String name) {
        long value = Long.parseLong(digits);
        if (value > Integer.MAX_VALUE) {
            throw new MalformedPasswordHashException(name + " is out of range");
        }
        return (int) value;
    }

    private static byte[] decode(String base64, String name, int min, int max) {
        // Unpadded base64 never has length 1 mod 4; Java's decoder would reject it with a vaguer message.
        if (base64.length() % 4 == 1) {
            throw new MalformedPasswordHashException(name + " is not valid base64 (truncated?)");
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(base64);
        } catch (IllegalArgumentException e) {
            throw new MalformedPasswordHashException(name + " is not valid base64");
        }
        if (bytes.length < min || bytes.length > max) {
            throw new MalformedPasswordHashException(
                    name + " is " + bytes.length + " bytes; expected " + min + " to " + max);
        }
        return bytes;
    }
}

package dev.rampart.gateway.http;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: 26-character ULIDs (48-bit millisecond time + 80 random bits, Crockford base32),
 * so ids sort by time in logs and never collide in practice. An id received from a client is used
 * only when it comes from a trusted proxy and passes {@link #isAcceptable}.
 */
public final class RequestIds {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private RequestIds() {
    }

    /** A new request id. */
    public static String next() {
        long time = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long randHi = random.nextLong() & 0xFFFF; // 16 bits
        long randLo = random.nextLong(); // 64 bits
        char[] out = new char[26];
        // 48-bit time -> 10 chars (50 bits, top 2 zero)
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits -> 16 chars
        for (int i = 25; i >= 10; i--) {
            out[i] = CROCKFORD[(int) (randLo & 31)];
            randLo = (randLo >>> 5) | ((randHi & 31) << 59);
            randHi >>>= 5;
        }
        return new String(out);
    }

    /** Whether a forwarded request id is safe to adopt: 1..128 chars of [A-Za-z0-9._:-]. */
    public static boolean isAcceptable(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

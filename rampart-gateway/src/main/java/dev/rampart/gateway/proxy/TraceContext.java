package dev.rampart.gateway.proxy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context ({@code traceparent}, https://www.w3.org/TR/trace-context/): the gateway is a
 * hop in the trace. A valid incoming header keeps its trace id and flags and gets a new parent id
 * (this hop's span); a missing or invalid one is replaced by a new trace, marked sampled so the
 * upstream's tracer records it.
 */
final class TraceContext {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TraceContext() {
    }

    /** The traceparent to send upstream. */
    static String next(String incoming) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (isValid(incoming)) {
            return "00-" + incoming.substring(3, 35) + "-" + spanId(random) + "-" + incoming.substring(53, 55);
        }
        StringBuilder sb = new StringBuilder(55).append("00-");
        appendHex(sb, random.nextLong() | 1L, 16); // never all-zero
        appendHex(sb, random.nextLong(), 16);
        sb.append('-').append(spanId(random)).append("-01");
        return sb.toString();
    }

    /** Version 00 exactly, or a later version read as 00 (spec §4.3: future versions keep the first fields). */
    static boolean isValid(String tp) {
        if (tp == null || tp.length() < 55) {
            return false;
        }
        if (tp.length() > 55 && (tp.startsWith("00") || tp.charAt(55) != '-')) {
            return false;
        }
        if (tp.startsWith("ff") || tp.charAt(2) != '-' || tp.charAt(35) != '-' || tp.charAt(52) != '-') {
            return false;
        }
        return isLowerHex(tp, 0, 2) && isLowerHex(tp, 3, 35) && isLowerHex(tp, 36, 52) && isLowerHex(tp, 53, 55)
                && !isZeros(tp, 3, 35) && !isZeros(tp, 36, 52);
    }

    private static String spanId(ThreadLocalRandom random) {
        StringBuilder sb = new StringBuilder(16);
        appendHex(sb, random.nextLong() | 1L, 16);
        return sb.toString();
    }

    private static void appendHex(StringBuilder sb, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            sb.append(HEX[(int) (v >>> (i * 4)) & 0xF]);
        }
    }

    private static boolean isLowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZeros(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}

package dev.rampart.gateway.http1;

import dev.rampart.core.config.HttpLimitsConfig;
import java.time.Duration;

/**
 * The limits of {@link HttpLimitsConfig} in the units the HTTP/1.x layers use, and the Netty
 * decoder limits derived from them. One place computes both, so that whatever the validator
 * accepts the decoder behind it accepts too, and the validator is the one that answers.
 *
 * @param maxHeadBytes request line + field lines + their CRLFs + the final CRLF; the trailer
 *     section of a chunked body counts against the same budget, as it does in Netty's decoder
 * @param maxFieldCount header fields in one head (and trailer fields in one trailer section)
 * @param maxTargetBytes bytes of the request target
 * @param headerTimeoutNanos time from a head's first byte to its last
 * @param bodyTimeoutNanos longest silence while a body is being read
 */
record Http1Limits(int maxHeadBytes, int maxFieldCount, int maxTargetBytes, long headerTimeoutNanos,
        long bodyTimeoutNanos) {

    /** Longest method accepted; the longest registered method (UPDATEREDIRECTREF) has 17 bytes. */
    static final int MAX_METHOD_BYTES = 32;

    /** Longest chunk line (size and extensions) accepted; real extensions are a few bytes. */
    static final int MAX_CHUNK_LINE_BYTES = 4096;

    /** {@code method SP target SP HTTP/1.1} around the target, with the longest method. */
    private static final int REQUEST_LINE_OVERHEAD = MAX_METHOD_BYTES + 1 + 1 + "HTTP/1.1".length();

    static Http1Limits from(HttpLimitsConfig config) {
        return new Http1Limits(
                positive(config.maxHeaderSize().bytesAsInt(), "limits.max-header-size", "16KB"),
                positive(config.maxHeaderCount(), "limits.max-header-count", "100"),
                positive(config.maxUriLength().bytesAsInt(), "limits.max-uri-length", "8KB"),
                positive(config.headerReadTimeout(), "limits.header-read-timeout", "10s"),
                positive(config.bodyReadTimeout(), "limits.body-read-timeout", "30s"));
    }

    /**
     * Netty's {@code maxInitialLineLength}: the longest request line the validator lets through.
     * Netty also bounds chunk-size lines by it.
     */
    int decoderMaxInitialLineLength() {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxTargetBytes + REQUEST_LINE_OVERHEAD);
    }

    /**
     * Netty's {@code maxHeaderSize}. Netty counts field lines without their CRLFs (headers and
     * trailers of one message together); the validator counts more, so it always refuses first.
     */
    int decoderMaxHeaderSize() {
        return maxHeadBytes;
    }

    /** Longest chunk line (size and extensions, without CRLF) the validator lets through. */
    int maxChunkLineBytes() {
        return Math.min(MAX_CHUNK_LINE_BYTES, decoderMaxInitialLineLength());
    }

    private static int positive(int value, String path, String example) {
        if (value <= 0) {
            throw new IllegalArgumentException(path + " must be positive (e.g. " + example + "), not " + value);
        }
        return value;
    }

    private static long positive(Duration value, String path, String example) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(path + " must be positive (e.g. " + example + "), not " + value);
        }
        return value.toNanos();
    }
}

package dev.rampart.gateway.http1;

/**
 * Why a request was refused before it reached the proxy: the HTTP status and the stable error code
 * sent in the problem body and reported to {@code onReject}.
 *
 * <p>Every framing ambiguity is a 400, including a transfer coding other than {@code chunked}:
 * RFC 9112 §6.1 suggests 501 for a coding the server does not implement, but a TE.TE attack
 * consists precisely of codings one hop understands and the next does not, so Rampart treats any
 * coding list but a single {@code chunked} as a malformed message, not an unimplemented feature.
 */
enum Violation {

    SMUGGLING_CL_TE(400, "smuggling-cl-te"),
    DUPLICATE_CONTENT_LENGTH(400, "duplicate-content-length"),
    INVALID_CONTENT_LENGTH(400, "invalid-content-length"),
    INVALID_TRANSFER_ENCODING(400, "invalid-transfer-encoding"),
    INVALID_CHUNK(400, "invalid-chunk"),
    OBS_FOLD(400, "obs-fold"),
    INVALID_HEADER(400, "invalid-header"),
    INVALID_LINE_ENDING(400, "invalid-line-ending"),
    INVALID_REQUEST_LINE(400, "invalid-request-line"),
    DUPLICATE_HOST(400, "duplicate-host"),
    URI_TOO_LONG(414, "uri-too-long"),
    HEADER_TOO_LARGE(431, "header-too-large"),
    TOO_MANY_HEADERS(431, "too-many-headers"),
    HEADER_TIMEOUT(408, "header-timeout"),
    BODY_TIMEOUT(408, "body-timeout");

    private final int status;
    private final String code;

    Violation(int status, String code) {
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** What the client did wrong and what is accepted instead; never echoes request data. */
    String detail(Http1Limits limits) {
        return switch (this) {
            case SMUGGLING_CL_TE -> "The request has both Content-Length and Transfer-Encoding, so its length is "
                    + "ambiguous (RFC 9112 §6.1); send one of them.";
            case DUPLICATE_CONTENT_LENGTH -> "The request has more than one Content-Length value (RFC 9112 §6.3); "
                    + "send a single Content-Length field with one number.";
            case INVALID_CONTENT_LENGTH -> "The Content-Length value is not a decimal number of bytes (RFC 9110 §8.6).";
            case INVALID_TRANSFER_ENCODING -> "Only a single 'Transfer-Encoding: chunked' field is accepted, and only "
                    + "on HTTP/1.1 requests.";
            case INVALID_CHUNK -> "The chunked request body is malformed (RFC 9112 §7.1): a chunk size must be hex "
                    + "digits, optionally followed by well-formed extensions, and every chunk line and chunk must "
                    + "end with CRLF.";
            case OBS_FOLD -> "A header field line starts with whitespace (line folding, RFC 9112 §5.2); send each "
                    + "field on one line.";
            case INVALID_HEADER -> "A header field is malformed (RFC 9112 §5): the name must be a token directly "
                    + "followed by ':', and the value must not contain control characters.";
            case INVALID_LINE_ENDING -> "A line of the request does not end with CRLF; a bare CR or LF was found "
                    + "(RFC 9112 §2.2).";
            case INVALID_REQUEST_LINE -> "The request line must be 'METHOD SP target SP HTTP/1.1' (or HTTP/1.0) "
                    + "with a token method and a target of visible ASCII characters (RFC 9112 §3).";
            case DUPLICATE_HOST -> "The request has more than one Host field (RFC 9112 §3.2).";
            case URI_TOO_LONG -> "The request target is longer than " + limits.maxTargetBytes() + " bytes.";
            case HEADER_TOO_LARGE -> "The request head (request line and header fields, or the trailer section) is "
                    + "larger than " + limits.maxHeadBytes() + " bytes.";
            case TOO_MANY_HEADERS -> "The request has more than " + limits.maxFieldCount() + " header fields.";
            case HEADER_TIMEOUT -> "The request head did not arrive within " + millis(limits.headerTimeoutNanos())
                    + " ms of its first byte.";
            case BODY_TIMEOUT -> "The request body stalled for more than " + millis(limits.bodyTimeoutNanos())
                    + " ms.";
        };
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}

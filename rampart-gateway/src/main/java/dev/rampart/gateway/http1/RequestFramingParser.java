package dev.rampart.gateway.http1;

import static dev.rampart.gateway.http1.Http1Grammar.CR;
import static dev.rampart.gateway.http1.Http1Grammar.HTAB;
import static dev.rampart.gateway.http1.Http1Grammar.LF;
import static dev.rampart.gateway.http1.Http1Grammar.SP;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;

/**
 * The framing of one connection's request stream, checked byte by byte as it arrives, across
 * buffer boundaries and keep-alive/pipelined requests: request head, then a body delimited by
 * Content-Length or chunked coding, then the next head. It answers where each head ends and
 * whether the stream follows RFC 9112 to the letter; any deviation that lets two parsers disagree
 * on where a request ends is a {@link Violation}.
 *
 * <p>Only the fields that decide framing are interpreted (Content-Length, Transfer-Encoding,
 * Host, Expect), recognised by a rolling match on the name bytes; no String is built. Body bytes
 * are skipped in bulk; the common bytes of a head (target, field names and values) are checked in
 * tight runs over a byte array, and only the bytes that change state go through the state machine
 * one at a time.
 *
 * <p>Not thread-safe: one instance per connection, used on its event loop.
 */
final class RequestFramingParser {

    // Between messages: RFC 9112 §2.2 lets a server skip empty lines before a request line.
    private static final int IDLE = 0;
    private static final int IDLE_LF = 1;
    // The head; every byte from METHOD to SECTION_END_LF counts against maxHeadBytes. The field
    // states also parse the trailer section of a chunked body (inTrailers).
    private static final int METHOD = 2;
    private static final int TARGET = 3;
    private static final int VERSION = 4;
    private static final int REQUEST_LINE_LF = 5;
    private static final int FIELD_START = 6;
    private static final int FIELD_NAME = 7;
    private static final int VALUE_OWS = 8;
    private static final int VALUE = 9;
    private static final int FIELD_LF = 10;
    private static final int SECTION_END_LF = 11;
    // The body (RFC 9112 §6.3, §7.1).
    private static final int FIXED_BODY = 12;
    private static final int CHUNK_SIZE_START = 13;
    private static final int CHUNK_SIZE = 14;
    private static final int EXT_WS = 15;
    private static final int EXT_NAME_START = 16;
    private static final int EXT_NAME = 17;
    private static final int EXT_NAME_WS = 18;
    private static final int EXT_VALUE_START = 19;
    private static final int EXT_QUOTED = 20;
    private static final int EXT_QUOTED_PAIR = 21;
    private static final int EXT_QUOTED_END = 22;
    private static final int CHUNK_LINE_LF = 23;
    private static final int CHUNK_DATA = 24;
    private static final int CHUNK_DATA_CR = 25;
    private static final int CHUNK_DATA_LF = 26;
    private static final int FAILED = 27;

    /** Empty lines skipped before a request line; more is not a client being lenient but noise. */
    private static final int MAX_EMPTY_LINES = 8;

    private static final byte[] HTTP_1_PREFIX = ascii("HTTP/1.");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] HOST = ascii("host");
    private static final byte[] EXPECT = ascii("expect");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CONTINUE = ascii("100-continue");

    // The field whose value is being read.
    private static final int OTHER_FIELD = 0;
    private static final int CONTENT_LENGTH_FIELD = 1;
    private static final int TRANSFER_ENCODING_FIELD = 2;
    private static final int EXPECT_FIELD = 3;

    // Content-Length value progress.
    private static final int CL_EMPTY = 0;
    private static final int CL_DIGITS = 1;
    private static final int CL_TRAILING_WS = 2;

    /** Expect value progress once it can no longer be "100-continue". */
    private static final int EXPECT_OTHER = -1;

    // What process() signals besides its result.
    private static final int STOP_NONE = 0;
    private static final int STOP_HEAD_STARTED = 1;

    /** Where windows of direct buffers are copied for scanning; per event loop, used within one call. */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[2048];
        }
    };

    private final int maxHeadBytes;
    private final int maxFieldCount;
    private final int maxTargetBytes;
    private final int maxChunkLineBytes;

    private int state = IDLE;
    private int stop;
    private boolean failedBetweenMessages;
    private Violation violation;
    private int messageStart = -1;
    private long messagesHeaded;
    private long messageIndex;
    private int emptyLines;

    // The message being parsed.
    private int headBytes;
    private int fieldCount;
    private int methodBytes;
    private int targetBytes;
    private int versionIndex;
    private boolean http10;
    private boolean hasContentLength;
    private long contentLength;
    private boolean chunked;
    private boolean hostSeen;
    private boolean expectsContinue;
    private boolean inTrailers;
    private boolean bodyStarted;

    // The field line being parsed.
    private byte[] nameCandidate;
    private int nameLength;
    private int field;
    private int valueProgress;

    // The body.
    private long remaining;
    private long chunkSize;
    private int chunkLineBytes;

    RequestFramingParser(Http1Limits limits) {
        this.maxHeadBytes = limits.maxHeadBytes();
        this.maxFieldCount = limits.maxFieldCount();
        this.maxTargetBytes = limits.maxTargetBytes();
        this.maxChunkLineBytes = limits.maxChunkLineBytes();
    }

    /** Call before the first {@link #parse} of each inbound buffer: {@link #messageStart} is per buffer. */
    void startBuffer() {
        messageStart = -1;
    }

    /**
     * Parses {@code buf[from, to)}; false at the first violation ({@link #violation()}), after
     * which the parser takes nothing more.
     */
    boolean parse(ByteBuf buf, int from, int to) {
        int i = from;
        while (i < to) {
            if (state == FIXED_BODY || state == CHUNK_DATA) {
                i += skipBody(to - i);
                continue;
            }
            // Heads and chunk lines are scanned over a byte[]: the buffer's own array, or a copy of a
            // window of direct memory (a memcpy is far cheaper than bounds-checked reads per byte).
            byte[] bytes;
            int offset;
            int end;
            if (buf.hasArray()) {
                bytes = buf.array();
                offset = buf.arrayOffset();
                end = to;
            } else {
                bytes = SCRATCH.get();
                end = i + Math.min(to - i, bytes.length);
                buf.getBytes(i, bytes, 0, end - i);
                offset = -i;
            }
            int next = scan(bytes, i + offset, end + offset, offset);
            if (next < 0) {
                return false;
            }
            i = next - offset;
        }
        return true;
    }

    /**
     * Runs the state machine over {@code bytes[from, to)}, where {@code bytes[k]} is byte
     * {@code k - offset} of the buffer. Returns the index after the last byte consumed, which is
     * {@code to} unless a body too long for this window is left to {@link #parse}; -1 at a violation.
     * The common bytes of a head (target, field names, field values) are consumed in runs.
     */
    private int scan(byte[] bytes, int from, int to, int offset) {
        int i = from;
        while (i < to) {
            int s = state;
            if (s == FIXED_BODY || s == CHUNK_DATA) {
                i += skipBody(to - i);
                continue;
            }
            if (s >= FIXED_BODY) {
                bodyStarted = true;
            }
            if (s == FIELD_START || s == IDLE) {
                int next = s == FIELD_START ? ordinaryFieldLine(bytes, i, to) : plainRequestLine(bytes, i, to, offset);
                if (next > i) {
                    i = next;
                    continue;
                }
            }
            int run = i;
            if (s == VALUE && field == OTHER_FIELD) {
                while (run < to && Http1Grammar.isFieldValueByte(bytes[run])) {
                    run++;
                }
            } else if (s == FIELD_NAME && nameCandidate == null) {
                while (run < to && Http1Grammar.isTchar(bytes[run])) {
                    run++;
                }
            } else if (s == TARGET) {
                while (run < to && Http1Grammar.isTargetByte(bytes[run])) {
                    run++;
                }
                if (!countTarget(run - i)) {
                    return failedAt(i, offset);
                }
            }
            if (run > i) {
                if (!countHead(run - i)) {
                    return failedAt(i, offset);
                }
                i = run;
                continue;
            }
            if (!process(bytes[i])) {
                return failedAt(i, offset);
            }
            if (stop == STOP_HEAD_STARTED) {
                messageStart = i - offset;
                stop = STOP_NONE;
            }
            i++;
        }
        return i;
    }

    /**
     * Fast path for the common field line: a name that does not decide framing, ':', optional
     * whitespace, a value of valid bytes, CRLF, all within the window and the limits. Returns the
     * index after it, or {@code i} to leave anything else to the state machine, byte by byte.
     */
    private int ordinaryFieldLine(byte[] bytes, int i, int to) {
        if (!Http1Grammar.isTchar(bytes[i])) {
            return i;
        }
        int nameEnd = i + 1;
        while (nameEnd < to && Http1Grammar.isTchar(bytes[nameEnd])) {
            nameEnd++;
        }
        if (nameEnd >= to || bytes[nameEnd] != ':' || (!inTrailers && isFramingName(bytes, i, nameEnd))) {
            return i;
        }
        int valueEnd = nameEnd + 1;
        while (valueEnd < to && Http1Grammar.isFieldValueByte(bytes[valueEnd])) {
            valueEnd++;
        }
        if (valueEnd + 1 >= to || bytes[valueEnd] != CR || bytes[valueEnd + 1] != LF) {
            return i;
        }
        int lineBytes = valueEnd + 2 - i;
        if (fieldCount >= maxFieldCount || lineBytes > maxHeadBytes - headBytes) {
            return i;
        }
        fieldCount++;
        headBytes += lineBytes;
        return valueEnd + 2;
    }

    private static boolean isFramingName(byte[] bytes, int from, int to) {
        byte[] name = candidateFor(Http1Grammar.lower(bytes[from]));
        if (name == null || name.length != to - from) {
            return false;
        }
        for (int k = 1; k < name.length; k++) {
            if (Http1Grammar.lower(bytes[from + k]) != name[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fast path for a whole request line ({@code METHOD SP target SP HTTP/1.x CRLF}) within the
     * window and the limits; returns the index after it, or {@code i} to leave it to the state
     * machine (which also skips empty lines and reports what is wrong).
     */
    private int plainRequestLine(byte[] bytes, int i, int to, int offset) {
        int methodEnd = i;
        while (methodEnd < to && Http1Grammar.isTchar(bytes[methodEnd])) {
            methodEnd++;
        }
        int methodLength = methodEnd - i;
        if (methodLength == 0 || methodLength > Http1Limits.MAX_METHOD_BYTES || methodEnd >= to || bytes[methodEnd] != SP) {
            return i;
        }
        int targetEnd = methodEnd + 1;
        while (targetEnd < to && Http1Grammar.isTargetByte(bytes[targetEnd])) {
            targetEnd++;
        }
        int targetLength = targetEnd - methodEnd - 1;
        int lineEnd = targetEnd + 1 + HTTP_1_PREFIX.length + 3; // SP "HTTP/1." digit CR LF
        if (targetLength == 0 || targetLength > maxTargetBytes || lineEnd > to || lineEnd - i > maxHeadBytes
                || bytes[targetEnd] != SP) {
            return i;
        }
        int v = targetEnd + 1;
        for (int k = 0; k < HTTP_1_PREFIX.length; k++) {
            if (bytes[v + k] != HTTP_1_PREFIX[k]) {
                return i;
            }
        }
        byte minor = bytes[v + HTTP_1_PREFIX.length];
        if ((minor != '0' && minor != '1') || bytes[lineEnd - 2] != CR || bytes[lineEnd - 1] != LF) {
            return i;
        }
        beginMessage();
        messageStart = i - offset;
        http10 = minor == '0';
        methodBytes = methodLength;
        targetBytes = targetLength;
        headBytes = lineEnd - i;
        state = FIELD_START;
        return lineEnd;
    }

    /** Skips body bytes in bulk; returns how many of {@code available} it took. */
    private int skipBody(int available) {
        bodyStarted = true;
        int n = (int) Math.min(remaining, available);
        remaining -= n;
        if (remaining == 0) {
            if (state == FIXED_BODY) {
                endMessage();
            } else {
                state = CHUNK_DATA_CR;
            }
        }
        return n;
    }

    private boolean countHead(int n) {
        headBytes += n;
        return headBytes <= maxHeadBytes || fail(Violation.HEADER_TOO_LARGE);
    }

    /** A run of target bytes; the limit crossed first decides between 431 and 414. */
    private boolean countTarget(int n) {
        int headRoom = maxHeadBytes - headBytes;
        int targetRoom = maxTargetBytes - targetBytes;
        if (n > targetRoom && targetRoom < headRoom) {
            return fail(Violation.URI_TOO_LONG);
        }
        targetBytes += n;
        return true;
    }

    private int failedAt(int index, int offset) {
        if (failedBetweenMessages) {
            // The offending bytes open a message of their own.
            messageStart = index - offset;
            messageIndex = messagesHeaded;
        }
        return -1;
    }

    /** Why {@link #parse} returned false. */
    Violation violation() {
        return violation;
    }

    /**
     * Index, in the buffer being parsed, of the first byte of the latest message that started in it
     * (after a violation: of the offending message); -1 when that message started in an earlier
     * buffer.
     */
    int messageStart() {
        return messageStart;
    }

    /** Position of the current (or offending) message on the connection: 0 for the first request. */
    long messageIndex() {
        return messageIndex;
    }

    /** Inside a request head, after its first byte. */
    boolean inHead() {
        return state >= METHOD && state <= SECTION_END_LF && !inTrailers;
    }

    /** Inside a request body, trailers included. */
    boolean inBody() {
        return state != FAILED && (state >= FIXED_BODY || inTrailers);
    }

    /** The head announced a body of which no byte has arrived yet. */
    boolean awaitingBody() {
        return inBody() && !bodyStarted;
    }

    /** The current HTTP/1.1 request carries {@code Expect: 100-continue} (RFC 9110 §10.1.1). */
    boolean expectsContinue() {
        return expectsContinue;
    }

    /** One byte through the state machine; false at a violation. */
    private boolean process(byte b) {
        int s = state;
        if (s >= METHOD && s <= SECTION_END_LF && ++headBytes > maxHeadBytes) {
            return fail(Violation.HEADER_TOO_LARGE);
        }
        if (s >= CHUNK_SIZE && s <= EXT_QUOTED_END && ++chunkLineBytes > maxChunkLineBytes) {
            return fail(Violation.INVALID_CHUNK);
        }
        switch (s) {
            case IDLE:
                if (Http1Grammar.isTchar(b)) {
                    beginMessage();
                    stop = STOP_HEAD_STARTED;
                    return true;
                }
                if (b == CR && ++emptyLines <= MAX_EMPTY_LINES) {
                    state = IDLE_LF;
                    return true;
                }
                return fail(b == LF ? Violation.INVALID_LINE_ENDING : Violation.INVALID_REQUEST_LINE);
            case IDLE_LF:
                return expectLf(b, IDLE, Violation.INVALID_LINE_ENDING);
            case METHOD:
                if (Http1Grammar.isTchar(b)) {
                    return ++methodBytes <= Http1Limits.MAX_METHOD_BYTES || fail(Violation.INVALID_REQUEST_LINE);
                }
                if (b == SP) {
                    state = TARGET;
                    return true;
                }
                return fail(Violation.INVALID_REQUEST_LINE);
            case TARGET:
                if (Http1Grammar.isTargetByte(b)) {
                    return ++targetBytes <= maxTargetBytes || fail(Violation.URI_TOO_LONG);
                }
                if (b == SP && targetBytes > 0) {
                    state = VERSION;
                    return true;
                }
                return fail(Violation.INVALID_REQUEST_LINE);
            case VERSION:
                return version(b);
            case REQUEST_LINE_LF:
                return expectLf(b, FIELD_START, Violation.INVALID_LINE_ENDING);
            case FIELD_START:
                return fieldStart(b);
            case FIELD_NAME:
                return fieldName(b);
            case VALUE_OWS:
                if (Http1Grammar.isWhitespace(b)) {
                    return true;
                }
                state = VALUE;
                return value(b);
            case VALUE:
                return value(b);
            case FIELD_LF:
                return expectLf(b, FIELD_START, Violation.INVALID_LINE_ENDING);
            case SECTION_END_LF:
                if (b != LF) {
                    return fail(Violation.INVALID_LINE_ENDING);
                }
                if (inTrailers) {
                    endMessage();
                    return true;
                }
                return endHead();
            default:
                return chunked(s, b);
        }
    }

    private boolean chunked(int s, byte b) {
        switch (s) {
            case CHUNK_SIZE_START: {
                int digit = Http1Grammar.hexValue(b);
                if (digit < 0) {
                    return fail(Violation.INVALID_CHUNK);
                }
                chunkSize = digit;
                chunkLineBytes = 1;
                state = CHUNK_SIZE;
                return true;
            }
            case CHUNK_SIZE: {
                int digit = Http1Grammar.hexValue(b);
                if (digit >= 0) {
                    // RFC 9112 §7.1: guard against overflow; Netty's decoder holds chunk sizes in an int.
                    chunkSize = (chunkSize << 4) | digit;
                    return chunkSize <= Integer.MAX_VALUE || fail(Violation.INVALID_CHUNK);
                }
                return afterChunkLineElement(b);
            }
            case EXT_WS:
                // Whitespace (BWS) in a chunk line may only lead to the next ';'.
                if (Http1Grammar.isWhitespace(b)) {
                    return true;
                }
                return b == ';' ? to(EXT_NAME_START) : fail(Violation.INVALID_CHUNK);
            case EXT_NAME_START:
                if (Http1Grammar.isWhitespace(b)) {
                    return true;
                }
                return Http1Grammar.isTchar(b) ? to(EXT_NAME) : fail(Violation.INVALID_CHUNK);
            case EXT_NAME:
                if (Http1Grammar.isTchar(b)) {
                    return true;
                }
                if (b == '=') {
                    return to(EXT_VALUE_START);
                }
                if (Http1Grammar.isWhitespace(b)) {
                    return to(EXT_NAME_WS);
                }
                return afterChunkLineElement(b);
            case EXT_NAME_WS:
                if (Http1Grammar.isWhitespace(b)) {
                    return true;
                }
                if (b == '=') {
                    return to(EXT_VALUE_START);
                }
                return b == ';' ? to(EXT_NAME_START) : fail(Violation.INVALID_CHUNK);
            case EXT_VALUE_START:
                // RFC 9112 §7.1.1 allows a token or a quoted string, but the decoder behind this one
                // (Netty 4.2.12's HttpChunkLineValidatingByteProcessor) refuses every unquoted value:
                // its token state takes ';' as a token byte and can never end (netty/netty#16579).
                // Refusing here too answers with a 400 instead of a dropped connection.
                if (Http1Grammar.isWhitespace(b)) {
                    return true;
                }
                return b == '"' ? to(EXT_QUOTED) : fail(Violation.INVALID_CHUNK);
            case EXT_QUOTED:
                if (b == '"') {
                    return to(EXT_QUOTED_END);
                }
                if (b == '\\') {
                    return to(EXT_QUOTED_PAIR);
                }
                return Http1Grammar.isQdtext(b) || fail(Violation.INVALID_CHUNK);
            case EXT_QUOTED_PAIR:
                return Http1Grammar.isQuotedPairByte(b) ? to(EXT_QUOTED) : fail(Violation.INVALID_CHUNK);
            case EXT_QUOTED_END:
                return afterChunkLineElement(b);
            case CHUNK_LINE_LF:
                if (b != LF) {
                    return fail(Violation.INVALID_CHUNK);
                }
                if (chunkSize == 0) {
                    // The last chunk: a trailer section follows, parsed like header fields.
                    inTrailers = true;
                    fieldCount = 0;
                    state = FIELD_START;
                    return true;
                }
                remaining = chunkSize;
                state = CHUNK_DATA;
                return true;
            case CHUNK_DATA_CR:
                return b == CR ? to(CHUNK_DATA_LF) : fail(Violation.INVALID_CHUNK);
            case CHUNK_DATA_LF:
                return expectLf(b, CHUNK_SIZE_START, Violation.INVALID_CHUNK);
            default:
                return false;
        }
    }

    /** After a chunk size, extension name or extension value: whitespace, ';' or the line's CR. */
    private boolean afterChunkLineElement(byte b) {
        if (b == ';') {
            return to(EXT_NAME_START);
        }
        if (b == CR) {
            return to(CHUNK_LINE_LF);
        }
        if (Http1Grammar.isWhitespace(b)) {
            return to(EXT_WS);
        }
        return fail(Violation.INVALID_CHUNK);
    }

    private boolean version(byte b) {
        int i = versionIndex++;
        if (i < HTTP_1_PREFIX.length) {
            return b == HTTP_1_PREFIX[i] || fail(Violation.INVALID_REQUEST_LINE);
        }
        if (i == HTTP_1_PREFIX.length) {
            http10 = b == '0';
            return b == '0' || b == '1' || fail(Violation.INVALID_REQUEST_LINE);
        }
        if (b == CR) {
            return to(REQUEST_LINE_LF);
        }
        return fail(b == LF ? Violation.INVALID_LINE_ENDING : Violation.INVALID_REQUEST_LINE);
    }

    private boolean fieldStart(byte b) {
        if (Http1Grammar.isTchar(b)) {
            if (++fieldCount > maxFieldCount) {
                return fail(Violation.TOO_MANY_HEADERS);
            }
            nameCandidate = inTrailers ? null : candidateFor(Http1Grammar.lower(b));
            nameLength = 1;
            state = FIELD_NAME;
            return true;
        }
        if (b == CR) {
            return to(SECTION_END_LF);
        }
        if (Http1Grammar.isWhitespace(b)) {
            // obs-fold (RFC 9112 §5.2), or whitespace before the first field (§2.2): both rejected.
            return fail(Violation.OBS_FOLD);
        }
        return fail(b == LF ? Violation.INVALID_LINE_ENDING : Violation.INVALID_HEADER);
    }

    private static byte[] candidateFor(int first) {
        return switch (first) {
            case 'c' -> CONTENT_LENGTH;
            case 't' -> TRANSFER_ENCODING;
            case 'h' -> HOST;
            case 'e' -> EXPECT;
            default -> null;
        };
    }

    private boolean fieldName(byte b) {
        if (Http1Grammar.isTchar(b)) {
            byte[] candidate = nameCandidate;
            if (candidate != null && (nameLength >= candidate.length || Http1Grammar.lower(b) != candidate[nameLength])) {
                nameCandidate = null;
            }
            nameLength++;
            return true;
        }
        if (b == ':') {
            return beginValue();
        }
        // Includes whitespace between name and colon, which RFC 9112 §5.1 requires rejecting: some
        // parsers drop it and see "Transfer-Encoding", others keep it and see an unknown field.
        return fail(Violation.INVALID_HEADER);
    }

    private boolean beginValue() {
        field = OTHER_FIELD;
        byte[] name = nameCandidate;
        if (name != null && nameLength == name.length) {
            if (name == CONTENT_LENGTH) {
                if (hasContentLength) {
                    return fail(Violation.DUPLICATE_CONTENT_LENGTH);
                }
                if (chunked) {
                    return fail(Violation.SMUGGLING_CL_TE);
                }
                hasContentLength = true;
                field = CONTENT_LENGTH_FIELD;
                valueProgress = CL_EMPTY;
            } else if (name == TRANSFER_ENCODING) {
                if (http10 || chunked) {
                    // HTTP/1.0 has no chunked coding (RFC 9112 §6.1); a second field is a TE.TE attempt.
                    return fail(Violation.INVALID_TRANSFER_ENCODING);
                }
                if (hasContentLength) {
                    return fail(Violation.SMUGGLING_CL_TE);
                }
                chunked = true;
                field = TRANSFER_ENCODING_FIELD;
                valueProgress = 0;
            } else if (name == HOST) {
                if (hostSeen) {
                    return fail(Violation.DUPLICATE_HOST);
                }
                hostSeen = true;
            } else {
                field = EXPECT_FIELD;
                valueProgress = 0;
            }
        }
        state = VALUE_OWS;
        return true;
    }

    private boolean value(byte b) {
        if (b == CR) {
            state = FIELD_LF;
            return field == OTHER_FIELD || endValue();
        }
        if (!Http1Grammar.isFieldValueByte(b)) {
            return fail(b == LF ? Violation.INVALID_LINE_ENDING : Violation.INVALID_HEADER);
        }
        return switch (field) {
            case OTHER_FIELD -> true;
            case CONTENT_LENGTH_FIELD -> contentLengthByte(b);
            case TRANSFER_ENCODING_FIELD -> transferEncodingByte(b);
            default -> expectByte(b);
        };
    }

    /** {@code Content-Length = 1*DIGIT} (RFC 9110 §8.6); leading whitespace was skipped as OWS. */
    private boolean contentLengthByte(byte b) {
        if (b >= '0' && b <= '9') {
            int digit = b - '0';
            if (valueProgress == CL_TRAILING_WS || contentLength > (Long.MAX_VALUE - digit) / 10) {
                return fail(Violation.INVALID_CONTENT_LENGTH);
            }
            contentLength = contentLength * 10 + digit;
            valueProgress = CL_DIGITS;
            return true;
        }
        if (b == ',') {
            // "5, 5": a list, which some parsers fold into one value and others refuse (RFC 9112 §6.3).
            return fail(Violation.DUPLICATE_CONTENT_LENGTH);
        }
        if (Http1Grammar.isWhitespace(b)) {
            valueProgress = CL_TRAILING_WS;
            return true;
        }
        return fail(Violation.INVALID_CONTENT_LENGTH);
    }

    /** Exactly {@code chunked}, case-insensitively (RFC 9112 §7), with nothing before or after but OWS. */
    private boolean transferEncodingByte(byte b) {
        int i = valueProgress;
        if (i < CHUNKED.length) {
            if (Http1Grammar.lower(b) != CHUNKED[i]) {
                return fail(Violation.INVALID_TRANSFER_ENCODING);
            }
            valueProgress = i + 1;
            return true;
        }
        return Http1Grammar.isWhitespace(b) || fail(Violation.INVALID_TRANSFER_ENCODING);
    }

    private boolean expectByte(byte b) {
        int i = valueProgress;
        if (i == EXPECT_OTHER) {
            return true;
        }
        if (i < CONTINUE.length) {
            valueProgress = Http1Grammar.lower(b) == CONTINUE[i] ? i + 1 : EXPECT_OTHER;
        } else if (!Http1Grammar.isWhitespace(b)) {
            valueProgress = EXPECT_OTHER;
        }
        return true;
    }

    private boolean endValue() {
        switch (field) {
            case CONTENT_LENGTH_FIELD:
                return valueProgress != CL_EMPTY || fail(Violation.INVALID_CONTENT_LENGTH);
            case TRANSFER_ENCODING_FIELD:
                return valueProgress >= CHUNKED.length || fail(Violation.INVALID_TRANSFER_ENCODING);
            default:
                // Only HTTP/1.1 clients wait for 100 Continue; Rampart sends it to no one else.
                expectsContinue = !http10 && valueProgress == CONTINUE.length;
                return true;
        }
    }

    private void beginMessage() {
        state = METHOD;
        messageIndex = messagesHeaded;
        headBytes = 1;
        methodBytes = 1;
        targetBytes = 0;
        versionIndex = 0;
        fieldCount = 0;
        http10 = false;
        hasContentLength = false;
        contentLength = 0;
        chunked = false;
        hostSeen = false;
        expectsContinue = false;
        inTrailers = false;
        bodyStarted = false;
    }

    private boolean endHead() {
        messagesHeaded++;
        if (chunked) {
            chunkLineBytes = 0;
            state = CHUNK_SIZE_START;
            return true;
        }
        if (contentLength > 0) {
            remaining = contentLength;
            state = FIXED_BODY;
            return true;
        }
        // RFC 9112 §6.3: a request with neither Content-Length nor Transfer-Encoding has no body.
        endMessage();
        return true;
    }

    private void endMessage() {
        state = IDLE;
        inTrailers = false;
        emptyLines = 0;
    }

    private boolean expectLf(byte b, int next, Violation otherwise) {
        if (b == LF) {
            state = next;
            return true;
        }
        return fail(otherwise);
    }

    private boolean to(int next) {
        state = next;
        return true;
    }

    private boolean fail(Violation v) {
        failedBetweenMessages = state <= IDLE_LF;
        violation = v;
        state = FAILED;
        return false;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

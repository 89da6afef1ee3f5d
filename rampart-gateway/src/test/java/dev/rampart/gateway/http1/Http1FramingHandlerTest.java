package dev.rampart.gateway.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.HttpLimitsConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The framing validator on its own, in a Netty {@link EmbeddedChannel} with a frozen clock. */
class Http1FramingHandlerTest {

    private static final String GET = "GET /a HTTP/1.1\r\nHost: api.example\r\n\r\n";
    private static final String POST_CL = "POST /orders HTTP/1.1\r\nHost: api.example\r\nContent-Length: 5\r\n\r\nhello";
    private static final String POST_CHUNKED = "POST /upload HTTP/1.1\r\nHost: api.example\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + "5;name=\"value\";flag;q=\"a \\\"quoted\\\" ext\"\r\nhello\r\n"
            + "6 ; bws = \"x\"\r\n world\r\n"
            + "0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n";

    private final List<StrictHttp1.Rejection> rejections = new ArrayList<>();
    private EmbeddedChannel channel;

    @AfterEach
    void releaseEverything() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private EmbeddedChannel open(HttpLimitsConfig limits) {
        Http1FramingHandler framing = new Http1FramingHandler(Http1Limits.from(limits), rejections::add);
        channel = new EmbeddedChannel(framing, framing.responseTracker());
        channel.freezeTime();
        return channel;
    }

    private EmbeddedChannel open() {
        return open(HttpLimitsConfig.defaults());
    }

    private static HttpLimitsConfig limits(int maxHeaderSize, int maxHeaderCount, int maxUriLength) {
        return new HttpLimitsConfig(DataSize.ofBytes(maxHeaderSize), maxHeaderCount, DataSize.ofBytes(maxUriLength),
                null, null, null, null);
    }

    /** Sends each piece as one read; like a socket, a closed connection takes nothing more. */
    private void send(String... pieces) {
        for (String piece : pieces) {
            if (!channel.isOpen()) {
                return;
            }
            channel.writeInbound(Unpooled.copiedBuffer(piece, StandardCharsets.ISO_8859_1));
        }
    }

    private void sendByteByByte(String s) {
        for (int i = 0; i < s.length(); i++) {
            send(s.substring(i, i + 1));
        }
    }

    /** Everything passed on to the decoder so far, as one string. */
    private String forwarded() {
        StringBuilder sb = new StringBuilder();
        for (Object m; (m = channel.readInbound()) != null; ) {
            ByteBuf buf = (ByteBuf) m;
            sb.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return sb.toString();
    }

    /** The raw responses the validator wrote, as one string; messages written by "Vert.x" are dropped. */
    private String written() {
        StringBuilder sb = new StringBuilder();
        for (Object m; (m = channel.readOutbound()) != null; ) {
            if (m instanceof ByteBuf buf) {
                sb.append(buf.toString(StandardCharsets.ISO_8859_1));
            }
            ReferenceCountUtil.release(m);
        }
        return sb.toString();
    }

    private void elapse(Duration d) {
        channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    private void assertRejected(int status, String code) {
        String response = written();
        assertThat(response).startsWith("HTTP/1.1 " + status + " ");
        assertThat(response).contains("\r\nContent-Type: application/problem+json\r\n",
                "\r\nCache-Control: no-store\r\n", "\r\nX-Content-Type-Options: nosniff\r\n",
                "\r\nConnection: close\r\n");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(response).as("one char per byte").contains("\r\nContent-Length: " + body.length() + "\r\n");
        assertThat(body).contains("\"status\":" + status, "\"code\":\"" + code + "\"");
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.code()).isEqualTo(code);
            assertThat(response).contains("\r\nX-Request-Id: " + r.requestId() + "\r\n");
            assertThat(body).contains("\"request_id\":\"" + r.requestId() + "\"");
        });
        assertThat(channel.isOpen()).as("connection closed after the rejection").isFalse();
    }

    private void assertPassedThrough(String expected) {
        assertThat(forwarded()).isEqualTo(expected);
        assertThat(rejections).isEmpty();
        assertThat(written()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    // ---- valid streams -----------------------------------------------------------------------

    @Nested
    class ValidRequests {

        @Test
        void passesAKeepAliveSequenceOfThreeContentLengthRequestsUnchanged() {
            open();
            send(POST_CL);
            send(GET);
            send(POST_CL);
            assertPassedThrough(POST_CL + GET + POST_CL);
        }

        @Test
        void passesAChunkedBodyWithExtensionsAndTrailers() {
            open();
            send(POST_CHUNKED);
            assertPassedThrough(POST_CHUNKED);
        }

        @Test
        void passesPipelinedRequestsInOneBuffer() {
            open();
            send(GET + POST_CHUNKED + POST_CL + GET);
            assertPassedThrough(GET + POST_CHUNKED + POST_CL + GET);
        }

        @Test
        void holdsAHeadSplitByteByByteUntilItsLastByte() {
            open();
            String head = GET;
            for (int i = 0; i < head.length() - 1; i++) {
                send(head.substring(i, i + 1));
                assertThat(forwarded()).as("after %d bytes", i + 1).isEmpty();
            }
            send(head.substring(head.length() - 1));
            assertPassedThrough(head);
        }

        @Test
        void passesEveryRequestKindSplitByteByByte() {
            open();
            String stream = POST_CHUNKED + POST_CL + GET;
            sendByteByByte(stream);
            assertPassedThrough(stream);
        }

        @Test
        void passesAPipelinedStreamSplitInTwoAtEveryIndex() {
            String stream = GET + POST_CHUNKED + POST_CL;
            for (int split = 1; split < stream.length(); split++) {
                rejections.clear();
                open();
                send(stream.substring(0, split), stream.substring(split));
                assertThat(forwarded()).as("split at %d", split).isEqualTo(stream);
                assertThat(rejections).as("split at %d", split).isEmpty();
                channel.finishAndReleaseAll();
            }
        }

        @Test
        void passesBodyBytesAsTheyArriveWithoutWaitingForTheWholeBody() {
            open();
            send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nhel");
            assertThat(forwarded()).endsWith("\r\n\r\nhel");
            send("lo");
            assertThat(forwarded()).isEqualTo("lo");
        }

        @Test
        void acceptsCaseInsensitiveFramingFieldsAndOptionalWhitespace() {
            open();
            String request = "POST / HTTP/1.1\r\nhost: a\r\ncontent-length:\t 3 \t\r\n\r\nabc"
                    + "POST / HTTP/1.1\r\nHOST: a\r\nTRANSFER-ENCODING:  Chunked \r\n\r\n3\r\nabc\r\n0\r\n\r\n";
            send(request);
            assertPassedThrough(request);
        }

        @Test
        void acceptsHttp10WithContentLengthAndLeadingZeros() {
            open();
            String request = "POST /legacy HTTP/1.0\r\nContent-Length: 003\r\n\r\nabc";
            send(request);
            assertPassedThrough(request);
        }

        @Test
        void skipsEmptyLinesBeforeARequest() {
            open();
            String stream = POST_CL + "\r\n" + GET + "\r\n".repeat(8) + GET;
            send(stream);
            assertPassedThrough(stream);
        }

        @Test
        void acceptsOtherRequestTargetFormsAndObsTextInValues() {
            open();
            String stream = "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET http://a.example/x?y=1 HTTP/1.1\r\nHost: a.example\r\nX-Name: caf\u00e9\r\n\r\n";
            send(stream);
            assertPassedThrough(stream);
        }

        @Test
        void acceptsEmptyHeaderValuesAndAMissingHost() {
            open();
            String request = "GET / HTTP/1.1\r\nX-Empty:\r\nX-Spaces:   \r\n\r\n";
            send(request);
            assertPassedThrough(request);
        }
    }

    // ---- violations --------------------------------------------------------------------------

    static Stream<Arguments> violations() {
        String post = "POST / HTTP/1.1\r\nHost: a\r\n";
        String chunked = post + "Transfer-Encoding: chunked\r\n\r\n";
        return Stream.of(
                // CL.TE and TE.CL (RFC 9112 §6.1)
                Arguments.of("CL then TE", post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        400, "smuggling-cl-te"),
                Arguments.of("TE then CL", post + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n5c\r\n",
                        400, "smuggling-cl-te"),
                // Content-Length (RFC 9112 §6.3)
                Arguments.of("two equal CL", post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
                        400, "duplicate-content-length"),
                Arguments.of("two different CL", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                        400, "duplicate-content-length"),
                Arguments.of("CL list", post + "Content-Length: 5, 5\r\n\r\nhello", 400, "duplicate-content-length"),
                Arguments.of("negative CL", post + "Content-Length: -5\r\n\r\n", 400, "invalid-content-length"),
                Arguments.of("signed CL", post + "Content-Length: +5\r\n\r\nhello", 400, "invalid-content-length"),
                Arguments.of("hex CL", post + "Content-Length: 0x5\r\n\r\nhello", 400, "invalid-content-length"),
                Arguments.of("CL with letters", post + "Content-Length: 5a\r\n\r\nhello", 400, "invalid-content-length"),
                Arguments.of("two numbers in CL", post + "Content-Length: 5 5\r\n\r\nhello", 400,
                        "invalid-content-length"),
                Arguments.of("empty CL", post + "Content-Length:\r\n\r\n", 400, "invalid-content-length"),
                Arguments.of("overflowing CL", post + "Content-Length: 99999999999999999999\r\n\r\n", 400,
                        "invalid-content-length"),
                // Transfer-Encoding (RFC 9112 §6.1, §7; TE.TE)
                Arguments.of("chunked then identity", post + "Transfer-Encoding: chunked, identity\r\n\r\n", 400,
                        "invalid-transfer-encoding"),
                Arguments.of("identity", post + "Transfer-Encoding: identity\r\n\r\n", 400, "invalid-transfer-encoding"),
                Arguments.of("xchunked", post + "Transfer-Encoding: xchunked\r\n\r\n", 400, "invalid-transfer-encoding"),
                Arguments.of("chunked prefix", post + "Transfer-Encoding: chunk\r\n\r\n", 400,
                        "invalid-transfer-encoding"),
                Arguments.of("gzip before chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n", 400,
                        "invalid-transfer-encoding"),
                Arguments.of("trailing comma", post + "Transfer-Encoding: chunked,\r\n\r\n", 400,
                        "invalid-transfer-encoding"),
                Arguments.of("quoted chunked", post + "Transfer-Encoding: \"chunked\"\r\n\r\n", 400,
                        "invalid-transfer-encoding"),
                Arguments.of("duplicate TE", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                        400, "invalid-transfer-encoding"),
                Arguments.of("TE on HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
                        "invalid-transfer-encoding"),
                Arguments.of("empty TE folded", post + "Transfer-Encoding:\r\n chunked\r\n\r\n", 400,
                        "invalid-transfer-encoding"),
                Arguments.of("vertical tab before chunked", post + "Transfer-Encoding:\u000bchunked\r\n\r\n", 400,
                        "invalid-header"),
                Arguments.of("space before colon", post + "Transfer-Encoding : chunked\r\n\r\n", 400, "invalid-header"),
                Arguments.of("tab before colon", post + "Transfer-Encoding\t: chunked\r\n\r\n", 400, "invalid-header"),
                Arguments.of("folded TE line", post + "X-A: 1\r\n Transfer-Encoding: chunked\r\n\r\n", 400, "obs-fold"),
                // obs-fold and field syntax (RFC 9112 §5)
                Arguments.of("obs-fold with space", post + "X-A: 1\r\n 2\r\n\r\n", 400, "obs-fold"),
                Arguments.of("obs-fold with tab", post + "X-A: 1\r\n\t2\r\n\r\n", 400, "obs-fold"),
                Arguments.of("whitespace before first field", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400, "obs-fold"),
                Arguments.of("NUL in value", "GET / HTTP/1.1\r\nX-A: a\u0000b\r\n\r\n", 400, "invalid-header"),
                Arguments.of("DEL in value", "GET / HTTP/1.1\r\nX-A: a\u007fb\r\n\r\n", 400, "invalid-header"),
                Arguments.of("non-token name", "GET / HTTP/1.1\r\nX(A): 1\r\n\r\n", 400, "invalid-header"),
                Arguments.of("empty name", "GET / HTTP/1.1\r\n: 1\r\n\r\n", 400, "invalid-header"),
                Arguments.of("field without colon", "GET / HTTP/1.1\r\nHost\r\n\r\n", 400, "invalid-header"),
                Arguments.of("duplicate Host", "GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400, "duplicate-host"),
                // line endings (RFC 9112 §2.2)
                Arguments.of("bare LF after request line", "GET / HTTP/1.1\nHost: a\r\n\r\n", 400,
                        "invalid-line-ending"),
                Arguments.of("bare LF after field", "GET / HTTP/1.1\r\nHost: a\n\r\n", 400, "invalid-line-ending"),
                Arguments.of("bare LF ending the head", "GET / HTTP/1.1\r\nHost: a\r\n\n", 400, "invalid-line-ending"),
                Arguments.of("bare CR in field", "GET / HTTP/1.1\r\nHost: a\rX-B: 1\r\n\r\n", 400,
                        "invalid-line-ending"),
                Arguments.of("bare LF before request", "\nGET / HTTP/1.1\r\n\r\n", 400, "invalid-line-ending"),
                // request line (RFC 9112 §3)
                Arguments.of("non-token method", "GE(T / HTTP/1.1\r\n\r\n", 400, "invalid-request-line"),
                Arguments.of("double space", "GET  / HTTP/1.1\r\n\r\n", 400, "invalid-request-line"),
                Arguments.of("HTTP/0.9", "GET /\r\n\r\n", 400, "invalid-request-line"),
                Arguments.of("unknown version", "GET / HTTP/1.2\r\n\r\n", 400, "invalid-request-line"),
                Arguments.of("lower-case version", "GET / http/1.1\r\n\r\n", 400, "invalid-request-line"),
                Arguments.of("trailing space", "GET / HTTP/1.1 \r\n\r\n", 400, "invalid-request-line"),
                Arguments.of("leading space", " GET / HTTP/1.1\r\n\r\n", 400, "invalid-request-line"),
                Arguments.of("NUL in target", "GET /a\u0000b HTTP/1.1\r\n\r\n", 400, "invalid-request-line"),
                Arguments.of("tab in target", "GET /a\tb HTTP/1.1\r\n\r\n", 400, "invalid-request-line"),
                Arguments.of("raw non-ASCII in target", "GET /caf\u00e9 HTTP/1.1\r\n\r\n", 400, "invalid-request-line"),
                Arguments.of("h2c prior-knowledge preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400,
                        "invalid-request-line"),
                Arguments.of("overlong method", "A".repeat(33) + " / HTTP/1.1\r\n\r\n", 400, "invalid-request-line"),
                // chunked coding (RFC 9112 §7.1)
                Arguments.of("non-hex chunk size", chunked + "zz\r\nhello\r\n0\r\n\r\n", 400, "invalid-chunk"),
                Arguments.of("signed chunk size", chunked + "-5\r\nhello\r\n0\r\n\r\n", 400, "invalid-chunk"),
                Arguments.of("0x chunk size", chunked + "0x5\r\nhello\r\n0\r\n\r\n", 400, "invalid-chunk"),
                Arguments.of("overflowing chunk size", chunked + "fffffffffffffffff1\r\nhello\r\n0\r\n\r\n", 400,
                        "invalid-chunk"),
                Arguments.of("chunk size over 2^31", chunked + "80000000\r\nhello\r\n", 400, "invalid-chunk"),
                Arguments.of("empty chunk size", chunked + "\r\nhello\r\n", 400, "invalid-chunk"),
                Arguments.of("space after chunk size", chunked + "5 \r\nhello\r\n0\r\n\r\n", 400, "invalid-chunk"),
                Arguments.of("data longer than chunk", chunked + "5\r\nhelloX\r\n0\r\n\r\n", 400, "invalid-chunk"),
                Arguments.of("LF after chunk data", chunked + "5\r\nhello\n0\r\n\r\n", 400, "invalid-chunk"),
                Arguments.of("bare LF after chunk size", chunked + "5\nhello\r\n0\r\n\r\n", 400, "invalid-chunk"),
                Arguments.of("empty extension", chunked + "5;\r\nhello\r\n0\r\n\r\n", 400, "invalid-chunk"),
                Arguments.of("extension without name", chunked + "5;=x\r\nhello\r\n0\r\n\r\n", 400, "invalid-chunk"),
                Arguments.of("extension with empty value", chunked + "5;a=\r\nhello\r\n0\r\n\r\n", 400,
                        "invalid-chunk"),
                Arguments.of("unquoted extension value", chunked + "5;a=b\r\nhello\r\n0\r\n\r\n", 400,
                        "invalid-chunk"),
                Arguments.of("unquoted extension value before another", chunked + "5;a=b;c\r\nhello\r\n0\r\n\r\n",
                        400, "invalid-chunk"),
                Arguments.of("unterminated quoted extension", chunked + "5;a=\"b\r\nhello\r\n0\r\n\r\n", 400,
                        "invalid-chunk"),
                Arguments.of("bare LF in extension", chunked + "5;a=b\nhello\r\n0\r\n\r\n", 400, "invalid-chunk"),
                Arguments.of("NUL in extension", chunked + "5;a\u0000\r\nhello\r\n0\r\n\r\n", 400, "invalid-chunk"),
                Arguments.of("overlong chunk line", chunked + "5;a=" + "b".repeat(5000) + "\r\nhello\r\n", 400,
                        "invalid-chunk"),
                Arguments.of("folded trailer", chunked + "0\r\nX-A: 1\r\n 2\r\n\r\n", 400, "obs-fold"),
                Arguments.of("bare LF in trailer", chunked + "0\r\nX-A: 1\n\r\n", 400, "invalid-line-ending"),
                Arguments.of("bad trailer name", chunked + "0\r\nX A: 1\r\n\r\n", 400, "invalid-header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void refusesMalformedFramingWithoutPassingAnythingOn(String name, String request, int status, String code) {
        open();
        send(request);
        assertThat(forwarded()).isEmpty();
        assertRejected(status, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void refusesMalformedFramingSplitByteByByte(String name, String request, int status, String code) {
        open();
        sendByteByByte(request);
        // Body bytes after a valid head pass as they are checked; a head never passes incomplete.
        String passed = forwarded();
        assertThat(request).startsWith(passed);
        assertThat(passed.isEmpty() || passed.length() >= request.indexOf("\r\n\r\n") + 4).isTrue();
        assertRejected(status, code);
    }

    @Test
    void refusesATargetLongerThanTheUriLimitWith414() {
        open(limits(1024, 10, 64));
        send("GET /" + "a".repeat(64) + " HTTP/1.1\r\n\r\n");
        assertThat(forwarded()).isEmpty();
        assertRejected(414, "uri-too-long");
    }

    @Test
    void acceptsATargetOfExactlyTheUriLimit() {
        open(limits(1024, 10, 64));
        String request = "GET /" + "a".repeat(63) + " HTTP/1.1\r\n\r\n";
        send(request);
        assertPassedThrough(request);
    }

    @Test
    void refusesAHeadLargerThanTheHeaderSizeWith431BeforeItsEnd() {
        open(limits(256, 100, 64));
        send("GET / HTTP/1.1\r\nX-Big: " + "a".repeat(300));
        assertThat(forwarded()).isEmpty();
        assertRejected(431, "header-too-large");
    }

    @Test
    void acceptsAHeadOfExactlyTheHeaderSize() {
        String head = "GET / HTTP/1.1\r\nX-A: 1\r\n\r\n";
        open(limits(head.length(), 100, 64));
        send(head);
        assertPassedThrough(head);
    }

    @Test
    void refusesMoreHeaderFieldsThanTheLimitWith431() {
        open(limits(4096, 3, 64));
        send("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n");
        assertThat(forwarded()).isEmpty();
        assertRejected(431, "too-many-headers");
    }

    @Test
    void countsTrailersAgainstTheHeadSize() {
        String head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        open(limits(head.length() + 20, 100, 64));
        send(head + "0\r\nX-Trailer: " + "a".repeat(30) + "\r\n\r\n");
        assertThat(forwarded()).isEmpty();
        assertRejected(431, "header-too-large");
    }

    @Test
    void refusesABadChunkMidBodyAfterPassingTheValidPart() {
        open();
        String valid = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";
        send(valid);
        assertThat(forwarded()).isEqualTo(valid);
        send("3\r\nabc\r\nzz\r\n");
        assertThat(forwarded()).isEmpty();
        assertRejected(400, "invalid-chunk");
    }

    @Test
    void dropsAHeldHeadWhoseBodyTurnsOutMalformedInTheReadThatCompletesIt() {
        open();
        send("POST / HTTP/1.1\r\nTransfer-", "Encoding: chunked\r\n\r\nzz\r\n");
        assertThat(forwarded()).isEmpty();
        assertRejected(400, "invalid-chunk");
    }

    @Test
    void passesTheValidRequestsBeforeAMalformedOneInTheSameBuffer() {
        open();
        send(GET + POST_CL + "GET / HTTP/1.1\r\nHost: a\r\n 1\r\n\r\n" + GET);
        assertThat(forwarded()).isEqualTo(GET + POST_CL);
        assertThat(rejections).singleElement().extracting(StrictHttp1.Rejection::code).isEqualTo("obs-fold");
    }

    @Test
    void answersAPipelinedRejectionOnlyAfterTheEarlierResponsesAreComplete() {
        open();
        send(GET + "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
        assertThat(forwarded()).isEqualTo(GET);
        assertThat(written()).as("the first request is not answered yet").isEmpty();
        assertThat(channel.isOpen()).isTrue();

        channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        assertThat(written()).as("the first response is still being written").isEmpty();
        channel.writeOutbound(new io.netty.handler.codec.http.DefaultLastHttpContent());
        assertRejected(400, "duplicate-host");
    }

    @Test
    void closesWithoutASecondResponseWhenTheRequestIsAlreadyBeingAnswered() {
        open();
        send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        forwarded();
        channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        send("zz\r\n");
        assertThat(written()).isEmpty();
        assertThat(channel.isOpen()).isFalse();
        assertThat(rejections).singleElement().extracting(StrictHttp1.Rejection::code).isEqualTo("invalid-chunk");
    }

    @Test
    void discardsWhatArrivesWhileARejectionWaitsForItsTurn() {
        open();
        send(GET + "GET / HTTP/1.1\r\nX: a\u0000\r\n\r\n");
        assertThat(forwarded()).isEqualTo(GET);
        ByteBuf late = Unpooled.copiedBuffer(GET, StandardCharsets.US_ASCII);
        channel.writeInbound(late);
        assertThat(late.refCnt()).isZero();
        assertThat(forwarded()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void refusesMoreThanAFewEmptyLinesBeforeARequest() {
        open();
        send("\r\n".repeat(9) + GET);
        assertThat(forwarded()).as("only harmless empty lines went on").isEqualTo("\r\n".repeat(8));
        assertRejected(400, "invalid-request-line");
    }

    @Test
    void reportsTheRejectionOnceWithThePeerAddress() {
        open();
        send("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n");
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.remoteAddress()).isEqualTo(channel.remoteAddress().toString());
            assertThat(r.requestId()).hasSize(26);
        });
    }

    // ---- slowloris ---------------------------------------------------------------------------

    @Nested
    class ReadTimeouts {

        private final HttpLimitsConfig limits = new HttpLimitsConfig(null, null, null, null,
                Duration.ofSeconds(10), Duration.ofSeconds(30), null);

        @Test
        void answers408WhenTheHeadIsNotCompleteWithinTheHeaderTimeout() {
            open(limits);
            send("GET / HTTP/1.1\r\nHost: a");
            elapse(Duration.ofSeconds(9));
            assertThat(rejections).isEmpty();
            elapse(Duration.ofSeconds(1));
            assertThat(forwarded()).isEmpty();
            assertRejected(408, "header-timeout");
        }

        @Test
        void measuresTheHeaderTimeoutFromTheFirstByteHoweverSteadyTheTrickle() {
            open(limits);
            for (int i = 0; i < 10; i++) {
                send("X");
                elapse(Duration.ofMillis(900));
            }
            assertThat(rejections).isEmpty();
            send("X");
            elapse(Duration.ofMillis(1000));
            assertRejected(408, "header-timeout");
        }

        @Test
        void startsAFreshHeaderTimeoutForEachRequest() {
            open(limits);
            send("GET / HTTP/1.1\r\n");
            elapse(Duration.ofSeconds(8));
            send("\r\n");
            channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
            written();
            send("GET / HTTP/1.1\r\n");
            elapse(Duration.ofSeconds(8));
            assertThat(rejections).isEmpty();
            elapse(Duration.ofSeconds(2));
            assertRejected(408, "header-timeout");
        }

        @Test
        void doesNotTimeAnIdleConnectionBetweenRequests() {
            open(limits);
            send(POST_CL);
            elapse(Duration.ofHours(1));
            assertThat(rejections).isEmpty();
            assertThat(channel.isOpen()).isTrue();
        }

        @Test
        void answers408WhenTheBodyPausesLongerThanTheBodyTimeout() {
            open(limits);
            send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
            elapse(Duration.ofSeconds(29));
            send("def");
            elapse(Duration.ofSeconds(29));
            assertThat(rejections).as("each piece restarts the allowed pause").isEmpty();
            elapse(Duration.ofSeconds(1));
            assertRejected(408, "body-timeout");
        }

        @Test
        void answers408WhenAChunkedBodyStallsInAChunkLine() {
            open(limits);
            send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5");
            elapse(Duration.ofSeconds(30));
            assertRejected(408, "body-timeout");
        }

        @Test
        void doesNotChargeTheClientWhileTheGatewayHasStoppedReading() {
            open(limits);
            send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
            // Vert.x turns autoRead off during read-complete when a paused request has queued enough.
            channel.config().setAutoRead(false);
            channel.pipeline().fireChannelReadComplete();
            elapse(Duration.ofMinutes(5));
            assertThat(rejections).isEmpty();

            channel.config().setAutoRead(true);
            elapse(Duration.ofSeconds(29));
            assertThat(rejections).isEmpty();
            elapse(Duration.ofSeconds(1));
            assertRejected(408, "body-timeout");
        }

        @Test
        void doesNotChargeAPausedGatewayToAHeadEither() {
            open(limits);
            send("GET / HTTP/1.1\r\n");
            elapse(Duration.ofSeconds(5));
            channel.config().setAutoRead(false);
            channel.pipeline().fireChannelReadComplete();
            elapse(Duration.ofMinutes(1));
            channel.config().setAutoRead(true);
            elapse(Duration.ofSeconds(4));
            assertThat(rejections).isEmpty();
            elapse(Duration.ofSeconds(1));
            assertRejected(408, "header-timeout");
        }

        @Test
        void waitsForTheGatewaysContinueBeforeTimingAnExpectingBody() {
            open(limits);
            send("PUT / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 5\r\n\r\n");
            elapse(Duration.ofMinutes(2));
            assertThat(rejections).as("the client rightly waits for 100 Continue").isEmpty();

            channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            written();
            elapse(Duration.ofSeconds(29));
            assertThat(rejections).isEmpty();
            elapse(Duration.ofSeconds(1));
            assertRejected(408, "body-timeout");
        }

        @Test
        void timesABodyAtOnceWhenExpectIsNotContinue() {
            open(limits);
            send("PUT / HTTP/1.1\r\nExpect: 100-continued\r\nContent-Length: 5\r\n\r\n");
            elapse(Duration.ofSeconds(30));
            assertRejected(408, "body-timeout");
        }

        @Test
        void closesWithoutA408WhenTheStalledRequestIsAlreadyBeingAnswered() {
            open(limits);
            send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
            channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
            elapse(Duration.ofSeconds(30));
            assertThat(written()).isEmpty();
            assertThat(channel.isOpen()).isFalse();
            assertThat(rejections).singleElement().extracting(StrictHttp1.Rejection::code).isEqualTo("body-timeout");
        }
    }
}

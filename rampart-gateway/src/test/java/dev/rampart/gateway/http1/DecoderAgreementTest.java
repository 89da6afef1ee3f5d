package dev.rampart.gateway.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.HttpLimitsConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator in front of the decoder Vert.x really uses, configured by
 * {@link StrictHttp1#applyLimits}: whatever the validator lets through, the decoder must decode
 * without error, up to every limit. Otherwise a client would get a dropped connection from the
 * decoder instead of the validator's answer.
 */
class DecoderAgreementTest {

    private static final HttpLimitsConfig LIMITS = new HttpLimitsConfig(DataSize.ofBytes(1024), 10,
            DataSize.ofBytes(100), null, null, null, null);

    static Stream<Arguments> acceptedStreams() {
        String method32 = "M".repeat(Http1Limits.MAX_METHOD_BYTES);
        String target100 = "/" + "t".repeat(99);
        String fullHead = fill("GET / HTTP/1.1\r\nX-Fill: ", "\r\n\r\n", 1024);
        String chunkedHead = "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        int chunkLine = Http1Limits.from(LIMITS).maxChunkLineBytes();
        String longExtension = "5;e=\"" + "q".repeat(chunkLine - 8) + "\"";
        String trailersToTheLimit = fill(chunkedHead + "0\r\nX-T: ", "\r\n\r\n", 1024 + "0\r\n".length());
        StringBuilder tenFields = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 10; i++) {
            tenFields.append("F").append(i).append(": v\r\n");
        }
        return Stream.of(
                Arguments.of("longest method and target", method32 + " " + target100 + " HTTP/1.1\r\n\r\n", 1),
                Arguments.of("head of exactly the size limit", fullHead, 1),
                Arguments.of("exactly the field limit", tenFields + "\r\n", 1),
                Arguments.of("trailers up to the head budget", trailersToTheLimit, 1),
                Arguments.of("longest chunk line", chunkedHead + longExtension + "\r\nhello\r\n0\r\n\r\n", 1),
                Arguments.of("extension forms", chunkedHead + "5;a;b=\"c\\\"d\";e=\"\";g\r\nhello\r\n"
                        + "3 ; x = \"y\"\r\nabc\r\n2;k=\t\"v w\"\t;w\r\nhi\r\n0;last\r\n\r\n", 1),
                Arguments.of("framing fields in any case with OWS", "POST / HTTP/1.1\r\ncontent-LENGTH: \t007 \r\n\r\n"
                        + "abcdefgPOST / HTTP/1.1\r\ntransfer-encoding:\tCHUNKED\t\r\n\r\n1\r\nz\r\n0\r\n\r\n", 2),
                Arguments.of("empty lines between requests", "GET / HTTP/1.1\r\n\r\n" + "\r\n".repeat(8)
                        + "GET / HTTP/1.1\r\n\r\n", 2),
                Arguments.of("HTTP/1.0 with a body", "PUT /x HTTP/1.0\r\nContent-Length: 2\r\n\r\nok", 1),
                Arguments.of("request target forms", "OPTIONS * HTTP/1.1\r\n\r\nGET http://h.example:8080/p?q=1 HTTP/1.1"
                        + "\r\n\r\nGET /%7Euser/a;b=c?x=%20&y=!$'()*+,;= HTTP/1.1\r\n\r\n", 3),
                Arguments.of("unusual but valid values", "GET / HTTP/1.1\r\nX-Empty:\r\nX-Obs-Text: caf\u00e9\r\n"
                        + "X-Quote: \"a\\\"b\"\r\nExpect: 100-continue\r\n\r\n", 1));
    }

    private static String fill(String prefix, String suffix, int length) {
        return prefix + "f".repeat(length - prefix.length() - suffix.length()) + suffix;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedStreams")
    void theDecoderDecodesEverythingTheValidatorPasses(String name, String stream, int requests) {
        HttpServerOptions options = new HttpServerOptions();
        StrictHttp1.applyLimits(options, LIMITS);
        List<StrictHttp1.Rejection> rejections = new ArrayList<>();
        Http1FramingHandler framing = new Http1FramingHandler(Http1Limits.from(LIMITS), rejections::add);
        EmbeddedChannel channel = new EmbeddedChannel(framing, new VertxHttpRequestDecoder(options));
        try {
            // Byte by byte as well as whole, so that the decoder also sees heads and chunk lines
            // exactly as the validator releases them.
            channel.writeInbound(Unpooled.copiedBuffer(stream, StandardCharsets.ISO_8859_1));
            for (int i = 0; i < stream.length(); i++) {
                channel.writeInbound(Unpooled.copiedBuffer(stream.substring(i, i + 1), StandardCharsets.ISO_8859_1));
            }
            assertThat(rejections).isEmpty();
            int heads = 0;
            int ends = 0;
            for (Object m; (m = channel.readInbound()) != null; ) {
                try {
                    assertThat(((DecoderResultProvider) m).decoderResult().isSuccess())
                            .as("decoded %s: %s", m.getClass().getSimpleName(),
                                    ((DecoderResultProvider) m).decoderResult())
                            .isTrue();
                    heads += m instanceof HttpRequest ? 1 : 0;
                    ends += m instanceof LastHttpContent ? 1 : 0;
                } finally {
                    ReferenceCountUtil.release(m);
                }
            }
            assertThat(heads).isEqualTo(2 * requests);
            assertThat(ends).isEqualTo(2 * requests);
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}

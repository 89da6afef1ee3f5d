package dev.rampart.gateway.http1;

import dev.rampart.core.config.HttpLimitsConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the strict HTTP/1.1 framing validator costs per request, next to Netty's request decoder,
 * which decodes the same bytes on every connection anyway. Each operation is one whole request
 * arriving in one read on a keep-alive connection, in a direct buffer as Netty's socket reads
 * deliver it:
 * <ul>
 *   <li>{@code validatorParser}: {@link RequestFramingParser} alone, the state machine;</li>
 *   <li>{@code validatorHandler}: {@link Http1FramingHandler} in a pipeline (parser, read clock,
 *       passing the buffer on);</li>
 *   <li>{@code nettyDecoder}: Netty's {@code HttpRequestDecoder} as Vert.x subclasses and
 *       configures it ({@link StrictHttp1#applyLimits}), producing request head and contents;</li>
 *   <li>{@code validatorThenDecoder}: both, as the listener's pipeline runs them. Minus
 *       {@code nettyDecoder}, this is what the validator adds to a request.</li>
 * </ul>
 * The pipelines are Netty {@link EmbeddedChannel}s, driven the way a socket read drives a real
 * one ({@code channelRead}, then {@code channelReadComplete}); the two pipeline benchmarks pay
 * the same harness cost. This class lives in the validator's package because the validator is
 * package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class Http1FramingBenchmark {

    /** The requests measured; each is valid, so every operation takes the accepting path. */
    public enum Request {
        /** A browser's API call: 500 bytes of head, no body. */
        GET_500B(browserGet(), 0),
        /** A JSON POST framed by Content-Length, 1 KiB body. */
        POST_CONTENT_LENGTH_1KB(contentLengthPost(), 1024),
        /** The same 1 KiB body in three chunks, with a chunk extension and a trailer field. */
        POST_CHUNKED_3_CHUNKS(chunkedPost(), 1024);

        final byte[] bytes;
        final int bodyBytes;

        Request(String text, int bodyBytes) {
            this.bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            this.bodyBytes = bodyBytes;
        }
    }

    @Param
    public Request request;

    private final List<StrictHttp1.Rejection> rejections = new ArrayList<>();
    private ByteBuf bytes;
    private RequestFramingParser parser;
    private EmbeddedChannel validator;
    private EmbeddedChannel decoder;
    private EmbeddedChannel validatorThenDecoder;

    @Setup
    public void setUp() {
        HttpLimitsConfig config = HttpLimitsConfig.defaults();
        Http1Limits limits = Http1Limits.from(config);
        HttpServerOptions options = new HttpServerOptions();
        StrictHttp1.applyLimits(options, config);

        bytes = Unpooled.directBuffer(request.bytes.length).writeBytes(request.bytes);
        parser = new RequestFramingParser(limits);

        Http1FramingHandler alone = new Http1FramingHandler(limits, rejections::add);
        validator = new EmbeddedChannel(alone, alone.responseTracker());
        decoder = new EmbeddedChannel(new VertxHttpRequestDecoder(options));
        Http1FramingHandler framing = new Http1FramingHandler(limits, rejections::add);
        validatorThenDecoder = new EmbeddedChannel(framing, new VertxHttpRequestDecoder(options),
                framing.responseTracker());

        checkParserAccepts();
        checkPassedThrough(validator);
        checkDecoded(decoder);
        checkDecoded(validatorThenDecoder);
    }

    @TearDown
    public void tearDown() {
        // A rejection would have closed a connection and left the rest of the run measuring nothing.
        if (!rejections.isEmpty() || !validator.isOpen() || !validatorThenDecoder.isOpen()) {
            throw new IllegalStateException(request + " was rejected during the run: " + rejections);
        }
        validator.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
        validatorThenDecoder.finishAndReleaseAll();
        bytes.release();
    }

    @Benchmark
    public boolean validatorParser() {
        parser.startBuffer();
        return parser.parse(bytes, bytes.readerIndex(), bytes.writerIndex());
    }

    @Benchmark
    public int validatorHandler(Blackhole bh) {
        return read(validator, bh);
    }

    @Benchmark
    public int nettyDecoder(Blackhole bh) {
        return read(decoder, bh);
    }

    @Benchmark
    public int validatorThenDecoder(Blackhole bh) {
        return read(validatorThenDecoder, bh);
    }

    /** One socket read of the whole request; returns how many messages came out of the pipeline. */
    private int read(EmbeddedChannel channel, Blackhole bh) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.fireChannelRead(bytes.retainedDuplicate());
        pipeline.fireChannelReadComplete();
        int messages = 0;
        for (Object m; (m = channel.readInbound()) != null; messages++) {
            bh.consume(m);
            ReferenceCountUtil.release(m);
        }
        return messages;
    }

    // ---- checks that each benchmark measures the accepting path -------------------------------

    private void checkParserAccepts() {
        parser.startBuffer();
        if (!parser.parse(bytes, 0, bytes.writerIndex()) || parser.messageStart() != 0 || parser.inHead()
                || parser.inBody()) {
            throw new IllegalStateException("the validator does not accept " + request + " as one whole request: "
                    + parser.violation());
        }
    }

    private void checkPassedThrough(EmbeddedChannel channel) {
        channel.pipeline().fireChannelRead(bytes.retainedDuplicate());
        channel.pipeline().fireChannelReadComplete();
        ByteBuf passed = Unpooled.buffer();
        for (Object m; (m = channel.readInbound()) != null; ) {
            passed.writeBytes((ByteBuf) m);
            ReferenceCountUtil.release(m);
        }
        boolean unchanged = passed.equals(bytes);
        passed.release();
        if (!unchanged || !rejections.isEmpty()) {
            throw new IllegalStateException("the validator did not pass " + request + " on unchanged: " + rejections);
        }
    }

    private void checkDecoded(EmbeddedChannel channel) {
        channel.pipeline().fireChannelRead(bytes.retainedDuplicate());
        channel.pipeline().fireChannelReadComplete();
        int heads = 0;
        int ends = 0;
        int bodyBytes = 0;
        for (Object m; (m = channel.readInbound()) != null; ) {
            try {
                if (!((DecoderResultProvider) m).decoderResult().isSuccess()) {
                    throw new IllegalStateException("the decoder failed on " + request + ": "
                            + ((DecoderResultProvider) m).decoderResult());
                }
                heads += m instanceof HttpRequest ? 1 : 0;
                ends += m instanceof LastHttpContent ? 1 : 0;
                bodyBytes += m instanceof HttpContent c ? c.content().readableBytes() : 0;
            } finally {
                ReferenceCountUtil.release(m);
            }
        }
        if (heads != 1 || ends != 1 || bodyBytes != request.bodyBytes || !rejections.isEmpty()) {
            throw new IllegalStateException("expected " + request + " decoded as one request with a "
                    + request.bodyBytes + "-byte body, got " + heads + " heads, " + ends + " ends, " + bodyBytes
                    + " body bytes; rejections " + rejections);
        }
    }

    // ---- the requests --------------------------------------------------------------------------

    private static String browserGet() {
        String head = "GET /api/v1/orders?status=open&page=2 HTTP/1.1\r\n"
                + "Host: api.example.com\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36\r\n"
                + "Accept: application/json, text/plain, */*\r\n"
                + "Accept-Language: en-US,en;q=0.9\r\n"
                + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
                + "Origin: https://app.example.com\r\n"
                + "Referer: https://app.example.com/orders\r\n"
                + "Sec-Fetch-Dest: empty\r\n"
                + "Sec-Fetch-Mode: cors\r\n"
                + "Sec-Fetch-Site: same-site\r\n"
                + "Connection: keep-alive\r\n"
                + "Cookie: session=";
        String end = "\r\n\r\n";
        // A session cookie fills the head to exactly 500 bytes.
        return head + "s".repeat(500 - head.length() - end.length()) + end;
    }

    private static String contentLengthPost() {
        return "POST /api/v1/orders HTTP/1.1\r\n"
                + "Host: api.example.com\r\n"
                + "User-Agent: orders-client/2.3\r\n"
                + "Accept: application/json\r\n"
                + "Authorization: Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJvcmRlcnMtY2xpZW50In0.c2lnbmF0dXJl\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: 1024\r\n"
                + "\r\n"
                + jsonBody(1024);
    }

    private static String chunkedPost() {
        String body = jsonBody(1024);
        return "POST /api/v1/orders HTTP/1.1\r\n"
                + "Host: api.example.com\r\n"
                + "User-Agent: orders-client/2.3\r\n"
                + "Accept: application/json\r\n"
                + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "Trailer: X-Checksum\r\n"
                + "\r\n"
                + "190\r\n" + body.substring(0, 400) + "\r\n"
                + "190;part=\"2\"\r\n" + body.substring(400, 800) + "\r\n"
                + "e0\r\n" + body.substring(800) + "\r\n"
                + "0\r\n"
                + "X-Checksum: sha256-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\r\n"
                + "\r\n";
    }

    /** A JSON object of exactly {@code length} bytes. */
    private static String jsonBody(int length) {
        StringBuilder sb = new StringBuilder("{\"customer\":\"c-1042\",\"items\":[");
        for (int i = 0; sb.length() < length - 80; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(1000 + i).append("\",\"qty\":").append(i % 5 + 1)
                    .append('}');
        }
        sb.append("],\"note\":\"");
        String end = "\"}";
        sb.append("n".repeat(length - sb.length() - end.length())).append(end);
        return sb.toString();
    }
}

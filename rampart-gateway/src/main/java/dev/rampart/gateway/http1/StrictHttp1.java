package dev.rampart.gateway.http1;

import dev.rampart.core.config.HttpLimitsConfig;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerConnection;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strict HTTP/1.x message framing for a client-facing Vert.x listener: see the package
 * documentation for what it defends against.
 *
 * <pre>{@code
 * HttpServerOptions options = new HttpServerOptions().setPort(8080);
 * StrictHttp1.applyLimits(options, limits);
 * HttpServer server = vertx.createHttpServer(options);
 * StrictHttp1.install(server, limits, rejection -> metrics.count(rejection.code()));
 * server.requestHandler(proxy).listen();
 * }</pre>
 */
public final class StrictHttp1 {

    private static final Logger log = LoggerFactory.getLogger(StrictHttp1.class);

    /** Name of the validator in the channel pipeline. */
    static final String VALIDATOR_NAME = "rampart-http1-framing";

    /** Name of the response tracker in the channel pipeline. */
    static final String TRACKER_NAME = "rampart-http1-responses";

    /** Name of the handler that drops what reaches a connection refused as unguardable. */
    private static final String DISCARD_NAME = "rampart-http1-discard";

    /** Name Vert.x gives the handler that upgrades a cleartext HTTP/1.1 connection to h2c. */
    private static final String VERTX_H2C_UPGRADE_HANDLER = "h2c";

    private StrictHttp1() {
    }

    /**
     * A request refused while its framing was checked, before routing.
     *
     * @param status the HTTP status answered (400, 408, 414 or 431)
     * @param code the stable error code, as in the problem body
     * @param remoteAddress the peer's IP address (the TCP peer, not X-Forwarded-For)
     * @param requestId the request id of the problem body
     */
    public record Rejection(int status, String code, String remoteAddress, String requestId) {
    }

    /**
     * Sets the limits of Vert.x's HTTP decoders from {@code limits}, so that they never refuse what
     * the validator lets through, and turns cleartext HTTP/2 off: Vert.x creates the HTTP/1.x
     * connection of an h2c-capable listener only after decoding the first request, too late for
     * the validator to see it.
     *
     * <p>Netty's {@code maxChunkSize} and decoder initial buffer size are left as they are: they
     * only size the pieces a body is handed on in and the decoder's first scratch buffer.
     *
     * @throws IllegalArgumentException when a limit is not positive
     */
    public static void applyLimits(HttpServerOptions options, HttpLimitsConfig limits) {
        Http1Limits l = Http1Limits.from(limits);
        options.setMaxInitialLineLength(l.decoderMaxInitialLineLength())
                .setMaxHeaderSize(l.decoderMaxHeaderSize())
                .setHttp2ClearTextEnabled(false);
        // The same head budget for HTTP/2 over TLS (SETTINGS_MAX_HEADER_LIST_SIZE, RFC 9113 §6.5.2).
        if (options.getInitialSettings() != null) {
            options.getInitialSettings().setMaxHeaderListSize(l.decoderMaxHeaderSize());
        }
    }

    /**
     * Puts the framing validator on every HTTP/1.x connection of {@code server}. Call before
     * {@code listen()}; this takes the server's connection handler. HTTP/2 connections negotiated
     * through ALPN are left alone: HTTP/2 frames carry their own lengths.
     *
     * @param onReject told of each refused request, on the connection's event loop; it must not block
     * @throws IllegalArgumentException when a limit is not positive
     */
    public static void install(HttpServer server, HttpLimitsConfig limits, Consumer<Rejection> onReject) {
        install(server, limits, onReject, connection -> true);
    }

    /**
     * As {@link #install(HttpServer, HttpLimitsConfig, Consumer)}, first asking {@code admit}
     * whether the connection may be served at all (a banned peer): a refused one is closed before
     * a byte of it is parsed. A server has one connection handler, so admission shares this one.
     */
    public static void install(HttpServer server, HttpLimitsConfig limits, Consumer<Rejection> onReject,
            Predicate<HttpConnection> admit) {
        Objects.requireNonNull(onReject, "onReject");
        Objects.requireNonNull(admit, "admit");
        Http1Limits l = Http1Limits.from(limits);
        server.connectionHandler(connection -> {
            if (!admit.test(connection)) {
                connection.close();
                return;
            }
            attach(connection, l, onReject);
        });
    }

    /**
     * Why the connection handler is early enough: Vert.x 5 sets a connection up in Netty's
     * child-channel initializer, on the channel's event loop, before the channel's first read.
     * {@code NetServerImpl} adds its {@code VertxHandler}, whose {@code handlerAdded} hands the new
     * socket to the HTTP server through {@code ContextBase.emit} (inline when already on the
     * context's event loop); {@code HttpServerConnectionInitializer} then adds the HTTP decoder and,
     * in {@code configureHttp1Handler}, calls the connection handler inline. With TLS the same chain
     * runs from the handshake-completion listener, before {@code SslHandler} passes on the first
     * decrypted byte. So when this runs, the decoder has not seen a byte. The checks below fail
     * closed if a Vert.x change ever breaks that: a connection that cannot be guarded is closed.
     */
    static void attach(HttpConnection connection, Http1Limits limits, Consumer<Rejection> onReject) {
        if (!(connection instanceof HttpServerConnection server)) {
            log.error("closing a connection that strict HTTP/1.x framing cannot guard: {} is not a Vert.x server "
                    + "connection", connection.getClass().getName());
            connection.close();
            return;
        }
        ChannelHandlerContext vertxHandler = server.channelHandlerContext();
        ChannelPipeline pipeline = vertxHandler.pipeline();
        ChannelHandlerContext decoder = pipeline.context(HttpRequestDecoder.class);
        if (decoder == null) {
            if (pipeline.get(Http2ConnectionHandler.class) == null) {
                refuse(vertxHandler, "its pipeline has neither an HTTP/1.x decoder nor an HTTP/2 handler");
            }
            return;
        }
        if (!vertxHandler.executor().inEventLoop()) {
            refuse(vertxHandler, "the connection handler does not run on the connection's event loop");
            return;
        }
        if (pipeline.get(VERTX_H2C_UPGRADE_HANDLER) != null) {
            refuse(vertxHandler, "h2c is enabled, so its first request was decoded already; use applyLimits");
            return;
        }
        Http1FramingHandler framing = new Http1FramingHandler(limits, onReject);
        pipeline.addBefore(decoder.name(), VALIDATOR_NAME, framing);
        pipeline.addBefore(vertxHandler.name(), TRACKER_NAME, framing.responseTracker());
    }

    /** Closes the connection, and makes sure nothing already decoded on it reaches Vert.x's handler. */
    private static void refuse(ChannelHandlerContext vertxHandler, String why) {
        log.error("closing a connection that strict HTTP/1.x framing cannot guard: {}", why);
        vertxHandler.pipeline().addBefore(vertxHandler.name(), DISCARD_NAME, DiscardInbound.INSTANCE);
        vertxHandler.channel().close();
    }

    /** Drops every inbound message of a connection being closed unguarded. */
    @ChannelHandler.Sharable
    private static final class DiscardInbound extends ChannelInboundHandlerAdapter {

        static final DiscardInbound INSTANCE = new DiscardInbound();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}

package dev.rampart.bench.floor;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Experiment, not product code: the CPU floor of a lean HTTP/1.1 reverse proxy written directly on
 * Netty 4.2, to compare with nginx and Rampart's pass-through (issue 2). One event loop per core,
 * the upstream connection opened on the client connection's own event loop, a per-loop keep-alive
 * pool of upstream channels, HttpServerCodec/HttpClientCodec without aggregation, message objects
 * passed through, one flush per message or read burst.
 *
 * <p>Usage: {@code java -cp rampart-bench/target/benchmarks.jar dev.rampart.bench.floor.NettyProxyFloor
 * --port 18097 --upstream 127.0.0.1:18091 [--extras] [--threads N] [--nio]}. {@code --extras} adds
 * what Rampart does per request regardless of guards: a request id header, a W3C traceparent and a
 * route lookup by path prefix, so their cost shows.
 *
 * <p>Left out on purpose (an experiment): idle timeouts, retry of an idempotent request on a pooled
 * connection the upstream closed at the same moment, Upgrade/WebSocket (the Upgrade header is
 * hop-by-hop and removed), HTTP/2, TLS.
 */
public final class NettyProxyFloor {

    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
    private static final AsciiString TRACEPARENT = AsciiString.cached("traceparent");
    private static final AsciiString HTTP = AsciiString.cached("http");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    private static final int MAX_IDLE_PER_LOOP = 256;

    private NettyProxyFloor() {
    }

    public static void main(String[] args) throws Exception {
        int port = 18097;
        String upstream = "127.0.0.1:18091";
        boolean extras = false;
        boolean nio = false;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--upstream" -> upstream = args[++i];
                case "--extras" -> extras = true;
                case "--nio" -> nio = true;
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        boolean epoll = !nio && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("floor-loop"), io);
        Class<? extends ServerChannel> serverType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Class<? extends Channel> clientType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;

        int colon = upstream.lastIndexOf(':');
        InetSocketAddress upAddr = new InetSocketAddress(upstream.substring(0, colon), Integer.parseInt(upstream.substring(colon + 1)));
        Bootstrap upTemplate = new Bootstrap().channel(clientType).remoteAddress(upAddr)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
        Pool pool = new Pool(upTemplate);
        // With --extras, routes as a gateway config would have them; all lead to the one upstream here.
        Router router = extras ? new Router(List.of(
                new Route("admin", "/admin/", pool), new Route("api-v2", "/api/v2/", pool), new Route("api", "/api/", pool),
                new Route("static", "/static/", pool), new Route("health", "/healthz", pool), new Route("app", "/", pool))) : null;

        boolean extrasOn = extras;
        ServerBootstrap sb = new ServerBootstrap().group(group).channel(serverType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new Frontend(pool, router, extrasOn));
                    }
                });
        Channel server = sb.bind("127.0.0.1", port).sync().channel();
        System.out.println("NettyProxyFloor on 127.0.0.1:" + port + " -> " + upstream + ", " + threads + " loops, "
                + (epoll ? "epoll" : "nio") + (extras ? ", extras (request id, traceparent, route lookup)" : ""));
        server.closeFuture().sync();
    }

    /** Removes the hop-by-hop headers (RFC 9110 §7.6.1), including those the Connection header names. */
    static void stripHopByHop(HttpHeaders h) {
        String connection = h.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            for (String token : connection.split(",")) {
                String t = token.trim();
                if (!t.isEmpty()) {
                    h.remove(t);
                }
            }
            h.remove(HttpHeaderNames.CONNECTION);
        }
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove(PROXY_CONNECTION);
        h.remove(HttpHeaderNames.TE);
        h.remove(HttpHeaderNames.TRAILER);
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        h.remove(HttpHeaderNames.UPGRADE);
    }

    record Route(String id, String prefix, Pool pool) {
    }

    /** Longest path prefix wins; the query string is not part of the match. */
    static final class Router {
        private final Route[] routes;

        Router(List<Route> routes) {
            List<Route> sorted = new ArrayList<>(routes);
            sorted.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
            this.routes = sorted.toArray(new Route[0]);
        }

        Route find(String uri) {
            int q = uri.indexOf('?');
            int pathEnd = q < 0 ? uri.length() : q;
            for (Route r : routes) {
                String p = r.prefix();
                if (p.length() <= pathEnd && uri.startsWith(p)) {
                    return r;
                }
            }
            return null;
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static void hex(byte[] out, int at, long v) {
        for (int i = 15; i >= 0; i--) {
            out[at + 15 - i] = HEX[(int) (v >>> (i * 4)) & 0xF];
        }
    }

    /** 32 lowercase hex digits, random. */
    static AsciiString requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] b = new byte[32];
        hex(b, 0, r.nextLong());
        hex(b, 16, r.nextLong());
        return new AsciiString(b, false);
    }

    /** Keeps a valid incoming trace id and flags with a new parent id, or starts a sampled trace. */
    static AsciiString traceparent(String incoming) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] b = new byte[55];
        b[0] = '0';
        b[1] = '0';
        b[2] = '-';
        b[35] = '-';
        b[52] = '-';
        if (validTraceparent(incoming)) {
            for (int i = 3; i < 35; i++) {
                b[i] = (byte) incoming.charAt(i);
            }
            b[53] = (byte) incoming.charAt(53);
            b[54] = (byte) incoming.charAt(54);
        } else {
            hex(b, 3, r.nextLong() | 1L);
            hex(b, 19, r.nextLong());
            b[53] = '0';
            b[54] = '1';
        }
        hex(b, 36, r.nextLong() | 1L);
        return new AsciiString(b, false);
    }

    static boolean validTraceparent(String tp) {
        if (tp == null || tp.length() != 55 || tp.charAt(0) != '0' || tp.charAt(1) != '0'
                || tp.charAt(2) != '-' || tp.charAt(35) != '-' || tp.charAt(52) != '-') {
            return false;
        }
        boolean traceNonZero = false;
        boolean spanNonZero = false;
        for (int i = 3; i < 55; i++) {
            if (i == 35 || i == 52) {
                continue;
            }
            char c = tp.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
            if (c != '0') {
                if (i < 35) {
                    traceNonZero = true;
                } else if (i < 52) {
                    spanNonZero = true;
                }
            }
        }
        return traceNonZero && spanNonZero;
    }

    /** Keep-alive upstream channels of one upstream, per event loop, so a channel is only used by its own loop. */
    static final class Pool {
        private final Bootstrap template;
        private final FastThreadLocal<LoopPool> perLoop = new FastThreadLocal<>() {
            @Override
            protected LoopPool initialValue() {
                return new LoopPool();
            }
        };

        Pool(Bootstrap template) {
            this.template = template;
        }

        private static final class LoopPool {
            final ArrayDeque<Backend> idle = new ArrayDeque<>();
            Bootstrap bootstrap;
        }

        /** Called on the client channel's event loop; the channel returned lives on that loop. */
        Backend acquire(EventLoop loop, Frontend frontend) {
            LoopPool lp = perLoop.get();
            Backend b;
            // Last in, first out: the most recently used connection is the least likely to have timed out.
            while ((b = lp.idle.pollLast()) != null) {
                if (b.channel.isActive()) {
                    b.attach(frontend);
                    return b;
                }
            }
            if (lp.bootstrap == null) {
                lp.bootstrap = template.clone(loop);
            }
            Backend fresh = new Backend(this);
            fresh.attach(frontend);
            Bootstrap bs = lp.bootstrap.clone().handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), fresh);
                }
            });
            bs.connect().addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    fresh.connected();
                } else {
                    fresh.connectFailed();
                }
            });
            return fresh;
        }

        void release(Backend b) {
            LoopPool lp = perLoop.get();
            if (!b.channel.isActive() || lp.idle.size() >= MAX_IDLE_PER_LOOP) {
                b.channel.close();
                return;
            }
            lp.idle.addLast(b);
        }

        void forget(Backend b) {
            perLoop.get().idle.remove(b);
        }
    }

    /** The client side of one connection: requests in, responses out, one exchange at a time. */
    static final class Frontend extends ChannelInboundHandlerAdapter {
        private final Pool defaultPool;
        private final Router router;
        private final boolean extras;
        private Channel client;
        private String clientAddr;
        private Backend backend;
        private boolean exchangeActive;
        private boolean requestDone = true;
        private boolean keepAlive;
        boolean http10;
        boolean head;
        boolean dirty;
        private ArrayDeque<Object> queued;

        Frontend(Pool pool, Router router, boolean extras) {
            this.defaultPool = pool;
            this.router = router;
            this.extras = extras;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            client = ctx.channel();
            clientAddr = ((InetSocketAddress) client.remoteAddress()).getAddress().getHostAddress();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // A pipelined request waits until the current exchange's response is complete.
            if ((exchangeActive && requestDone) || (queued != null && !queued.isEmpty())) {
                if (queued == null) {
                    queued = new ArrayDeque<>();
                }
                queued.add(msg);
                client.config().setAutoRead(false);
                return;
            }
            handle(msg);
        }

        private void handle(Object msg) {
            if (msg instanceof HttpRequest req) {
                if (req.decoderResult().isFailure()) {
                    ReferenceCountUtil.release(msg);
                    sendError(HttpResponseStatus.BAD_REQUEST);
                    return;
                }
                startExchange(req);
            }
            if (msg instanceof HttpContent c) {
                Backend b = backend;
                if (b == null || requestDone) {
                    // the response came before the whole request body (and the upstream was dropped): discard the rest
                    c.release();
                } else {
                    b.write(c);
                }
                if (msg instanceof LastHttpContent) {
                    requestDone = true;
                    if (b != null) {
                        b.flush();
                    }
                }
            }
        }

        private void startExchange(HttpRequest req) {
            exchangeActive = true;
            requestDone = false;
            keepAlive = HttpUtil.isKeepAlive(req);
            http10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
            head = req.method().equals(HttpMethod.HEAD);
            HttpHeaders h = req.headers();
            boolean chunked = HttpUtil.isTransferEncodingChunked(req);
            stripHopByHop(h);
            if (chunked) {
                h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
            req.setProtocolVersion(HttpVersion.HTTP_1_1);
            String xff = h.get(X_FORWARDED_FOR);
            h.set(X_FORWARDED_FOR, xff == null ? clientAddr : xff + ", " + clientAddr);
            h.set(X_FORWARDED_PROTO, HTTP);
            Pool pool = defaultPool;
            if (extras) {
                Route route = router.find(req.uri());
                if (route == null) {
                    sendError(HttpResponseStatus.NOT_FOUND);
                    return;
                }
                pool = route.pool();
                h.set(X_REQUEST_ID, requestId());
                h.set(TRACEPARENT, traceparent(h.get(TRACEPARENT)));
            }
            backend = pool.acquire(client.eventLoop(), this);
            backend.write(req);
        }

        /** The upstream's response is complete: the upstream goes back to the pool, the next queued request starts. */
        void exchangeFinished(Backend b, boolean upstreamReusable) {
            backend = null;
            exchangeActive = false;
            b.detach();
            if (upstreamReusable && requestDone) {
                b.pool.release(b);
            } else {
                b.channel.close();
            }
            if (!keepAlive) {
                return;
            }
            while (queued != null && !queued.isEmpty() && !(exchangeActive && requestDone) && client.isActive()) {
                handle(queued.poll());
            }
            if (backend != null) {
                backend.flush();
            }
            if (queued == null || queued.isEmpty()) {
                client.config().setAutoRead(true);
            }
        }

        /** The upstream failed before or during the response. */
        void upstreamFailed(Backend b, boolean responseStarted) {
            if (backend != b) {
                return;
            }
            backend = null;
            exchangeActive = false;
            if (responseStarted) {
                client.close();
            } else {
                sendError(HttpResponseStatus.BAD_GATEWAY);
            }
        }

        boolean keepAlive() {
            return keepAlive;
        }

        void noKeepAlive() {
            keepAlive = false;
        }

        Channel client() {
            return client;
        }

        private void sendError(HttpResponseStatus status) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO);
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            client.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (backend != null) {
                backend.flush();
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (backend != null) {
                backend.channel.config().setAutoRead(client.isWritable());
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (backend != null) {
                // a half-read response cannot be reused
                Backend b = backend;
                backend = null;
                b.detach();
                b.channel.close();
            }
            if (queued != null) {
                Object m;
                while ((m = queued.poll()) != null) {
                    ReferenceCountUtil.release(m);
                }
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The upstream side of one pooled connection, attached to one client exchange at a time. */
    static final class Backend extends ChannelInboundHandlerAdapter {
        final Pool pool;
        Channel channel;
        private Frontend frontend;
        private boolean isConnected;
        private ArrayDeque<Object> pending;
        private boolean dirty;
        private boolean responseStarted;
        private boolean informational;
        private boolean reusable;

        Backend(Pool pool) {
            this.pool = pool;
        }

        void attach(Frontend f) {
            frontend = f;
            responseStarted = false;
            informational = false;
        }

        void detach() {
            frontend = null;
            if (channel != null) {
                channel.config().setAutoRead(true);
            }
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            channel.closeFuture().addListener(f -> pool.forget(this));
        }

        void write(Object msg) {
            if (!isConnected) {
                if (pending == null) {
                    pending = new ArrayDeque<>();
                }
                pending.add(msg);
                return;
            }
            channel.write(msg, channel.voidPromise());
            dirty = true;
        }

        void flush() {
            if (isConnected && dirty) {
                dirty = false;
                channel.flush();
            }
        }

        void connected() {
            isConnected = true;
            if (pending != null) {
                Object m;
                while ((m = pending.poll()) != null) {
                    channel.write(m, channel.voidPromise());
                }
                channel.flush();
            }
        }

        void connectFailed() {
            if (pending != null) {
                Object m;
                while ((m = pending.poll()) != null) {
                    ReferenceCountUtil.release(m);
                }
            }
            Frontend f = frontend;
            if (f != null) {
                f.upstreamFailed(this, false);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Frontend f = frontend;
            if (f == null) {
                // nothing was asked of an idle connection
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            Channel client = f.client();
            if (msg instanceof HttpResponse r) {
                if (r.decoderResult().isFailure()) {
                    ReferenceCountUtil.release(msg);
                    ctx.close();
                    return;
                }
                int code = r.status().code();
                informational = code >= 100 && code < 200;
                reusable = HttpUtil.isKeepAlive(r);
                HttpHeaders h = r.headers();
                boolean chunked = HttpUtil.isTransferEncodingChunked(r);
                boolean hasLength = h.contains(HttpHeaderNames.CONTENT_LENGTH);
                stripHopByHop(h);
                r.setProtocolVersion(HttpVersion.HTTP_1_1);
                if (!informational) {
                    boolean bodyAllowed = !f.head && code != 204 && code != 304;
                    if (bodyAllowed && !hasLength) {
                        if (f.http10) {
                            f.noKeepAlive(); // an HTTP/1.0 client knows no chunks: the end of the body is the close
                        } else {
                            h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                        }
                    } else if (chunked && !hasLength) {
                        h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                    }
                    if (!f.keepAlive()) {
                        h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    } else if (f.http10) {
                        h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                    }
                    responseStarted = true;
                }
            }
            if (msg instanceof LastHttpContent) {
                if (informational) {
                    // 1xx: its own end, the final response follows on the same exchange
                    client.writeAndFlush(msg, client.voidPromise());
                    informational = false;
                    return;
                }
                f.dirty = false;
                if (f.keepAlive()) {
                    client.writeAndFlush(msg, client.voidPromise());
                } else {
                    client.writeAndFlush(msg).addListener(ChannelFutureListener.CLOSE);
                }
                f.exchangeFinished(this, reusable);
                return;
            }
            client.write(msg, client.voidPromise());
            f.dirty = true;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Frontend f = frontend;
            if (f != null && f.dirty) {
                f.dirty = false;
                f.client().flush();
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            Frontend f = frontend;
            if (f != null) {
                f.client().config().setAutoRead(ctx.channel().isWritable());
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            isConnected = false;
            Frontend f = frontend;
            if (f != null) {
                frontend = null;
                f.upstreamFailed(this, responseStarted);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

package dev.rampart.gateway.http1;

import dev.rampart.gateway.http.RequestIds;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in an HTTP/1.x connection's pipeline right before Netty's request decoder and passes a
 * byte on only once the {@link RequestFramingParser} has validated it, unchanged: a head is held
 * back until its final CRLF has arrived and checked out (so the decoder never sees part of a head
 * that turns out malformed), body bytes pass as they are validated.
 *
 * <p>On the first {@link Violation} or read timeout it stops reading, drops the offending request
 * and everything after it (the requests before it pass), reports it, answers with one problem+json
 * response and closes the connection: nothing of a malformed request reaches the proxy, and
 * nothing after it can be taken for a new request. HTTP/1.1 answers in request order, so if an
 * earlier pipelined request is still being answered, the refusal waits for that response to end;
 * if the offending request's own response has begun (the proxy answered before its body was
 * complete), a second response would corrupt the stream and the connection is only closed.
 *
 * <p>Hot path: nothing is allocated for a request that arrives in one read; a head split over
 * reads is copied into one buffer, bounded by the head size limit. Confined to the event loop.
 */
final class Http1FramingHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(Http1FramingHandler.class);

    private static final int HELD_HEAD_INITIAL_CAPACITY = 1024;

    private final Http1Limits limits;
    private final Consumer<StrictHttp1.Rejection> onReject;
    private final RequestFramingParser parser;
    private final ResponseTracker responseTracker;

    private ChannelHandlerContext ctx;
    private ClientReadClock clock;
    private ByteBuf heldHead;
    private long finalResponsesStarted;
    private long finalResponsesCompleted;
    private Violation rejection;
    private long rejectedMessage;
    private String rejectionId;
    private boolean answered;

    Http1FramingHandler(Http1Limits limits, Consumer<StrictHttp1.Rejection> onReject) {
        this.limits = limits;
        this.onReject = onReject;
        this.parser = new RequestFramingParser(limits);
        this.responseTracker = new ResponseTracker(this);
    }

    /** The companion handler to place right before Vert.x's connection handler. */
    ResponseTracker responseTracker() {
        return responseTracker;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.clock = new ClientReadClock(limits, ctx.executor(), this::onReadTimeout);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        clock.stop();
        releaseHeldHead();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        clock.stop();
        releaseHeldHead();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (rejection != null) {
            in.release();
            return;
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        parser.startBuffer();
        if (!parser.parse(in, start, end)) {
            // The messages before the offending one were valid and go on; the offending one goes
            // nowhere, whether it started in this buffer or is the head held from earlier ones.
            int offending = parser.messageStart();
            if (offending >= 0) {
                passHeldHead();
                if (offending > start) {
                    ctx.fireChannelRead(in.retainedSlice(start, offending - start));
                }
            }
            in.release();
            reject(parser.violation(), parser.messageIndex());
            return;
        }
        // Before passing bytes on: Vert.x may write a response (or a 100 Continue) synchronously,
        // and it must find the clock in the phase that this read leaves.
        trackClient();
        int headStart = parser.messageStart();
        if (parser.inHead() && headStart < 0) {
            // The held head is still incomplete.
            holdHead(in, start, end);
            in.release();
            return;
        }
        passHeldHead();
        if (parser.inHead()) {
            if (headStart > start) {
                ctx.fireChannelRead(in.retainedSlice(start, headStart - start));
            }
            holdHead(in, headStart, end);
            in.release();
        } else {
            ctx.fireChannelRead(in);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
        // Vert.x turns autoRead off while handling this event when a paused request has queued enough.
        if (!ctx.channel().config().isAutoRead()) {
            clock.readingPaused();
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (rejection != null) {
            // Nothing more is wanted from this client.
            return;
        }
        clock.readingResumed();
        ctx.read();
    }

    private void trackClient() {
        if (parser.inHead()) {
            if (parser.messageStart() >= 0 || !clock.timingHead()) {
                clock.headStarted();
            }
        } else if (parser.inBody()) {
            if (parser.awaitingBody() && parser.expectsContinue()) {
                clock.awaitContinue();
            } else {
                clock.bodyProgress();
            }
        } else {
            clock.idle();
        }
    }

    private void holdHead(ByteBuf in, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return;
        }
        if (heldHead == null) {
            heldHead = ctx.alloc().buffer(Math.max(length, HELD_HEAD_INITIAL_CAPACITY));
        }
        heldHead.writeBytes(in, from, length);
    }

    private void passHeldHead() {
        ByteBuf head = heldHead;
        if (head != null) {
            heldHead = null;
            ctx.fireChannelRead(head);
        }
    }

    private void releaseHeldHead() {
        ByteBuf head = heldHead;
        if (head != null) {
            heldHead = null;
            head.release();
        }
    }

    // ---- responses (from ResponseTracker) ------------------------------------------------------

    void onInterimResponse() {
        clock.responseWritten();
    }

    void onFinalResponseStarted() {
        finalResponsesStarted++;
        clock.responseWritten();
        if (rejection != null) {
            answerInTurn();
        }
    }

    void onFinalResponseCompleted() {
        finalResponsesCompleted++;
        if (rejection != null) {
            answerInTurn();
        }
    }

    // ---- rejection ---------------------------------------------------------------------------

    private void onReadTimeout(Violation timeout) {
        if (rejection == null) {
            reject(timeout, parser.messageIndex());
        }
    }

    private void reject(Violation violation, long messageIndex) {
        rejection = violation;
        rejectedMessage = messageIndex;
        rejectionId = RequestIds.next();
        clock.stop();
        releaseHeldHead();
        ctx.channel().config().setAutoRead(false);
        report();
        answerInTurn();
    }

    /**
     * Answers the rejected request if it is its turn: responses go out in request order, so wait
     * for the earlier ones; if the rejected request's own response has begun, only closing is left.
     */
    private void answerInTurn() {
        if (answered) {
            return;
        }
        if (finalResponsesStarted > rejectedMessage) {
            answered = true;
            ctx.close();
            return;
        }
        if (finalResponsesCompleted < rejectedMessage) {
            return;
        }
        answered = true;
        ctx.writeAndFlush(ProblemResponse.encode(ctx.alloc(), rejection, limits, rejectionId))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void report() {
        StrictHttp1.Rejection r = new StrictHttp1.Rejection(rejection.status(), rejection.code(), remoteAddress(),
                rejectionId);
        try {
            onReject.accept(r);
        } catch (RuntimeException e) {
            log.warn("the HTTP rejection listener failed; the request was refused anyway", e);
        }
    }

    private String remoteAddress() {
        SocketAddress address = ctx.channel().remoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}

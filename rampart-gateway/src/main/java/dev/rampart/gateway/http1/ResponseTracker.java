package dev.rampart.gateway.http1;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Watches the responses Vert.x writes on an HTTP/1.x connection (as HTTP objects, before the
 * encoder), so that {@link Http1FramingHandler} knows which request is being answered: HTTP/1.1
 * answers pipelined requests strictly in order (RFC 9112 §9.3.2), so a rejection may only be
 * written once every earlier request is answered, and never over a response already begun.
 */
final class ResponseTracker extends ChannelOutboundHandlerAdapter {

    private final Http1FramingHandler framing;
    private boolean finalResponseOpen;

    ResponseTracker(Http1FramingHandler framing) {
        this.framing = framing;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean interim = false;
        boolean started = false;
        if (msg instanceof HttpResponse response) {
            if (response.status().code() >= 200) {
                finalResponseOpen = true;
                started = true;
            } else {
                interim = true;
            }
        }
        boolean completed = finalResponseOpen && msg instanceof LastHttpContent;
        if (completed) {
            finalResponseOpen = false;
        }
        // Pass the message on first: a rejection written from the callbacks must follow it on the wire.
        ctx.write(msg, promise);
        if (interim) {
            framing.onInterimResponse();
        }
        if (started) {
            framing.onFinalResponseStarted();
        }
        if (completed) {
            framing.onFinalResponseCompleted();
        }
    }
}

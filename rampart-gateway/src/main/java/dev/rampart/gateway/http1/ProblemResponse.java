package dev.rampart.gateway.http1;

import dev.rampart.gateway.http.HttpStatus;
import dev.rampart.gateway.http.Problem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The one raw HTTP/1.1 response written for a refused request: an RFC 9457 problem body, and
 * {@code Connection: close} because after a framing error nothing else on the connection can be
 * trusted to be where it seems (RFC 9112 §6.3, §9.6). Written below Vert.x, so it carries the
 * headers the gateway puts on every denial itself.
 */
final class ProblemResponse {

    private ProblemResponse() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, Violation violation, Http1Limits limits, String requestId) {
        int status = violation.status();
        byte[] body = new Problem(status, violation.code(), violation.detail(limits), requestId).toJsonBytes();
        String head = "HTTP/1.1 " + status + " " + HttpStatus.reason(status) + "\r\n"
                + "Content-Type: " + Problem.CONTENT_TYPE + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Cache-Control: no-store\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "X-Request-Id: " + requestId + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        ByteBuf buf = alloc.buffer(head.length() + body.length);
        buf.writeCharSequence(head, StandardCharsets.US_ASCII);
        buf.writeBytes(body);
        return buf;
    }
}

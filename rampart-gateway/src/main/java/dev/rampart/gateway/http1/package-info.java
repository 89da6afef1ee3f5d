/**
 * Strict HTTP/1.x message framing for the client-facing listeners: the first thing every byte a
 * client sends meets, before Netty's HTTP decoder and long before routing, guards and the proxy.
 *
 * <h2>What it defends against</h2>
 * A reverse proxy and the server behind it must agree on where each request ends. When they do
 * not, a client can hide a second request inside the first one's body: the proxy checks and
 * forwards what it sees as one request, the upstream reads two, and the hidden one bypasses every
 * guard or is answered to another client (request smuggling; RFC 9112 §11.2).
 * <ul>
 *   <li><b>CL.TE and TE.CL</b>: a request with both Content-Length and Transfer-Encoding, each hop
 *       believing a different one. RFC 9112 §6.1 lets a server refuse it; a proxy must.</li>
 *   <li><b>TE.TE</b>: a Transfer-Encoding one hop parses as {@code chunked} and another does not
 *       ({@code xchunked}, {@code chunked, identity}, a second TE field, whitespace before the
 *       colon, a value folded onto the next line). Only one {@code Transfer-Encoding: chunked}
 *       is accepted, on HTTP/1.1.</li>
 *   <li><b>Content-Length games</b>: several fields or values ({@code 5, 5}), signs, non-digits,
 *       overflow (RFC 9112 §6.3).</li>
 *   <li><b>Line and field syntax</b>: obs-fold (RFC 9112 §5.2), bare CR or LF line ends (§2.2),
 *       control characters, non-token names and methods, a malformed request line, a second
 *       Host; and malformed chunk sizes, extensions and chunk ends (§7.1), the ground of the
 *       chunk-parsing differentials published as "Funky Chunks".</li>
 *   <li><b>Oversized heads</b>: request target (414), head size and field count (431), enforced
 *       while the head arrives rather than after it was buffered.</li>
 *   <li><b>Slowloris</b>: a client holding connections open by trickling a head or a body. A head
 *       must be complete within the header timeout of its first byte, a body must not pause
 *       longer than the body timeout (408); time during which the gateway itself is not reading
 *       (backpressure, a request waiting for {@code 100 Continue}) is not charged to the
 *       client.</li>
 * </ul>
 * Each refusal is one {@code application/problem+json} response with a stable code (see
 * {@link dev.rampart.gateway.http1.StrictHttp1.Rejection}) followed by closing the connection, since
 * after a framing error no later byte on it can be trusted to start a request.
 *
 * <h2>Why before Netty's decoder</h2>
 * Netty's {@code HttpObjectDecoder} is built to be lenient: it unfolds obs-fold, drops
 * Content-Length when Transfer-Encoding is present, skips stray control characters. By the time
 * Vert.x hands a request to the proxy, the evidence of an ambiguous message is gone. So the
 * validator reads the raw bytes of each HTTP/1.x connection, holds each head back until it has
 * checked all of it, and passes on only what it has validated, unchanged. It follows the framing
 * across keep-alive and pipelined requests (head, body by Content-Length or chunks, next head),
 * parsing over the buffers without decoding into strings. {@code applyLimits} sets the decoder's
 * own limits above what the validator accepts, so the validator is always the one that answers.
 *
 * <p>HTTP/2 connections (negotiated through ALPN on the TLS listener) are left alone: HTTP/2
 * frames carry their own lengths. Cleartext HTTP/2 is switched off; its connection preface is an
 * invalid HTTP/1.1 request line and refused as such.
 *
 * <p>Entry point: {@link dev.rampart.gateway.http1.StrictHttp1}.
 */
package dev.rampart.gateway.http1;

package dev.rampart.gateway.proxy;

import dev.rampart.core.Decision;
import dev.rampart.core.Guard;
import dev.rampart.core.Headers;
import dev.rampart.core.ResponseHead;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.net.IpAddresses;
import dev.rampart.gateway.http.Problem;
import dev.rampart.gateway.http.RequestIds;
import dev.rampart.gateway.log.AccessLog;
import dev.rampart.gateway.route.CompiledRoute;
import dev.rampart.gateway.route.HostMatcher;
import dev.rampart.gateway.route.PathNormalizer;
import dev.rampart.gateway.route.RouteTable;
import dev.rampart.gateway.server.GatewayRuntime;
import dev.rampart.gateway.upstream.UpstreamServer;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's way through the gateway: resolve the client, run the global guards, route, run the
 * route's guards, optionally buffer the body for inspecting guards, proxy with streaming both ways,
 * and answer every failure with problem+json. Confined to the request's event loop; asynchronous
 * guard results are brought back to it before going on.
 */
final class ProxyCall {

    private static final Logger log = LoggerFactory.getLogger(ProxyCall.class);

    /** How long, and how much, a refused request's unread body is drained before its connection closes. */
    static final long LINGER_MILLIS = 1_000;
    static final long LINGER_MAX_BYTES = 256 * 1024;

    /** A guard whose stage has not completed by then fails the request closed (503). */
    static final long GUARD_TIMEOUT_MILLIS = 30_000;

    private static final BiFunction<Guard, GatewayExchange, CompletionStage<Decision>> ON_REQUEST =
            (g, ex) -> g.onRequest(ex);

    private final ProxyHandler shared;
    private final GatewayRuntime rt;
    private final HttpServerRequest req;
    private final HttpServerResponse resp;
    private final Context context;
    private final long startNanos = System.nanoTime();

    private GatewayExchange ex;
    private InetAddress peer;
    private boolean peerTrusted;
    private CompiledRoute route;
    private List<Guard> responseGuards;
    private boolean hasBody;
    private boolean requestEnded;
    private boolean continueSent;
    private List<Buffer> inspected;
    private UpstreamServer server;
    private UpstreamServer lastFailed;
    private int attempts;
    private HttpClientRequest upstreamRequest;
    private long upstreamStartNanos;
    private long upstreamNanos = -1;
    private long bytesIn;
    private long bytesOut;
    /** The last piece of a response body of declared length, held for its end ({@link #isFinalChunk}). */
    private Buffer finalResponseChunk;
    /** The last piece of a request body of declared length, held for its end ({@link #isFinalChunk}). */
    private Buffer finalRequestChunk;
    private String deniedBy;
    private String denyCode;
    private boolean done;
    private boolean logged;
    /** While the route's guards decide on a held response: whether they may replace its body (it is held whole). */
    private boolean bodyReplaceable;
    /** The body a guard put in place of the held response's ({@link Decision#proceedWithBody}); null: none. */
    private byte[] replacedResponseBody;

    ProxyCall(ProxyHandler shared, GatewayRuntime rt, HttpServerRequest req, Context context) {
        this.shared = shared;
        this.rt = rt;
        this.req = req;
        this.resp = req.response();
        this.context = context;
    }

    void start() {
        req.pause();
        resp.endHandler(v -> finish());
        resp.closeHandler(v -> {
            abortUpstream();
            finish();
        });
        requestEnded = req.isEnded();
        req.endHandler(v -> requestEnded = true);

        peer = IpAddresses.parse(req.remoteAddress().hostAddress());
        peerTrusted = rt.trustedProxies().contains(peer);
        InetAddress client = peerTrusted
                ? ClientAddresses.resolve(peer, req.headers().getAll("X-Forwarded-For"), rt.trustedProxies())
                : peer;
        String scheme = shared.listenerScheme();
        String requestId = null;
        if (peerTrusted) {
            String proto = req.getHeader("X-Forwarded-Proto");
            if ("https".equalsIgnoreCase(proto) || "http".equalsIgnoreCase(proto)) {
                scheme = proto.toLowerCase(java.util.Locale.ROOT);
            }
            String forwardedId = req.getHeader("X-Request-Id");
            if (RequestIds.isAcceptable(forwardedId)) {
                requestId = forwardedId;
            }
        }
        if (requestId == null) {
            requestId = RequestIds.next();
        }
        HostAndPort authority = req.authority();
        String host = authority == null ? "" : HostMatcher.normalize(authority.host());
        String path;
        String pathError = null;
        try {
            path = PathNormalizer.normalize(req.path() == null ? "" : req.path());
        } catch (PathNormalizer.InvalidPathException e) {
            path = req.path() == null ? "" : req.path();
            pathError = e.getMessage();
        }
        ex = new GatewayExchange(requestId, new GatewayRequestHead(req, scheme, host, path, client, peer), shared.events());
        responseGuards = rt.unroutedResponseGuards();
        hasBody = detectBody();
        if (!hasBody) {
            // Nothing to hold back: let Vert.x consume the request's end so keep-alive goes on.
            req.resume();
        }

        if (pathError != null) {
            deny("gateway", 400, "invalid-path", pathError + ".", List.of());
            return;
        }
        if (req.version() == HttpVersion.HTTP_2 && req.headers().size() > rt.limits().maxHeaderCount()) {
            // HTTP/1.x is checked while parsing (StrictHttp1); size() collects the distinct names, so
            // it is asked only of HTTP/2 requests.
            deny("gateway", 431, "too-many-headers",
                    "The request has more than " + rt.limits().maxHeaderCount() + " header fields.", List.of());
            return;
        }
        if (authority == null && req.version() != HttpVersion.HTTP_1_0) {
            deny("gateway", 400, "missing-host", "The request has no Host header (RFC 9112 §3.2).", List.of());
            return;
        }
        HttpMethod method = req.method();
        if (method == HttpMethod.TRACE || method == HttpMethod.CONNECT) {
            // TRACE reflects credentials (cross-site tracing); CONNECT would open a tunnel.
            deny("gateway", 405, "method-not-allowed", "The method " + method.name() + " is not served.", List.of());
            return;
        }
        String upgrade = req.getHeader(HttpHeaders.UPGRADE);
        // An h2c upgrade offer (RFC 7540 §3.2; Java's HttpClient sends one by default) may be declined by
        // answering in HTTP/1.1; Upgrade and HTTP2-Settings are hop-by-hop and are not passed on.
        if (upgrade != null && !upgrade.trim().equalsIgnoreCase("h2c")) {
            deny("gateway", 501, "upgrade-not-supported", "Protocol upgrades (e.g. WebSocket) are not proxied.", List.of());
            return;
        }
        runGuards(rt.globalGuards(), 0, ON_REQUEST, this::afterGlobalGuards);
    }

    private boolean detectBody() {
        String cl = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (cl != null) {
            return ex.request().contentLength() > 0;
        }
        if (req.version() == HttpVersion.HTTP_2) {
            return !req.isEnded();
        }
        String te = req.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    private void afterGlobalGuards() {
        if (shared.redirectToHttps() && !"https".equals(ex.request().scheme())) {
            int port = shared.httpsPort();
            String location = "https://" + ex.request().host() + (port == 443 ? "" : ":" + port) + req.uri();
            respond("gateway", Decision.respond(308).withHeader("Location", location));
            return;
        }
        String method = req.method().name();
        LocalEndpoint local = rt.localEndpoints().get(ex.request().path());
        if (local != null) {
            serveLocally(local);
            return;
        }
        RouteTable.Result result = rt.routes().match(ex.request().host(), ex.request().path(), method);
        String preflightMethod = req.method() == HttpMethod.OPTIONS && req.getHeader("Origin") != null
                ? req.getHeader("Access-Control-Request-Method") : null;
        if (!(result instanceof RouteTable.Matched) && preflightMethod != null) {
            // A CORS preflight is routed by the method it asks about, so the route's CORS guard answers it.
            RouteTable.Result byRequested = rt.routes().match(ex.request().host(), ex.request().path(), preflightMethod);
            if (byRequested instanceof RouteTable.Matched m && m.route().guards().stream().anyMatch(g -> "cors".equals(g.name()))) {
                result = byRequested;
            }
        }
        if (result instanceof RouteTable.Matched m) {
            route = m.route();
            ex.route(route.id(), m.pathParams());
            responseGuards = route.guards();
            runGuards(route.guards(), 0, ON_REQUEST, this::afterRouteGuards);
        } else if (result instanceof RouteTable.MethodNotAllowed mna) {
            deny("gateway", 405, "method-not-allowed", "This resource does not accept " + method + ".",
                    List.of(Map.entry("Allow", String.join(", ", mna.allowed()))));
        } else {
            deny("gateway", 404, "route-not-found", "No route matches this request.", List.of());
        }
    }

    private void afterRouteGuards() {
        long declared = ex.request().contentLength();
        if (declared > route.maxBodyBytes()) {
            deny("gateway", 413, "body-too-large",
                    "The request body is larger than the " + route.maxBodyBytes() + " bytes this route accepts.", List.of());
            return;
        }
        if (route.bodyInspectionBytes() == 0) {
            proxy();
        } else if (hasBody) {
            readForInspection();
        } else {
            // inspecting guards see every request's body, an absent one as empty: a signature check
            // must not be skipped because a request came without a body
            runGuards(route.guards(), 0, (g, x) -> g.onRequestBody(x, new byte[0], false), this::proxy);
        }
    }

    // ---- endpoints the gateway answers itself ---------------------------------------------------

    private void serveLocally(LocalEndpoint endpoint) {
        if (!endpoint.methods().contains(req.method().name())) {
            deny(endpoint.name(), 405, "method-not-allowed", "This endpoint does not accept " + req.method().name() + ".",
                    List.of(Map.entry("Allow", String.join(", ", endpoint.methods()))));
            return;
        }
        if (!hasBody || endpoint.maxBodyBytes() == 0) {
            answerLocally(endpoint, "");
            return;
        }
        if (ex.request().contentLength() > endpoint.maxBodyBytes()) {
            deny(endpoint.name(), 413, "body-too-large",
                    "The request body is larger than the " + endpoint.maxBodyBytes() + " bytes this endpoint accepts.", List.of());
            return;
        }
        sendContinueIfExpected();
        Buffer body = Buffer.buffer();
        req.handler(chunk -> {
            bytesIn += chunk.length();
            if (body.length() + chunk.length() > endpoint.maxBodyBytes()) {
                req.pause();
                deny(endpoint.name(), 413, "body-too-large",
                        "The request body is larger than the " + endpoint.maxBodyBytes() + " bytes this endpoint accepts.",
                        List.of());
            } else if (!done) {
                body.appendBuffer(chunk);
            }
        });
        req.endHandler(v -> {
            requestEnded = true;
            if (!done) {
                answerLocally(endpoint, body.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        req.resume();
    }

    private void answerLocally(LocalEndpoint endpoint, String body) {
        CompletionStage<LocalEndpoint.Answer> stage;
        try {
            stage = endpoint.answer(ex, body);
        } catch (RuntimeException e) {
            localEndpointFailed(endpoint, e);
            return;
        }
        stage.whenComplete((answer, err) -> context.runOnContext(v -> {
            if (done) {
                return;
            }
            if (err != null || answer == null) {
                localEndpointFailed(endpoint, err == null ? new IllegalStateException("no answer") : err);
                return;
            }
            afterPendingEvents(() -> writeLocalAnswer(answer));
        }));
    }

    private void localEndpointFailed(LocalEndpoint endpoint, Throwable error) {
        log.error("endpoint failed", kv("request_id", ex.requestId()), kv("endpoint", endpoint.name()), error);
        deny(endpoint.name(), 500, "endpoint-error", "The gateway could not answer this request.", List.of());
    }

    private void writeLocalAnswer(LocalEndpoint.Answer answer) {
        if (done || resp.headWritten()) {
            return;
        }
        done = true;
        resp.setStatusCode(answer.status());
        resp.putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType());
        answer.headers().forEach(resp::putHeader);
        boolean close = mustCloseAfterAnswer();
        if (close) {
            resp.putHeader(HttpHeaders.CONNECTION, "close");
        }
        finishHead(true);
        Buffer body = Buffer.buffer(answer.body());
        bytesOut = body.length();
        endAndMaybeClose(req.method() == HttpMethod.HEAD ? null : body, close);
    }

    // ---- guards ------------------------------------------------------------------------------

    private void runGuards(List<Guard> guards, int from,
            BiFunction<Guard, GatewayExchange, CompletionStage<Decision>> phase, Runnable next) {
        for (int i = from; i < guards.size(); i++) {
            if (done) {
                return;
            }
            Guard guard = guards.get(i);
            CompletionStage<Decision> stage;
            try {
                stage = phase.apply(guard, ex);
            } catch (RuntimeException e) {
                guardFailed(guard, e);
                return;
            }
            if (stage instanceof CompletableFuture<Decision> f && f.isDone()) {
                Decision d;
                try {
                    d = f.join();
                } catch (CompletionException | java.util.concurrent.CancellationException e) {
                    guardFailed(guard, e.getCause() == null ? e : e.getCause());
                    return;
                }
                if (!d.isProceed()) {
                    decide(guard.name(), d);
                    return;
                }
                if (d.replacesBody() && !takeReplacement(guard, d)) {
                    return;
                }
                CompletableFuture<Void> pending = ex.takePendingEvents();
                if (pending != null) {
                    int resumeAt = i + 1;
                    pending.whenComplete((v, err) -> context.runOnContext(x -> runGuards(guards, resumeAt, phase, next)));
                    return;
                }
                continue;
            }
            int resumeAt = i + 1;
            long timer = shared.vertx().setTimer(GUARD_TIMEOUT_MILLIS, t -> {
                if (!done) {
                    log.error("guard did not answer in time", kv("request_id", ex.requestId()), kv("guard", guard.name()));
                    deny(guard.name(), 503, "guard-timeout", "A security check did not complete in time.", List.of());
                }
            });
            stage.whenComplete((d, err) -> context.runOnContext(x -> {
                shared.vertx().cancelTimer(timer);
                if (done) {
                    return;
                }
                if (err != null) {
                    guardFailed(guard, err instanceof CompletionException && err.getCause() != null ? err.getCause() : err);
                } else if (d == null || !d.isProceed()) {
                    if (d == null) {
                        guardFailed(guard, new IllegalStateException("guard returned a null decision"));
                    } else {
                        decide(guard.name(), d);
                    }
                } else if (!d.replacesBody() || takeReplacement(guard, d)) {
                    afterPendingEvents(() -> runGuards(guards, resumeAt, phase, next));
                }
            }));
            return;
        }
        if (!done) {
            next.run();
        }
    }

    /**
     * Keeps the body a guard put in place of a held response; a replacement anywhere else (another
     * phase, or a response held only in part) is a guard bug and fails the request closed.
     */
    private boolean takeReplacement(Guard guard, Decision d) {
        if (!bodyReplaceable) {
            guardFailed(guard, new IllegalStateException(
                    "a guard may replace the body only of an upstream response held whole (onResponseBody, not truncated)"));
            return false;
        }
        replacedResponseBody = d.replacementBody();
        return true;
    }

    private void afterPendingEvents(Runnable then) {
        CompletableFuture<Void> pending = ex.takePendingEvents();
        if (pending == null) {
            then.run();
        } else {
            pending.whenComplete((v, err) -> context.runOnContext(x -> then.run()));
        }
    }

    /** A guard threw: fail closed with 500, log it with the request id. */
    private void guardFailed(Guard guard, Throwable error) {
        log.error("guard failed; request refused", kv("request_id", ex.requestId()), kv("guard", guard.name()), error);
        deny(guard.name(), 500, "guard-error", "A security check failed; the request was refused.", List.of());
    }

    private void decide(String guard, Decision d) {
        if (d.kind() == Decision.Kind.DENY) {
            deny(guard, d.status(), d.code(), d.detail(), d.headers(), d.errors());
        } else {
            respond(guard, d);
        }
    }

    // ---- request body ------------------------------------------------------------------------

    private void readForInspection() {
        sendContinueIfExpected();
        inspected = new ArrayList<>();
        long limit = route.bodyInspectionBytes();
        long[] buffered = {0};
        boolean[] inspecting = {true};
        Runnable inspect = () -> {
            if (!inspecting[0]) {
                return;
            }
            inspecting[0] = false;
            req.pause();
            Buffer all = Buffer.buffer((int) Math.min(buffered[0], limit));
            for (Buffer b : inspected) {
                all.appendBuffer(b);
            }
            byte[] body = all.length() > limit ? all.getBytes(0, (int) limit) : all.getBytes();
            boolean truncated = all.length() > limit || !requestEnded;
            runGuards(route.guards(), 0, (g, x) -> g.onRequestBody(x, body, truncated), this::proxy);
        };
        req.handler(buf -> {
            if (!countIn(buf) || !inspectChunk(buf)) {
                return;
            }
            inspected.add(buf);
            buffered[0] += buf.length();
            if (buffered[0] >= limit) {
                inspect.run();
            }
        });
        req.endHandler(v -> {
            requestEnded = true;
            inspect.run();
        });
        req.resume();
    }

    /**
     * Shows an arriving piece of the body to the inspecting guards ({@link Guard#onRequestBodyChunk});
     * false once one refused the request, which is then answered without reading the rest.
     */
    private boolean inspectChunk(Buffer buf) {
        byte[] bytes = null;
        for (Guard g : route.guards()) {
            if (done) {
                return false;
            }
            if (g.requestBodyInspectionLimit() == 0) {
                continue;
            }
            if (bytes == null) {
                bytes = buf.getBytes();
            }
            Decision d;
            try {
                d = g.onRequestBodyChunk(ex, bytes, 0, bytes.length);
            } catch (RuntimeException e) {
                req.pause();
                guardFailed(g, e);
                return false;
            }
            if (d == null || !d.isProceed()) {
                req.pause();
                if (d == null) {
                    guardFailed(g, new IllegalStateException("guard returned a null decision for a body chunk"));
                } else {
                    decide(g.name(), d);
                }
                return false;
            }
        }
        return !done;
    }

    /** Counts body bytes against the route's limit; false (and 413) when exceeded. */
    private boolean countIn(Buffer buf) {
        bytesIn += buf.length();
        if (bytesIn > route.maxBodyBytes()) {
            req.pause();
            // deny() resets the upstream request once it owns the answer; resetting first would
            // surface as an upstream failure (502) racing the 413.
            deny("gateway", 413, "body-too-large",
                    "The request body is larger than the " + route.maxBodyBytes() + " bytes this route accepts.", List.of());
            return false;
        }
        return true;
    }

    private void sendContinueIfExpected() {
        if (!continueSent && req.version() == HttpVersion.HTTP_1_1
                && "100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT))) {
            continueSent = true;
            resp.writeContinue();
        }
    }

    // ---- upstream ----------------------------------------------------------------------------

    private void proxy() {
        if (done) {
            return;
        }
        server = route.upstream().choose(lastFailed);
        if (server == null) {
            shared.metrics().recordUpstreamError(route.id(), "no-healthy-upstream");
            deny("gateway", 503, "no-healthy-upstream", "No upstream server is available; try again later.",
                    List.of(Map.entry("Retry-After", "5")));
            return;
        }
        attempts++;
        var cfg = route.upstream().config();
        RequestOptions options = new RequestOptions()
                .setMethod(req.method())
                .setHost(server.host())
                .setPort(server.port())
                .setSsl(server.ssl())
                .setURI(upstreamUri())
                .setConnectTimeout(cfg.connectTimeout().toMillis())
                .setIdleTimeout(cfg.responseTimeout().toMillis())
                .setFollowRedirects(false);
        upstreamStartNanos = System.nanoTime();
        UpstreamServer target = server;
        route.upstream().client().request(options).onComplete(ar -> {
            if (done) {
                if (ar.succeeded()) {
                    ar.result().reset();
                }
                return;
            }
            if (ar.failed()) {
                target.recordFailure(System.nanoTime());
                shared.metrics().recordUpstreamError(route.id(), failureKind(ar.cause()));
                log.warn("upstream connection failed", kv("request_id", ex.requestId()), kv("route", route.id()),
                        kv("upstream", target.url()), kv("error", describe(ar.cause())));
                // Nothing was sent yet, so another server may take the request, whatever its method.
                if (attempts < route.upstream().servers().size() && !(ar.cause() instanceof ConnectionPoolTooBusyException)) {
                    lastFailed = target;
                    proxy();
                } else {
                    upstreamFailed(ar.cause());
                }
                return;
            }
            HttpClientRequest creq = ar.result();
            upstreamRequest = creq;
            // Written straight into the request's own (empty) header map: headers given in the
            // RequestOptions would be copied into it once more, field by field.
            ForwardingHeaders.forRequest(req.headers(), creq.headers(),
                    cfg.preserveHost() && req.getHeader("Host") != null ? req.getHeader("Host") : target.hostHeader(),
                    peer, peerTrusted, ex.request().scheme(), ex.requestId());
            if (responseInspectionLimit() > 0) {
                // Guards that inspect response bodies read them as the upstream's media type says, not compressed.
                creq.headers().set(HttpHeaders.ACCEPT_ENCODING, "identity");
            }
            // Failures reach onUpstreamResponse through the response future; a reset we caused
            // ourselves (413, client gone) is expected and must not be logged as an error.
            creq.exceptionHandler(err -> log.debug("upstream request ended: {}", err.toString()));
            creq.response().onComplete(this::onUpstreamResponse);
            sendBody(creq);
        });
    }

    private String upstreamUri() {
        String path = ex.request().path();
        String strip = route.upstream().config().stripPrefix();
        if (strip != null && !strip.isEmpty() && !strip.equals("/")) {
            String s = strip.endsWith("/") ? strip.substring(0, strip.length() - 1) : strip;
            if (path.equals(s)) {
                path = "/";
            } else if (path.startsWith(s + "/")) {
                path = path.substring(s.length());
            }
        }
        String base = server.basePath();
        String full = base.isEmpty() ? path : (path.equals("/") ? base + "/" : base + path);
        String query = req.query();
        return query == null ? full : full + "?" + query;
    }

    private void sendBody(HttpClientRequest creq) {
        if (!hasBody) {
            creq.end();
            return;
        }
        if (req.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            creq.setChunked(true);
        }
        sendContinueIfExpected();
        long sent = 0;
        if (inspected != null) {
            int last = inspected.size() - 1;
            for (int i = 0; i < last; i++) {
                sent += inspected.get(i).length();
                creq.write(inspected.get(i));
            }
            if (last >= 0) {
                Buffer b = inspected.get(last);
                sent += b.length();
                if (requestEnded) {
                    finalRequestChunk = b;
                } else {
                    creq.write(b);
                }
            }
            inspected = null;
        }
        if (requestEnded) {
            endUpstreamRequest(creq);
            return;
        }
        // HTTP/2 may end a stream in a later frame than its last data (e.g. trailers): the hold is for HTTP/1.x
        long declared = req.version() == HttpVersion.HTTP_2 ? -1 : ex.request().contentLength();
        long[] untilEnd = {declared < 0 ? -1 : declared - sent};
        req.handler(buf -> {
            if (!countIn(buf)) {
                return;
            }
            if (isFinalChunk(untilEnd, buf)) {
                finalRequestChunk = buf;
                return;
            }
            creq.write(buf);
            if (creq.writeQueueFull()) {
                req.pause();
                creq.drainHandler(v -> req.resume());
            }
        });
        req.endHandler(v -> {
            requestEnded = true;
            endUpstreamRequest(creq);
        });
        req.exceptionHandler(err -> {
            // The client broke the body (bad framing, reset): deny() resets the upstream request, so the
            // upstream never gets a complete request, and cuts the client's connection if the head is out.
            deny("gateway", 400, "invalid-body", "The request body could not be read.", List.of());
        });
        req.resume();
    }

    /** Ends the request to the upstream, with the held last piece of its body if any: one write. */
    private void endUpstreamRequest(HttpClientRequest creq) {
        Buffer last = finalRequestChunk;
        finalRequestChunk = null;
        if (last == null) {
            creq.end();
        } else {
            creq.end(last);
        }
    }

    private void onUpstreamResponse(AsyncResult<HttpClientResponse> ar) {
        if (done) {
            return;
        }
        UpstreamServer target = server;
        if (ar.failed()) {
            target.recordFailure(System.nanoTime());
            shared.metrics().recordUpstreamError(route.id(), failureKind(ar.cause()));
            log.warn("upstream request failed", kv("request_id", ex.requestId()), kv("route", route.id()),
                    kv("upstream", target.url()), kv("error", describe(ar.cause())));
            upstreamFailed(ar.cause());
            return;
        }
        HttpClientResponse cres = ar.result();
        upstreamNanos = System.nanoTime() - upstreamStartNanos;
        target.recordSuccess();
        int status = cres.statusCode();
        if (status == 404) {
            // for the detector's scanning rule: probing the upstream's paths counts like probing the routes
            ex.emit("proxy", "upstream.not-found", SecurityEvent.Severity.LOW, null,
                    Map.of("method", req.method().name(), "path", ex.request().path()));
        }
        resp.setStatusCode(status);
        ForwardingHeaders.forResponse(cres.headers(), resp.headers());
        boolean bodyAllowed = req.method() != HttpMethod.HEAD && status != 204 && status != 304 && status >= 200;
        if (bodyAllowed && cres.getHeader(HttpHeaders.CONTENT_LENGTH) == null && req.version() != HttpVersion.HTTP_1_0) {
            resp.setChunked(true);
        }
        if (hasBody && !requestEnded) {
            // The upstream answered before reading the whole body (e.g. an early 413): the connection
            // cannot be reused safely.
            resp.putHeader(HttpHeaders.CONNECTION, "close");
        }
        long inspectLimit = responseInspectionLimit();
        if (inspectLimit > 0) {
            holdForInspection(cres, target, inspectLimit);
            return;
        }
        finishHead(false);
        streamResponse(cres, target);
    }

    /** Streams the rest of an upstream response whose head is out. */
    private void streamResponse(HttpClientResponse cres, UpstreamServer target) {
        long declared = cres.version() == HttpVersion.HTTP_2 ? -1 : declaredLength(cres.getHeader(HttpHeaders.CONTENT_LENGTH));
        long[] untilEnd = {declared < 0 ? -1 : declared - bytesOut};
        cres.handler(buf -> {
            bytesOut += buf.length();
            if (isFinalChunk(untilEnd, buf)) {
                finalResponseChunk = buf;
                return;
            }
            resp.write(buf);
            if (resp.writeQueueFull()) {
                cres.pause();
                resp.drainHandler(v -> cres.resume());
            }
        });
        cres.exceptionHandler(err -> {
            target.recordFailure(System.nanoTime());
            shared.metrics().recordUpstreamError(route.id(), failureKind(err));
            log.warn("upstream response broke off", kv("request_id", ex.requestId()), kv("route", route.id()),
                    kv("upstream", target.url()), kv("error", describe(err)));
            // The head is already sent: the only honest signal left is to cut the connection/stream.
            resp.reset();
        });
        cres.endHandler(v -> endProxiedResponse());
    }

    private void endProxiedResponse() {
        if (hasBody && !requestEnded) {
            // The upstream answered without reading the whole body: its connection cannot be reused.
            abortUpstream();
        } else {
            upstreamRequest = null;
        }
        Buffer last = finalResponseChunk;
        finalResponseChunk = null;
        if (last == null) {
            resp.end();
        } else {
            resp.end(last);
        }
    }

    /**
     * Whether {@code buf} is the piece that completes an HTTP/1.x body of declared length
     * ({@code untilEnd[0]} bytes were still due; -1: no length declared, the body is never held): its
     * message's end follows at once, since the HTTP/1.x decoder delivers the last bytes and the end as
     * one message ({@code LastHttpContent}), so
     * holding the piece until then lets head, body and end go out as one write through the
     * connection's pipeline instead of two. A streamed body is never held but for this last piece.
     */
    private static boolean isFinalChunk(long[] untilEnd, Buffer buf) {
        if (untilEnd[0] < 0) {
            return false;
        }
        untilEnd[0] -= buf.length();
        return untilEnd[0] == 0;
    }

    /** A Content-Length value (already validated by the HTTP decoder), or -1 when absent or unreadable. */
    private static long declaredLength(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The most response body bytes a guard of the route must see before the response goes out; 0: none. */
    private long responseInspectionLimit() {
        long limit = 0;
        for (Guard g : route.guards()) {
            limit = Math.max(limit, g.responseBodyInspectionLimit());
        }
        return limit;
    }

    /**
     * Holds an upstream response (head and at most {@code limit} bytes of body, plus the chunk that
     * crossed it) until the route's guards decided on it: a deny replaces it, so nothing of it may be
     * sent before.
     */
    private void holdForInspection(HttpClientResponse cres, UpstreamServer target, long limit) {
        List<Buffer> held = new ArrayList<>();
        long[] size = {0};
        boolean[] inspecting = {false};
        java.util.function.Consumer<Boolean> inspect = truncated -> {
            if (inspecting[0] || done) {
                return;
            }
            inspecting[0] = true;
            Buffer all = Buffer.buffer((int) Math.min(size[0], limit));
            held.forEach(all::appendBuffer);
            byte[] body = all.length() > limit ? all.getBytes(0, (int) limit) : all.getBytes();
            ResponseHead head = new ResponseView(resp, false);
            bodyReplaceable = !truncated;
            runGuards(route.guards(), 0, (g, x) -> g.onResponseBody(x, head,
                    replacedResponseBody == null ? body : replacedResponseBody.clone(), truncated), () -> {
                bodyReplaceable = false;
                if (replacedResponseBody != null) {
                    held.clear();
                    held.add(Buffer.buffer(replacedResponseBody));
                    replacedResponseBody = null;
                    describeReplacedBody(held.get(0).length());
                }
                finishHead(false);
                for (Buffer b : held) {
                    bytesOut += b.length();
                }
                // held whole: the last piece goes out with the end (one write, see isFinalChunk)
                Buffer last = truncated || held.isEmpty() ? null : held.remove(held.size() - 1);
                for (Buffer b : held) {
                    resp.write(b);
                }
                held.clear();
                if (truncated) {
                    streamResponse(cres, target);
                    cres.resume();
                } else if (last == null) {
                    resp.end();
                } else {
                    resp.end(last);
                }
            });
        };
        cres.handler(buf -> {
            held.add(buf);
            size[0] += buf.length();
            if (size[0] > limit) {
                cres.pause();
                inspect.accept(true);
            }
        });
        cres.exceptionHandler(err -> {
            if (done) {
                return;     // our own reset of a response a guard replaced
            }
            target.recordFailure(System.nanoTime());
            shared.metrics().recordUpstreamError(route.id(), failureKind(err));
            log.warn("upstream response broke off", kv("request_id", ex.requestId()), kv("route", route.id()),
                    kv("upstream", target.url()), kv("error", describe(err)));
            if (inspecting[0]) {
                resp.reset();
            } else {
                // Nothing of the response is out yet: the client can still get an honest answer.
                upstreamFailed(err);
            }
        });
        cres.endHandler(v -> {
            if (hasBody && !requestEnded) {
                abortUpstream();
            } else {
                upstreamRequest = null;
            }
            inspect.accept(false);
        });
    }

    /**
     * The head of a response whose body a guard replaced: the length of the new bytes, and none of
     * the headers that described the old ones (a cache or client checking them would reject or,
     * worse, trust the wrong body).
     */
    private void describeReplacedBody(int length) {
        MultiMap h = resp.headers();
        for (String name : List.of("ETag", "Content-MD5", "Digest", "Content-Digest", "Repr-Digest")) {
            h.remove(name);
        }
        if (!resp.isChunked()) {
            h.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(length));
        }
    }

    private void upstreamFailed(Throwable cause) {
        if (cause instanceof ConnectionPoolTooBusyException) {
            deny("gateway", 503, "upstream-busy", "The upstream is at its connection limit; try again later.",
                    List.of(Map.entry("Retry-After", "1")));
        } else if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
            deny("gateway", 504, "upstream-timeout", "The upstream did not answer in time.", List.of());
        } else {
            deny("gateway", 502, "upstream-unavailable", "The upstream could not be reached or broke the connection.",
                    List.of());
        }
    }

    private static String failureKind(Throwable cause) {
        if (cause instanceof ConnectionPoolTooBusyException) {
            return "busy";
        }
        if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
            return "timeout";
        }
        if (cause instanceof java.net.ConnectException) {
            return "connect";
        }
        return "reset";
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Resets the upstream request unless its exchange completed; idempotent. */
    private void abortUpstream() {
        HttpClientRequest creq = upstreamRequest;
        upstreamRequest = null;
        if (creq != null) {
            creq.reset();
        }
    }

    // ---- answers -----------------------------------------------------------------------------

    /** Answers with a problem+json error and records the denial. */
    private void deny(String guard, int status, String code, String detail, List<Map.Entry<String, String>> headers) {
        deny(guard, status, code, detail, headers, List.of());
    }

    /** Answers with a problem+json error whose {@code errors} member lists {@code errors}, and records the denial. */
    private void deny(String guard, int status, String code, String detail, List<Map.Entry<String, String>> headers,
            List<Map<String, String>> errors) {
        if (done) {
            return;
        }
        deniedBy = guard;
        denyCode = code;
        shared.metrics().recordDenial(guard, code);
        ex.emit(guard, "request.denied", status >= 500 ? SecurityEvent.Severity.MEDIUM : SecurityEvent.Severity.LOW, code,
                Map.of("status", Integer.toString(status), "method", req.method().name(), "path", ex.request().path()));
        afterPendingEvents(() -> {
            if (done) {
                return;
            }
            if (resp.headWritten()) {
                done = true;
                abortUpstream();
                resp.reset();
                return;
            }
            done = true;
            abortUpstream();
            resp.headers().clear();
            resp.setStatusCode(status);
            resp.putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE);
            resp.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            for (Map.Entry<String, String> h : headers) {
                resp.headers().add(h.getKey(), h.getValue());
            }
            boolean close = mustCloseAfterAnswer();
            if (close) {
                resp.putHeader(HttpHeaders.CONNECTION, "close");
            }
            finishHead(true);
            Buffer body = Buffer.buffer(new Problem(status, code, detail, ex.requestId(), errors).toJsonBytes());
            bytesOut = body.length();
            endAndMaybeClose(req.method() == HttpMethod.HEAD ? null : body, close);
        });
    }

    /** Answers directly (CORS preflight, redirect) without an error body. */
    private void respond(String guard, Decision d) {
        if (done || resp.headWritten()) {
            return;
        }
        done = true;
        resp.setStatusCode(d.status());
        for (Map.Entry<String, String> h : d.headers()) {
            resp.headers().add(h.getKey(), h.getValue());
        }
        boolean close = mustCloseAfterAnswer();
        if (close) {
            resp.putHeader(HttpHeaders.CONNECTION, "close");
        }
        finishHead(true);
        endAndMaybeClose(null, close);
    }

    /** An unread request body would be taken for the next request on this connection (HTTP/1.x). */
    private boolean mustCloseAfterAnswer() {
        return hasBody && !requestEnded && req.version() != HttpVersion.HTTP_2;
    }

    private void endAndMaybeClose(Buffer body, boolean close) {
        var ended = body == null ? resp.end() : resp.end(body);
        if (close) {
            ended.onComplete(v -> lingerThenClose());
        }
    }

    /**
     * Closes a connection whose request body was not read, after reading and discarding what the
     * client is still sending for a moment (at most {@value #LINGER_MILLIS} ms and
     * {@value #LINGER_MAX_BYTES} bytes): closing with unread data makes the kernel send a reset,
     * which can destroy the answer before the client reads it (RFC 9112 §9.6, nginx's
     * lingering close).
     */
    private void lingerThenClose() {
        if (requestEnded) {
            req.connection().close();
            return;
        }
        long[] discarded = {0};
        long timer = shared.vertx().setTimer(LINGER_MILLIS, t -> req.connection().close());
        req.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > LINGER_MAX_BYTES) {
                shared.vertx().cancelTimer(timer);
                req.connection().close();
            }
        });
        req.endHandler(v -> {
            requestEnded = true;
            shared.vertx().cancelTimer(timer);
            req.connection().close();
        });
        req.resume();
    }

    /**
     * Runs the response guards (reverse order), then adds the exchange's response headers, so that
     * a guard hiding upstream headers never strips what the gateway itself added.
     */
    private void finishHead(boolean generated) {
        ResponseHead head = new ResponseView(resp, generated);
        for (int i = responseGuards.size() - 1; i >= 0; i--) {
            Guard g = responseGuards.get(i);
            try {
                g.onResponse(ex, head);
            } catch (RuntimeException e) {
                log.error("response guard failed", kv("request_id", ex.requestId()), kv("guard", g.name()), e);
            }
        }
        MultiMap h = resp.headers();
        ex.responseHeaders().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Vary")) {
                h.add(name, value);
            } else {
                h.set(name, value);
            }
        });
        h.set("X-Request-Id", ex.requestId());
    }

    private void finish() {
        if (logged) {
            return;
        }
        logged = true;
        done = true;
        if (route != null) {
            for (Guard g : route.guards()) {
                try {
                    g.onComplete(ex);
                } catch (RuntimeException e) {
                    log.error("guard failed at completion", kv("request_id", ex.requestId()), kv("guard", g.name()), e);
                }
            }
        }
        long nanos = System.nanoTime() - startNanos;
        int status = resp.getStatusCode();
        String routeId = route == null ? null : route.id();
        shared.metrics().recordRequest(routeId, req.method().name(), status, nanos);
        AccessLog accessLog = shared.accessLog();
        if (accessLog.enabled()) {
            var principal = ex.principalOrNull();
            accessLog.write(new AccessLog.Entry(ex.requestId(), ex.request().clientAddress().getHostAddress(),
                    req.method().name(), ex.request().host(), ex.request().path(), ex.request().protocol(), routeId,
                    principal == null ? null : principal.id(), status, bytesIn, bytesOut, nanos / 1e6,
                    server == null ? null : server.url(),
                    upstreamNanos < 0 ? 0 : upstreamNanos / 1e6, deniedBy, denyCode, req.getHeader("User-Agent")));
        }
    }

    private static Object kv(String key, Object value) {
        return net.logstash.logback.argument.StructuredArguments.kv(key, value);
    }

    /** The response head as response guards see it. */
    private record ResponseView(HttpServerResponse resp, boolean generated) implements ResponseHead {
        @Override
        public int status() {
            return resp.getStatusCode();
        }

        @Override
        public Headers headers() {
            return new VertxHeaders(resp.headers());
        }
    }
}

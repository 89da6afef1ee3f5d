package dev.rampart.gateway.waf;

import dev.rampart.core.AttributeKey;
import dev.rampart.core.Decision;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.core.ResponseHead;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.WafResponseInspectionConfig;
import dev.rampart.waf.EngineMode;
import dev.rampart.waf.HttpRequest;
import dev.rampart.waf.HttpResponse;
import dev.rampart.waf.RuleMatch;
import dev.rampart.waf.Transaction;
import dev.rampart.waf.Verdict;
import dev.rampart.waf.WafRules;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route's web application firewall ({@code waf:}): SecLang rules (OWASP CRS or Rampart's
 * built-in pack) on every request, phase 1 on the head in {@link #onRequest}, phase 2 on the
 * buffered body in {@link #onRequestBody}, and, with {@code inspect-responses}, phases 3 and 4 on
 * the upstream's held response in {@link #onResponseBody} (or, with the older
 * {@code inspect-response-headers}, phase 3 on the head on its way in {@link #onResponse}, report only).
 *
 * <p>A request the rules deny is answered 403 problem+json and reported as a {@code waf.blocked}
 * event; matches that do not block (DetectionOnly, or a score under the threshold) are reported
 * as {@code waf.detected}. A held response the rules deny (a leaked SQL error, stack trace or
 * directory listing; CRS's outbound anomaly score) is replaced by 502 problem+json
 * {@code waf-blocked-response}. Events carry rule ids, messages and the NAMES of the matched
 * variables, never their values: a matched value may be a password or a session cookie.
 *
 * <p>Threads: phase 1 (request line and headers) runs on the event loop. Phase 2 runs the bulk of
 * the rules (every argument, query and body alike) on the {@code rampart-waf} worker pool, and its
 * decision comes back on the request's event loop: the event loop keeps serving other connections
 * meanwhile. Phases 3 and 4 on a held response run there too. (Phase 2 on the event loop for bodies
 * up to 8 KiB, GETs included, was tried in bench/waf.sh: no more requests per second, and a p99
 * two to three times higher, since one connection's inspection then holds up the others of its
 * event loop.)
 */
public final class WafGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "waf";

    /** Code of the problem answered to a blocked request and of its event. */
    public static final String BLOCKED = "waf-blocked";
    /** Code of the problem that replaces a response the rules deny, and of its {@code waf.blocked} event. */
    public static final String BLOCKED_RESPONSE = "waf-blocked-response";
    /** Code of the problem that replaces a response that could not be inspected ({@code on-oversize: block}). */
    public static final String RESPONSE_UNINSPECTED = "waf-response-uninspected";
    /** Event: a held response could not be inspected whole; details {@code reason}, {@code outcome}, {@code limit}. */
    public static final String NOT_INSPECTED = "waf.not-inspected";

    private static final Logger log = LoggerFactory.getLogger(WafGuard.class);
    private static final AttributeKey<Inspection> INSPECTION = AttributeKey.of("waf.inspection", Inspection.class);
    private static final int MAX_MESSAGE_CHARS = 160;
    private static final int MAX_NAME_CHARS = 100;
    private static final int MAX_REPORTED = 20;
    private static final String REQUEST_BLOCKED_DETAIL = "The request was blocked by the web application firewall.";
    private static final String RESPONSE_BLOCKED_DETAIL = "The upstream's response was blocked by the web application "
            + "firewall and withheld.";

    private final WafRules rules;
    private final long bodyLimit;
    private final boolean inspectResponseHeaders;
    private final WorkerExecutor inspections;
    private final boolean detectionOnly;
    private final long responseBodyLimit;
    private final Set<String> responseMimeTypes;
    private final boolean passUninspected;

    /** One request's transaction, how many of its matches were reported already, whether its response was held. */
    private static final class Inspection {
        final Transaction transaction;
        int reported;
        boolean responseInspected;

        Inspection(Transaction transaction) {
            this.transaction = transaction;
        }
    }

    /**
     * @param rules the route's rules (shared with routes of identical settings)
     * @param bodyLimit how many body bytes the rules inspect ({@code request-body-limit})
     * @param inspectResponseHeaders whether phase 3 runs on proxied response heads on their way (report only)
     * @param inspectResponses blocking response inspection ({@code inspect-responses}); null: responses are not
     *     held. The rules must have been loaded with the matching response settings ({@link WafRuleSets} does that)
     * @param inspections the worker pool phases 2, 3 and 4 run on
     */
    public WafGuard(WafRules rules, long bodyLimit, boolean inspectResponseHeaders,
            WafResponseInspectionConfig inspectResponses, WorkerExecutor inspections) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.bodyLimit = bodyLimit;
        this.inspectResponseHeaders = inspectResponseHeaders;
        this.inspections = Objects.requireNonNull(inspections, "inspections");
        this.detectionOnly = rules.engineMode() != EngineMode.ON;
        this.responseBodyLimit = inspectResponses == null ? 0 : inspectResponses.bodyLimit().bytes();
        this.responseMimeTypes = inspectResponses == null ? Set.of() : Set.copyOf(WafRuleSets.mimeTypes(inspectResponses));
        this.passUninspected = inspectResponses != null
                && inspectResponses.onOversize() == WafResponseInspectionConfig.OnOversize.pass;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<Decision> onRequest(Exchange exchange) {
        Inspection inspection = new Inspection(rules.newTransaction(requestOf(exchange)));
        exchange.setAttribute(INSPECTION, inspection);
        Verdict verdict;
        try {
            verdict = inspection.transaction.processRequestHeaders();
        } catch (RuntimeException e) {
            return failed(exchange, e, 403, BLOCKED, REQUEST_BLOCKED_DETAIL).toStage();
        }
        return verdict.denied() ? blocked(exchange, inspection, verdict, 1).toStage() : Decision.proceedStage();
    }

    /** One byte over the limit, so that the engine sees a longer body was cut and flags it (INBOUND_DATA_ERROR). */
    @Override
    public long requestBodyInspectionLimit() {
        return bodyLimit + 1;
    }

    @Override
    public CompletionStage<Decision> onRequestBody(Exchange exchange, byte[] body, boolean truncated) {
        Inspection inspection = exchange.attribute(INSPECTION);
        if (inspection == null) {
            return Decision.proceedStage();
        }
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        // The transaction moves to the worker and back: executeBlocking orders both hand-offs, and
        // nothing else touches it meanwhile (the pipeline waits for this stage).
        inspections.executeBlocking(() -> inspection.transaction.processRequestBody(body), false)
                .onComplete(result -> decision.complete(result.succeeded()
                        ? afterBody(exchange, inspection, result.result())
                        : failed(exchange, result.cause(), 403, BLOCKED, REQUEST_BLOCKED_DETAIL)));
        return decision;
    }

    /**
     * One byte over the limit when responses are inspected, so that a longer body is known as such
     * (the engine inspects up to the limit and sets OUTBOUND_DATA_ERROR).
     */
    @Override
    public long responseBodyInspectionLimit() {
        return responseBodyLimit == 0 ? 0 : responseBodyLimit + 1;
    }

    /**
     * Phases 3 and 4 on a held response, on the worker pool. A body of a listed media type that is
     * longer than the limit, or still compressed, cannot be inspected whole and follows
     * {@code on-oversize}: with {@code pass} a longer body is inspected up to the limit (ModSecurity's
     * {@code SecResponseBodyLimitAction ProcessPartial}), a compressed one on its status and headers.
     */
    @Override
    public CompletionStage<Decision> onResponseBody(Exchange exchange, ResponseHead response, byte[] body,
            boolean truncated) {
        Inspection inspection = exchange.attribute(INSPECTION);
        if (responseBodyLimit == 0 || inspection == null) {
            return Decision.proceedStage();
        }
        inspection.responseInspected = true;
        byte[] inspected = body;
        if (body.length > 0 && responseMimeTypes.contains(mediaType(response.headers().get("Content-Type")))) {
            String encoding = response.headers().get("Content-Encoding");
            String reason = null;
            if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
                reason = "compressed";
                inspected = new byte[0];
            } else if (truncated || body.length > responseBodyLimit) {
                reason = "too-large";
            }
            if (reason != null && !uninspected(exchange, reason)) {
                return Decision.deny(502, RESPONSE_UNINSPECTED, "The upstream's response could not be inspected by the "
                        + "web application firewall and was withheld.").toStage();
            }
        }
        HttpResponse upstreamResponse = new HttpResponse(response.status(), exchange.request().protocol(),
                headersOf(response), inspected);
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        // As in phase 2: the transaction moves to the worker and back, and the held response waits.
        inspections.executeBlocking(() -> inspection.transaction.processResponse(upstreamResponse), false)
                .onComplete(result -> decision.complete(result.succeeded()
                        ? afterResponse(exchange, inspection, result.result())
                        : failed(exchange, result.cause(), 502, BLOCKED_RESPONSE, RESPONSE_BLOCKED_DETAIL)));
        return decision;
    }

    @Override
    public void onResponse(Exchange exchange, ResponseHead response) {
        Inspection inspection = exchange.attribute(INSPECTION);
        if (!inspectResponseHeaders || inspection == null || inspection.responseInspected || response.generated()) {
            return;
        }
        try {
            Verdict verdict = inspection.transaction.processResponse(new HttpResponse(response.status(),
                    exchange.request().protocol(), headersOf(response), null));
            // The response head is on its way: a deny here can only be reported.
            report(exchange, inspection, verdict, "waf.detected", SecurityEvent.Severity.MEDIUM, "waf-response-detected", 3);
        } catch (RuntimeException e) {
            log.warn("WAF response inspection failed on route {} (request {}): {}", exchange.routeId(),
                    exchange.requestId(), e.toString());
        }
    }

    private Decision afterResponse(Exchange exchange, Inspection inspection, Verdict verdict) {
        if (verdict.denied()) {
            report(exchange, inspection, verdict, "waf.blocked", SecurityEvent.Severity.HIGH, BLOCKED_RESPONSE,
                    responsePhase(verdict));
            return Decision.deny(502, BLOCKED_RESPONSE, RESPONSE_BLOCKED_DETAIL);
        }
        report(exchange, inspection, verdict, "waf.detected", SecurityEvent.Severity.MEDIUM, "waf-response-detected",
                responsePhase(verdict));
        return Decision.proceed();
    }

    /** The phase of the rule that interrupted, else of the last match; 4 when neither says. */
    private static int responsePhase(Verdict verdict) {
        List<RuleMatch> matches = verdict.matches();
        for (int i = matches.size() - 1; i >= 0; i--) {
            if (!verdict.denied() || matches.get(i).ruleId() == verdict.interruptedBy()) {
                return Math.max(3, matches.get(i).phase());
            }
        }
        return 4;
    }

    /**
     * Reports a response that cannot be inspected whole; true when it goes on: {@code on-oversize: pass},
     * or DetectionOnly, where the WAF never changes what the client receives.
     */
    private boolean uninspected(Exchange exchange, String reason) {
        boolean pass = passUninspected || detectionOnly;
        String outcome = pass ? (reason.equals("too-large") ? "inspected-partially" : "passed") : "blocked";
        log.warn("upstream response not inspected whole by the WAF", kv("request_id", exchange.requestId()),
                kv("route", exchange.routeId()), kv("reason", reason), kv("outcome", outcome));
        exchange.emit(NAME, NOT_INSPECTED, pass ? SecurityEvent.Severity.MEDIUM : SecurityEvent.Severity.LOW,
                "waf-response-not-inspected", Map.of("reason", reason, "outcome", outcome,
                        "limit", Long.toString(responseBodyLimit)));
        return pass;
    }

    private Decision afterBody(Exchange exchange, Inspection inspection, Verdict verdict) {
        if (verdict.denied()) {
            return blocked(exchange, inspection, verdict, 2);
        }
        report(exchange, inspection, verdict, "waf.detected", SecurityEvent.Severity.MEDIUM, "waf-detected", 2);
        return Decision.proceed();
    }

    private Decision blocked(Exchange exchange, Inspection inspection, Verdict verdict, int phase) {
        report(exchange, inspection, verdict, "waf.blocked", SecurityEvent.Severity.HIGH, BLOCKED, phase);
        return Decision.deny(403, BLOCKED, REQUEST_BLOCKED_DETAIL);
    }

    /**
     * An engine failure (a bug, or a pattern over its budget) fails closed when the WAF blocks,
     * open in DetectionOnly, where the WAF must never change what the upstream receives.
     */
    private Decision failed(Exchange exchange, Throwable cause, int status, String code, String detail) {
        log.error("WAF inspection failed on route {} (request {})", exchange.routeId(), exchange.requestId(), cause);
        exchange.emit(NAME, "waf.error", SecurityEvent.Severity.MEDIUM, "waf-inspection-failed",
                Map.of("mode", detectionOnly ? "detection-only" : "on", "error", cause.getClass().getSimpleName()));
        return detectionOnly ? Decision.proceed() : Decision.deny(status, code, detail);
    }

    /** Emits the matches not reported yet, if any; names, ids and messages only. */
    private void report(Exchange exchange, Inspection inspection, Verdict verdict, String type,
            SecurityEvent.Severity severity, String code, int phase) {
        List<RuleMatch> matches = verdict.matches();
        if (matches.size() <= inspection.reported && !verdict.denied()) {
            return;
        }
        List<RuleMatch> fresh = matches.subList(Math.min(inspection.reported, matches.size()), matches.size());
        inspection.reported = matches.size();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> messages = new LinkedHashSet<>();
        Set<String> variables = new LinkedHashSet<>();
        for (RuleMatch match : fresh) {
            ids.add(Integer.toString(match.ruleId()));
            if (!match.message().isEmpty() && messages.size() < MAX_REPORTED) {
                messages.add(cut(match.message(), MAX_MESSAGE_CHARS));
            }
            for (String name : match.variableNames()) {
                if (variables.size() < MAX_REPORTED) {
                    variables.add(cut(name, MAX_NAME_CHARS));
                }
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("rule_ids", String.join(",", ids));
        details.put("messages", String.join(" | ", messages));
        details.put("variables", String.join(",", variables));
        details.put("phase", Integer.toString(phase));
        details.put("mode", detectionOnly ? "detection-only" : "on");
        if (verdict.denied()) {
            details.put("interrupted_by", Integer.toString(verdict.interruptedBy()));
        }
        String score = anomalyScore(inspection.transaction);
        if (score != null) {
            details.put("anomaly_score", score);
        }
        String outbound = inspection.transaction.transactionValue("blocking_outbound_anomaly_score");
        if (phase >= 3 && outbound != null) {
            details.put("outbound_anomaly_score", outbound);
        }
        exchange.emit(NAME, type, severity, code, details);
    }

    /** CRS's inbound score, or the Rampart pack's. */
    private static String anomalyScore(Transaction transaction) {
        String crs = transaction.transactionValue("blocking_inbound_anomaly_score");
        return crs != null ? crs : transaction.transactionValue("rampart_inbound_score");
    }

    private static List<HttpRequest.Header> headersOf(ResponseHead response) {
        List<HttpRequest.Header> headers = new ArrayList<>();
        response.headers().forEach((name, value) -> headers.add(new HttpRequest.Header(name, value)));
        return headers;
    }

    /** The media type of a Content-Type, lower case and without parameters; null when absent. */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static Object kv(String key, Object value) {
        return net.logstash.logback.argument.StructuredArguments.kv(key, value);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    /** The request as the engine sees it: the target and headers as received (after earlier guards). */
    private static HttpRequest requestOf(Exchange exchange) {
        List<HttpRequest.Header> headers = new ArrayList<>(exchange.request().headers().size());
        exchange.request().headers().forEach((name, value) -> headers.add(new HttpRequest.Header(name, value)));
        String protocol = exchange.request().protocol();
        return new HttpRequest(exchange.request().method(), exchange.request().uri(),
                "HTTP/2".equals(protocol) ? "HTTP/2.0" : protocol, headers, null,
                exchange.request().clientAddress().getHostAddress(), 0);
    }
}

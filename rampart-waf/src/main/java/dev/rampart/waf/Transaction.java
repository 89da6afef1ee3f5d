package dev.rampart.waf;

import dev.rampart.waf.body.JsonBody;
import dev.rampart.waf.body.MultipartBody;
import dev.rampart.waf.body.UrlEncodedBody;
import dev.rampart.waf.body.XmlBody;
import dev.rampart.waf.engine.ByteStrings;
import dev.rampart.waf.transform.ByteText;
import dev.rampart.waf.engine.RuleEvaluator;
import dev.rampart.waf.engine.RuleEvaluator.Ending;
import dev.rampart.waf.engine.RuleEvaluator.Outcome;
import dev.rampart.waf.engine.RuleSet;
import dev.rampart.waf.engine.TransactionState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The inspection of one request (and its response) by a {@link WafRules} rule set, phase by phase:
 * {@link #processRequestHeaders()} (phase 1), {@link #processRequestBody()} (phase 2),
 * {@link #processResponse(HttpResponse)} (phases 3 and 4), {@link #processLogging()} (phase 5).
 * Each returns the verdict so far; once denied, later phases but logging do not run. Not
 * thread-safe: one request, one thread at a time.
 */
public final class Transaction {

    private final RuleSet rules;
    private final TransactionState state;
    private final List<RuleMatch> matches = new ArrayList<>();
    private int nextPhase = 1;
    private boolean denied;
    private int status;
    private int interruptedBy;
    private boolean allowedAll;
    private boolean allowedRequest;
    private boolean logged;

    Transaction(RuleSet rules, WafSettings settings, HttpRequest request, String id) {
        this.rules = rules;
        this.state = new TransactionState(request, rules.config(), id, rules.viewCount(), rules.linkCount());
        if (settings.engineMode() != null) {
            state.mode(settings.engineMode());
        }
        for (Map.Entry<String, String> value : settings.transactionValues().entrySet()) {
            state.tx().put(value.getKey(), ByteStrings.of(value.getValue()));
        }
    }

    /** Phases 1 and 2: the verdict on the request. */
    public Verdict processRequest() {
        processRequestHeaders();
        return processRequestBody();
    }

    /** Phase 1: rules on the request line and headers. */
    public Verdict processRequestHeaders() {
        runPhase(1);
        return verdict();
    }

    /** Phase 2: parses the request body with the processor the rules chose, then runs the body rules. */
    public Verdict processRequestBody() {
        runPhase(1);
        if (nextPhase <= 2 && !denied && !allowedAll && !allowedRequest && state.requestBodyAccess()) {
            parseRequestBody();
        }
        runPhase(2);
        return verdict();
    }

    /**
     * Phase 2 on {@code body}, which arrived after {@link #processRequestHeaders()} ran: a proxy
     * runs phase 1 on the request head and buffers the body meanwhile. It replaces the body the
     * transaction was created with.
     *
     * @throws IllegalStateException when phase 2 already ran
     */
    public Verdict processRequestBody(byte[] body) {
        if (nextPhase > 2) {
            throw new IllegalStateException("phase 2 already ran for transaction " + state.uniqueId());
        }
        state.requestBodyBytes(body);
        return processRequestBody();
    }

    /** Phases 3 and 4: rules on the response headers, then on the response body when it is inspected. */
    public Verdict processResponse(HttpResponse response) {
        if (nextPhase <= 2) {
            processRequestBody();
        }
        state.response(response);
        runPhase(3);
        if (state.responseBodyAccess() && inspectsResponseType(state.responseContentType())) {
            state.responseBody(response.body(), rules.config().responseBodyLimit());
        }
        runPhase(4);
        return verdict();
    }

    /** Phase 5: logging rules (they run even after a deny); the final verdict. */
    public Verdict processLogging() {
        if (!logged) {
            logged = true;
            nextPhase = 5;
            Outcome outcome = RuleEvaluator.run(rules, state, 5, matches);
            record(outcome);
        }
        return verdict();
    }

    /** The verdict so far. */
    public Verdict verdict() {
        return new Verdict(denied, denied ? status : 0, interruptedBy, matches);
    }

    /** The transaction id ({@code UNIQUE_ID}). */
    public String id() {
        return state.uniqueId();
    }

    /** The current value of TX variable {@code name} (case-insensitive), or null; e.g. CRS's anomaly scores. */
    public String transactionValue(String name) {
        return state.tx().first(name);
    }

    private void runPhase(int phase) {
        if (phase < nextPhase) {
            return;
        }
        for (int p = nextPhase; p <= phase; p++) {
            nextPhase = p + 1;
            if (denied || allowedAll || (allowedRequest && p <= 2)) {
                continue;
            }
            record(RuleEvaluator.run(rules, state, p, matches));
        }
    }

    private void record(Outcome outcome) {
        if (outcome.ending() == Ending.INTERRUPTED && !denied) {
            denied = true;
            status = outcome.status();
            interruptedBy = outcome.ruleId();
        } else if (outcome.ending() == Ending.ALLOWED) {
            allowedAll = true;
        } else if (outcome.ending() == Ending.ALLOWED_REQUEST) {
            allowedRequest = true;
        }
    }

    private void parseRequestBody() {
        byte[] body = state.requestBodyBytes();
        String contentType = state.requestHeaders().first("Content-Type");
        String processor = state.reqbodyProcessor();
        if (processor.isEmpty() && state.forceRequestBodyVariable()) {
            processor = "URLENCODED";
        }
        long limit = "MULTIPART".equals(processor) ? rules.config().requestBodyLimit()
                : Math.min(rules.config().requestBodyLimit(), rules.config().requestBodyNoFilesLimit());
        if (body.length > limit) {
            state.inboundDataError(true);
            body = Arrays.copyOf(body, (int) limit);
        }
        if (processor.isEmpty()) {
            return;
        }
        if (processor.equals("URLENCODED") || state.forceRequestBodyVariable()) {
            // As ModSecurity: REQUEST_BODY holds the raw body only for URL-encoded or forced bodies, so
            // rules inspect parsed JSON/XML/multipart through ARGS, FILES and XML instead.
            state.requestBody(ByteText.of(body));
        }
        state.reqbodyProcessor(processor);
        switch (processor) {
            case "URLENCODED":
                UrlEncodedBody.process(body, state);
                break;
            case "JSON":
                JsonBody.process(body, state);
                break;
            case "XML":
                XmlBody.process(body, state);
                break;
            case "MULTIPART":
                MultipartBody.process(body, contentType == null ? "" : contentType, state);
                break;
            default:
                throw new IllegalStateException("body processor " + processor);
        }
    }

    private boolean inspectsResponseType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String mime = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        return rules.config().responseBodyMimeTypes().contains(mime);
    }
}

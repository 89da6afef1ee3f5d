package dev.rampart.gateway.guard;

import dev.rampart.core.AttributeKey;
import dev.rampart.core.Decision;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.core.RequestHead;
import dev.rampart.core.ResponseHead;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.ValidationConfig;
import dev.rampart.core.config.ValidationConfig.ResponseValidation;
import dev.rampart.validation.BodyRules;
import dev.rampart.validation.RequestBodyCheck;
import dev.rampart.validation.RequestValidator;
import dev.rampart.validation.ValidationProblem;
import dev.rampart.validation.ValidationRequest;
import dev.rampart.validation.ValidationResponse;
import dev.rampart.validation.ValidationResult;
import dev.rampart.validation.Violation;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input validation ({@code validate:}) through rampart-validation's {@link RequestValidator}: the
 * request head (operation, path/query/header/cookie parameters, {@code Content-Type}) is checked in
 * {@link #onRequest}, before any body byte is read, so a wrong parameter or media type costs no
 * buffering; the body (JSON/XML/multipart limits, then its schema) in {@link #onRequestBody}.
 *
 * <p>A JSON, XML or multipart body is checked while it arrives ({@link #onRequestBodyChunk}): the
 * chunk that breaks a limit refuses the request (400, or 413 for size) before the rest is read. The
 * gateway holds the body up to {@link #requestBodyInspectionLimit()}, one byte more than the largest
 * body any of the route's JSON, XML or multipart limits admits, so a body over that is never held
 * whole; once it is complete, {@link #onRequestBody} checks what needs all of it (well-formedness at
 * its end, the JSON schema on the tree built while it streamed). Other media types have no
 * structural limit to check, and the route's {@code max-body-size} still bounds them.
 *
 * <p>A rejection answers 400/404/405/413/415 with problem+json whose {@code errors} member lists
 * every violation (location, rule, expected; never the rejected value) and emits the library's
 * event ({@code validation.request.rejected} or {@code validation.body.limit-exceeded}) with the
 * first violation's rule and location.
 *
 * <p>Responses: with {@code responses: log} the status the upstream answers with is checked against
 * the operation's declared responses in {@link #onResponse} while the body streams through unheld;
 * with {@code enforce} the gateway holds each response (body up to the JSON {@code max-size}) for
 * {@link #onResponseBody}, which checks status, media type and body schema and replaces a response
 * that breaks the contract, or is too long to check, with 502. Either way a mismatch is logged and
 * emitted as {@code validation.response.violated}.
 */
public final class ValidateGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "validate";

    private static final Logger log = LoggerFactory.getLogger(ValidateGuard.class);

    /** The request as validated from its head; present while the body (or the response) is still to come. */
    private static final AttributeKey<ValidationRequest> HEAD = AttributeKey.of("validate.head", ValidationRequest.class);
    /** Set when the head announced a body, which onRequestBody then checks. */
    private static final AttributeKey<Boolean> BODY_PENDING = AttributeKey.of("validate.body-pending", Boolean.class);
    /** The body's JSON/XML/multipart check, fed chunk by chunk as the body arrives; absent for other media types. */
    private static final AttributeKey<RequestBodyCheck> BODY_CHECK = AttributeKey.of("validate.body-check", RequestBodyCheck.class);

    private final RequestValidator validator;
    private final ResponseValidation responses;
    private final long inspectionLimit;
    private final long responseLimit;

    private ValidateGuard(RequestValidator validator, ResponseValidation responses, long inspectionLimit,
            long responseLimit) {
        this.validator = validator;
        this.responses = responses;
        this.inspectionLimit = inspectionLimit;
        this.responseLimit = responseLimit;
    }

    /**
     * @param configDir the config file's directory, against which {@code openapi} resolves
     * @param path where the config is, e.g. {@code routes[2].validate}
     * @throws IllegalArgumentException whose message starts with the config path of what is wrong and,
     *     for an OpenAPI document, says where in the document
     */
    public static ValidateGuard from(ValidationConfig config, Path configDir, String path) {
        RequestValidator validator;
        try {
            validator = RequestValidator.fromConfig(config, configDir, path);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(path + ".openapi: cannot read '" + config.openapi() + "' (resolved against "
                    + configDir.toAbsolutePath() + "): " + (e.getCause() instanceof java.nio.file.NoSuchFileException
                            ? "no such file" : e.getCause().getMessage()), e);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(path) ? e
                    : new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        long largest = Math.max(config.json().maxSize().bytes(),
                Math.max(config.xml().maxSize().bytes(), config.multipart().maxSize().bytes()));
        long responseLimit = config.responses() == ResponseValidation.enforce ? config.json().maxSize().bytes() : 0;
        return new ValidateGuard(validator, config.responses(), largest + 1, responseLimit);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long requestBodyInspectionLimit() {
        return inspectionLimit;
    }

    @Override
    public CompletionStage<Decision> onRequest(Exchange exchange) {
        RequestHead head = exchange.request();
        if (!mayHaveBody(head)) {
            ValidationRequest request = requestOf(exchange).build();
            if (responses != ResponseValidation.off) {
                exchange.setAttribute(HEAD, request);
            }
            return decide(exchange, request, validator.validate(request));
        }
        ValidationRequest request = requestOf(exchange).build();
        exchange.setAttribute(HEAD, request);
        exchange.setAttribute(BODY_PENDING, Boolean.TRUE);
        // An empty stand-in body lets the validator check the media type now; what it finds in the
        // stand-in itself (a syntax error) is not the real body's and is left for onRequestBody.
        ValidationResult result = validator.validate(requestOf(exchange).body(new byte[0]).build());
        List<Violation> headViolations = result.violations().stream().filter(v -> v.in() != Violation.In.body).toList();
        if (!headViolations.isEmpty()) {
            return decide(exchange, request, ValidationResult.ofRequest(headViolations));
        }
        RequestBodyCheck check = validator.bodyCheck(request);
        if (check != null) {
            exchange.setAttribute(BODY_CHECK, check);
        }
        return Decision.proceedStage();
    }

    /**
     * Feeds each arriving piece of a JSON, XML or multipart body to its check, so that the piece
     * which breaks a limit (a depth bomb in the first kilobyte of a 100 MB body, a DOCTYPE, a file
     * name with a path) is refused at once: the rest is never read into the gateway, and the
     * upstream receives nothing.
     */
    @Override
    public Decision onRequestBodyChunk(Exchange exchange, byte[] chunk, int offset, int length) {
        RequestBodyCheck check = exchange.attribute(BODY_CHECK);
        if (check == null) {
            return Decision.proceed();
        }
        ValidationResult refused = check.feed(chunk, offset, length);
        return refused == null ? Decision.proceed() : denial(exchange, exchange.attribute(HEAD), refused);
    }

    @Override
    public CompletionStage<Decision> onRequestBody(Exchange exchange, byte[] body, boolean truncated) {
        if (exchange.attribute(BODY_PENDING) == null) {
            return Decision.proceedStage();     // no body by its head: validated whole in onRequest
        }
        RequestBodyCheck check = exchange.attribute(BODY_CHECK);
        if (check != null && check.bytesRead() == body.length && body.length > 0 && !truncated) {
            // Every byte went through the check as it arrived: what is left is what needs the whole
            // body (well-formedness at its end, the JSON schema on the tree built meanwhile).
            return decide(exchange, exchange.attribute(HEAD), check.finish());
        }
        // A truncated body is one byte over the largest structured limit, so the validator reports
        // max-size for JSON, XML and multipart; other media types are not parsed.
        ValidationRequest.Builder request = requestOf(exchange);
        if (body.length > 0) {
            request.body(body);
        }
        ValidationRequest built = request.build();
        return decide(exchange, built, validator.validate(built));
    }

    @Override
    public long responseBodyInspectionLimit() {
        return responseLimit;
    }

    @Override
    public CompletionStage<Decision> onResponseBody(Exchange exchange, ResponseHead response, byte[] body,
            boolean truncated) {
        ValidationRequest request = exchange.attribute(HEAD);
        if (request == null) {
            return Decision.proceedStage();
        }
        String encoding = response.headers().get("Content-Encoding");
        ValidationResult result;
        if (truncated) {
            result = ValidationResult.ofResponse(List.of(new Violation(Violation.In.response, null, "", BodyRules.MAX_SIZE,
                    responseLimit + " bytes", "the upstream response body is larger than the " + responseLimit
                            + " bytes that can be checked")));
        } else if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")
                && body.length > 0) {
            // The gateway asked for identity; a compressed body cannot be checked, so it is not passed on unchecked.
            result = ValidationResult.ofResponse(List.of(new Violation(Violation.In.response, "Content-Encoding", "",
                    "content-encoding", "identity", "the upstream compressed a response that must be checked")));
        } else {
            result = validator.validateResponse(request,
                    new ValidationResponse(response.status(), response.headers().get("Content-Type"), body));
        }
        if (result.isValid()) {
            return Decision.proceedStage();
        }
        flagResponse(exchange, result);
        // The client did nothing wrong, so it learns only that the upstream's answer was withheld;
        // what the upstream got wrong is in the log and the event.
        return Decision.deny(502, result.code(), "The upstream's response does not meet this API's contract "
                + "and was withheld.").toStage();
    }

    @Override
    public void onResponse(Exchange exchange, ResponseHead response) {
        if (responses != ResponseValidation.log || response.generated()) {
            return;
        }
        ValidationRequest request = exchange.attribute(HEAD);
        if (request == null) {
            return;
        }
        // The body streams through unheld in log mode: the status is what can be checked here.
        ValidationResult result = validator.validateResponse(request,
                new ValidationResponse(response.status(), response.headers().get("Content-Type"), null));
        if (!result.isValid()) {
            flagResponse(exchange, result);
        }
    }

    private static void flagResponse(Exchange exchange, ValidationResult result) {
        Violation first = result.violations().get(0);
        log.warn("upstream response breaks the contract", kv("request_id", exchange.requestId()),
                kv("route", exchange.routeId()), kv("rule", first.rule()), kv("location", first.location()),
                kv("expected", first.expected()), kv("violations", result.violations().size()));
        exchange.emit(NAME, result.eventType(), SecurityEvent.Severity.MEDIUM, result.code(), result.eventDetails());
    }

    private CompletionStage<Decision> decide(Exchange exchange, ValidationRequest request, ValidationResult result) {
        return result.isValid() ? Decision.proceedStage() : denial(exchange, request, result).toStage();
    }

    /** The answer to an invalid request, with its event emitted. */
    private Decision denial(Exchange exchange, ValidationRequest request, ValidationResult result) {
        boolean limit = result.violations().stream().anyMatch(v -> BodyRules.isLimit(v.rule()));
        exchange.emit(NAME, result.eventType(), limit ? SecurityEvent.Severity.MEDIUM : SecurityEvent.Severity.LOW,
                result.code(), result.eventDetails());
        int count = result.violations().size();
        Decision deny = Decision.deny(result.status(), result.code(), "The request does not meet this API's contract: "
                + (count == 1 ? "1 violation" : count + " violations") + ", listed in errors.")
                .withErrors(ValidationProblem.errors(result));
        if (result.status() == 405) {
            List<String> allowed = validator.allowedMethods(request);
            if (!allowed.isEmpty()) {
                deny = deny.withHeader("Allow", String.join(", ", allowed));
            }
        }
        return deny;
    }

    /** The head as the validator sees it: the normalised path, the raw query, every header, the route's path parameters. */
    private static ValidationRequest.Builder requestOf(Exchange exchange) {
        RequestHead head = exchange.request();
        ValidationRequest.Builder b = ValidationRequest.builder(head.method(), head.path());
        if (head.rawQuery() != null) {
            b.rawQuery(head.rawQuery());
        }
        head.headers().forEach(b::header);
        return b.pathParams(exchange.pathParams());
    }

    /**
     * Whether a body may follow the head: a positive Content-Length, chunked framing, or HTTP/2
     * without a length (its body, if any, ends with the stream).
     */
    private static boolean mayHaveBody(RequestHead head) {
        long length = head.contentLength();
        if (length >= 0) {
            return length > 0;
        }
        return head.headers().contains("Transfer-Encoding") || "HTTP/2".equals(head.protocol());
    }

    private static Object kv(String key, Object value) {
        return net.logstash.logback.argument.StructuredArguments.kv(key, value);
    }
}

package dev.rampart.gateway.guard;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.rampart.core.Decision;
import dev.rampart.core.Exchange;
import dev.rampart.core.Guard;
import dev.rampart.core.ResponseHead;
import dev.rampart.core.SecurityEvent;
import dev.rampart.core.config.PiiConfig;
import dev.rampart.detect.pii.Confidence;
import dev.rampart.detect.pii.PiiFinding;
import dev.rampart.detect.pii.PiiMasker;
import dev.rampart.detect.pii.PiiScanner;
import dev.rampart.detect.pii.PiiType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sensitive data leaving a route ({@code routes[].pii}): each upstream response with a text-like
 * media type (JSON, XML, {@code text/*}, form) is held whole, up to {@code max-body-size}, and scanned
 * by rampart-detect's {@link PiiScanner}. What is found is reported as {@code pii.detected} (types and
 * counts, never a value) and then, by {@code action}, let through, masked in place
 * ({@link Decision#proceedWithBody}) or refused with 502 {@code sensitive-data-blocked}.
 *
 * <p>Other media types (images, archives, octet streams) pass unscanned. The gateway asks the
 * upstream for {@code Accept-Encoding: identity} on every route whose responses are held, so the
 * body is read as its media type says; a response that is still compressed, longer than the limit,
 * not valid text in its charset, or partial (206, for {@code mask}) cannot be scanned honestly and
 * follows {@code on-oversize}: {@code block} (502 {@code sensitive-data-uninspected}, the default) or
 * {@code pass} (sent as is, with a {@code pii.not-inspected} event).
 */
public final class PiiGuard implements Guard {

    /** The guard's name in config, metrics and events. */
    public static final String NAME = "pii";
    /** Event: sensitive data was found in a response; details {@code action}, {@code types} ("card=1,email=2"), {@code count}. */
    public static final String DETECTED = "pii.detected";
    /** Event: a response could not be scanned; details {@code reason} and {@code outcome} (passed or blocked). */
    public static final String NOT_INSPECTED = "pii.not-inspected";
    /** Largest {@code max-body-size}: a held response lives in memory. */
    static final long MAX_LIMIT = 64L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(PiiGuard.class);

    private final PiiScanner scanner;
    private final PiiConfig.Action action;
    private final boolean passUninspected;
    private final long limit;

    private PiiGuard(PiiScanner scanner, PiiConfig config) {
        this.scanner = scanner;
        this.action = config.action();
        this.passUninspected = config.onOversize() == PiiConfig.OnOversize.pass;
        this.limit = config.maxBodySize().bytes();
    }

    /**
     * The guard of a route's {@code pii:} section.
     *
     * @param path the section's config path, e.g. {@code routes[2].pii}, named in errors
     * @throws IllegalArgumentException for a limit out of range or an unknown phone region
     */
    public static PiiGuard from(PiiConfig config, String path) {
        long size = config.maxBodySize().bytes();
        if (size < 1 || size > MAX_LIMIT) {
            throw new IllegalArgumentException(path + ".max-body-size: must be between 1 byte and 64MB (held responses "
                    + "are kept in memory), got " + size + " bytes");
        }
        String region = config.phoneRegion().toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException(path + ".phone-region: '" + config.phoneRegion()
                    + "' is not a region with a numbering plan; write an ISO 3166 code such as US, GB or DE");
        }
        EnumSet<PiiType> types = EnumSet.noneOf(PiiType.class);
        config.detect().forEach(kind -> types.add(PiiType.ofConfigName(kind.name())));
        PiiScanner scanner = PiiScanner.builder()
                .types(types)
                .minConfidence(Confidence.valueOf(config.minConfidence().name().toUpperCase(Locale.ROOT)))
                .phoneRegion(region)
                .build();
        return new PiiGuard(scanner, config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long responseBodyInspectionLimit() {
        return limit;
    }

    @Override
    public CompletionStage<Decision> onResponseBody(Exchange exchange, ResponseHead response, byte[] body,
            boolean truncated) {
        String contentType = response.headers().get("Content-Type");
        if (body.length == 0 || !isText(contentType)) {
            return Decision.proceedStage();
        }
        String encoding = response.headers().get("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            return uninspected(exchange, "compressed");
        }
        if (truncated) {
            return uninspected(exchange, "too-large");
        }
        Charset charset = charsetOf(contentType);
        Optional<String> text = charset == null ? Optional.empty() : PiiScanner.decode(body, charset);
        if (text.isEmpty()) {
            return uninspected(exchange, "undecodable");
        }
        List<PiiFinding> found = scanner.scan(text.get());
        if (found.isEmpty()) {
            return Decision.proceedStage();
        }
        if (action == PiiConfig.Action.mask && response.status() == 206) {
            // a masked part would no longer match its Content-Range
            return uninspected(exchange, "partial-content");
        }
        report(exchange, found);
        return switch (action) {
            case alert -> Decision.proceedStage();
            case block -> Decision.deny(502, "sensitive-data-blocked",
                    "The upstream's response holds sensitive data and was withheld.").toStage();
            case mask -> Decision.proceedWithBody(PiiMasker.mask(text.get(), found, isJson(contentType))
                    .getBytes(charset)).toStage();
        };
    }

    private void report(Exchange exchange, List<PiiFinding> found) {
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        for (PiiFinding f : found) {
            counts.merge(f.type(), 1, Integer::sum);
        }
        StringBuilder types = new StringBuilder();
        counts.forEach((type, n) -> types.append(types.length() == 0 ? "" : ",").append(type.configName()).append('=').append(n));
        log.warn("sensitive data in an upstream response", kv("request_id", exchange.requestId()),
                kv("route", exchange.routeId()), kv("types", types.toString()), kv("action", action.name()));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("action", action.name());
        details.put("types", types.toString());
        details.put("count", Integer.toString(found.size()));
        exchange.emit(NAME, DETECTED, action == PiiConfig.Action.alert ? SecurityEvent.Severity.MEDIUM
                : SecurityEvent.Severity.LOW, "sensitive-data", details);
    }

    private CompletionStage<Decision> uninspected(Exchange exchange, String reason) {
        log.warn("upstream response not scanned for sensitive data", kv("request_id", exchange.requestId()),
                kv("route", exchange.routeId()), kv("reason", reason), kv("outcome", passUninspected ? "passed" : "blocked"));
        exchange.emit(NAME, NOT_INSPECTED, passUninspected ? SecurityEvent.Severity.MEDIUM : SecurityEvent.Severity.LOW,
                "response-not-inspected", Map.of("reason", reason, "outcome", passUninspected ? "passed" : "blocked"));
        return passUninspected ? Decision.proceedStage()
                : Decision.deny(502, "sensitive-data-uninspected",
                        "The upstream's response could not be checked for sensitive data and was withheld.").toStage();
    }

    /** JSON, XML, text/* and form bodies: the media types that carry text a person could read. */
    static boolean isText(String contentType) {
        String type = mediaType(contentType);
        return type != null && (type.startsWith("text/") || type.endsWith("json") || type.endsWith("+xml")
                || type.equals("application/xml") || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/javascript"));
    }

    private static boolean isJson(String contentType) {
        String type = mediaType(contentType);
        return type != null && type.endsWith("json");
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The charset parameter (UTF-8 when absent, as for JSON); null when it names none Java knows. */
    private static Charset charsetOf(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Object kv(String key, Object value) {
        return net.logstash.logback.argument.StructuredArguments.kv(key, value);
    }
}

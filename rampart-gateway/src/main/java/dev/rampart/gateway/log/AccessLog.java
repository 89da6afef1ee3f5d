package dev.rampart.gateway.log;

import static net.logstash.logback.argument.StructuredArguments.entries;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one JSON line per request on logger {@code rampart.access}. The query string is
 * not logged (it often carries tokens or personal data); neither are header values. {@code principal}
 * is the authenticated caller's id (a JWT's subject), absent for anonymous requests.
 */
public final class AccessLog {

    private static final Logger log = LoggerFactory.getLogger("rampart.access");

    private final boolean enabled;
    private final java.util.function.UnaryOperator<String> freeText;

    public AccessLog(boolean enabled) {
        this(enabled, java.util.function.UnaryOperator.identity());
    }

    /** @param freeText applied to the path and user agent before they are written (audit.mask-pii) */
    public AccessLog(boolean enabled, java.util.function.UnaryOperator<String> freeText) {
        this.enabled = enabled;
        this.freeText = freeText;
    }

    /** What one request did. */
    public record Entry(
            String requestId,
            String clientIp,
            String method,
            String host,
            String path,
            String protocol,
            String route,
            String principal,
            int status,
            long bytesIn,
            long bytesOut,
            double durationMs,
            String upstream,
            double upstreamMs,
            String deniedBy,
            String code,
            String userAgent) {
    }

    public void write(Entry e) {
        if (!enabled || !log.isInfoEnabled()) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>(20);
        fields.put("request_id", e.requestId());
        fields.put("client_ip", e.clientIp());
        fields.put("method", e.method());
        fields.put("host", e.host());
        fields.put("path", freeText.apply(e.path()));
        fields.put("protocol", e.protocol());
        fields.put("route", e.route());
        if (e.principal() != null) {
            fields.put("principal", e.principal());
        }
        fields.put("status", e.status());
        fields.put("bytes_in", e.bytesIn());
        fields.put("bytes_out", e.bytesOut());
        fields.put("duration_ms", Math.round(e.durationMs() * 1000) / 1000.0);
        if (e.upstream() != null) {
            fields.put("upstream", e.upstream());
            fields.put("upstream_ms", Math.round(e.upstreamMs() * 1000) / 1000.0);
        }
        if (e.deniedBy() != null) {
            fields.put("denied_by", e.deniedBy());
            fields.put("code", e.code());
        }
        if (e.userAgent() != null) {
            String ua = e.userAgent();
            fields.put("user_agent", freeText.apply(ua.length() > 256 ? ua.substring(0, 256) : ua));
        }
        log.info("access", entries(fields));
    }

    public boolean enabled() {
        return enabled;
    }
}

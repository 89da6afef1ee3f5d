package dev.rampart.core.config;

/** The access log. */
public record AccessLogConfig(
        @Doc("Write one JSON line per request. Default true.") Boolean enabled) {

    public AccessLogConfig {
        enabled = enabled == null ? Boolean.TRUE : enabled;
    }

    public static AccessLogConfig defaults() {
        return new AccessLogConfig(null);
    }
}

package dev.rampart.core.config;

/** The client-facing listeners. */
public record ListenersConfig(
        @Doc("Plain HTTP listener.") HttpListenerConfig http,
        @Doc("TLS listener; enabled when present.") HttpsListenerConfig https) {

    public ListenersConfig {
        http = http == null ? HttpListenerConfig.defaults() : http;
    }

    public static ListenersConfig defaults() {
        return new ListenersConfig(null, null);
    }
}

package dev.rampart.core.config;

/** The admin listener. */
public record AdminConfig(
        @Doc("Serve the admin API at all. Default true.") Boolean enabled,
        @Doc("Address to bind. Default 127.0.0.1 (loopback only); any other address is a deliberate choice.")
        String host,
        @Doc("Port. Default 9090; 0 picks a free port.") Integer port) {

    public AdminConfig {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 9090 : port;
    }

    public static AdminConfig defaults() {
        return new AdminConfig(null, null, null);
    }
}

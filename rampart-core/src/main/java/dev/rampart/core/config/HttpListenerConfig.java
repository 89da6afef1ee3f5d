package dev.rampart.core.config;

/** The plain-HTTP listener. */
public record HttpListenerConfig(
        @Doc("Serve plain HTTP at all. Default true.") Boolean enabled,
        @Doc("Address to bind. Default 0.0.0.0.") String host,
        @Doc("Port. Default 8080; 0 picks a free port.") Integer port,
        @Doc("Answer every plain-HTTP request with a 308 redirect to the HTTPS listener. Default false.")
        Boolean redirectToHttps) {

    public HttpListenerConfig {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        host = host == null ? "0.0.0.0" : host;
        port = port == null ? 8080 : port;
        redirectToHttps = redirectToHttps == null ? Boolean.FALSE : redirectToHttps;
    }

    public static HttpListenerConfig defaults() {
        return new HttpListenerConfig(null, null, null, null);
    }
}

package dev.rampart.core.config;

import java.time.Duration;

/** The TLS listener: TLS 1.2 and 1.3 only, forward-secret AEAD cipher suites only. */
public record HttpsListenerConfig(
        @Doc("Address to bind. Default 0.0.0.0.") String host,
        @Doc("Port. Default 8443; 0 picks a free port.") Integer port,
        @Required @Doc("PEM file with the server certificate chain (leaf first).") String certificate,
        @Required @Doc("PEM file with the private key (PKCS#8 or PKCS#1).") String privateKey,
        @Doc("Lowest TLS version accepted: TLSv1.2 (default) or TLSv1.3.") String minVersion,
        @Doc("How often the certificate and key files are checked for change and reloaded. Default 10s.")
        Duration reloadCheckInterval,
        @Doc("Offer HTTP/2 through ALPN. Default true.") Boolean http2,
        @Doc("Client certificates (mutual TLS): 'none' (default) does not ask for one; 'request' asks and verifies "
                + "one when sent, routes decide with authentication.client-certificate; 'required' refuses the "
                + "TLS handshake without a valid one.") String clientAuth,
        @Doc("PEM file with the CA certificates that client certificates must chain to; needed with client-auth "
                + "request or required.") String clientCa) {

    public HttpsListenerConfig {
        host = host == null ? "0.0.0.0" : host;
        port = port == null ? 8443 : port;
        minVersion = minVersion == null ? "TLSv1.2" : minVersion;
        reloadCheckInterval = reloadCheckInterval == null ? Duration.ofSeconds(10) : reloadCheckInterval;
        http2 = http2 == null ? Boolean.TRUE : http2;
        clientAuth = clientAuth == null ? "none" : clientAuth;
    }
}

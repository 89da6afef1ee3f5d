package dev.rampart.gateway.server;

import dev.rampart.core.config.HttpsListenerConfig;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The TLS policy of the client-facing listener: TLS 1.2 and 1.3 only, and only cipher suites with
 * forward secrecy (ECDHE) and an AEAD cipher (GCM, ChaCha20-Poly1305), as in Mozilla's
 * "intermediate" profile without DHE. CBC suites (Lucky13, POODLE-class padding oracles), RSA key
 * exchange (no forward secrecy, ROBOT) and TLS 1.0/1.1 (RFC 8996) are never offered.
 */
public final class TlsSettings {

    /** TLS 1.3 suites (all AEAD and forward-secret by design) followed by the TLS 1.2 ECDHE+AEAD ones. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsSettings() {
    }

    /** Protocol versions from {@code min-version}: TLSv1.2 and TLSv1.3, or TLSv1.3 alone. */
    public static Set<String> protocols(HttpsListenerConfig cfg) {
        return "TLSv1.3".equals(cfg.minVersion()) ? Set.of("TLSv1.3") : new LinkedHashSet<>(List.of("TLSv1.2", "TLSv1.3"));
    }

    /** SSL options for {@link io.vertx.core.http.HttpServer#updateSSLOptions} when the certificate changes. */
    public static ServerSSLOptions serverSslOptions(HttpsListenerConfig cfg, Path baseDir) {
        ServerSSLOptions ssl = new ServerSSLOptions()
                .setKeyCertOptions(keyCert(cfg, baseDir))
                .setEnabledSecureTransportProtocols(protocols(cfg))
                .setUseAlpn(cfg.http2())
                .setClientAuth(clientAuth(cfg));
        if (!"none".equals(cfg.clientAuth())) {
            ssl.setTrustOptions(clientCa(cfg, baseDir));
        }
        CIPHER_SUITES.forEach(ssl::addEnabledCipherSuite);
        return ssl;
    }

    /** Applies the TLS policy to a listener's options. */
    public static HttpServerOptions apply(HttpServerOptions options, HttpsListenerConfig cfg, Path baseDir) {
        options.setSsl(true)
                .setKeyCertOptions(keyCert(cfg, baseDir))
                .setEnabledSecureTransportProtocols(protocols(cfg))
                .setUseAlpn(cfg.http2())
                .setAlpnVersions(cfg.http2() ? List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1) : List.of(HttpVersion.HTTP_1_1))
                .setSslHandshakeTimeout(10)
                .setClientAuth(clientAuth(cfg));
        if (!"none".equals(cfg.clientAuth())) {
            options.setTrustOptions(clientCa(cfg, baseDir));
        }
        CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        return options;
    }

    /** {@code client-auth}: none, request (verify one when sent) or required (no handshake without one). */
    static ClientAuth clientAuth(HttpsListenerConfig cfg) {
        return switch (cfg.clientAuth()) {
            case "request" -> ClientAuth.REQUEST;
            case "required" -> ClientAuth.REQUIRED;
            default -> ClientAuth.NONE;
        };
    }

    /** The CAs client certificates must chain to: only these, never the JDK's public roots. */
    static PemTrustOptions clientCa(HttpsListenerConfig cfg, Path baseDir) {
        return new PemTrustOptions().addCertPath(resolve(baseDir, cfg.clientCa()).toString());
    }

    static PemKeyCertOptions keyCert(HttpsListenerConfig cfg, Path baseDir) {
        return new PemKeyCertOptions()
                .setCertPath(resolve(baseDir, cfg.certificate()).toString())
                .setKeyPath(resolve(baseDir, cfg.privateKey()).toString());
    }

    static Path resolve(Path baseDir, String file) {
        Path p = Path.of(file);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
    }
}

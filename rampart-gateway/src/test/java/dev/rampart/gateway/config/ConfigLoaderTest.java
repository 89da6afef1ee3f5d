package dev.rampart.gateway.config;

import static dev.rampart.gateway.config.TestConfigs.ROUTE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.CorsConfig;
import dev.rampart.core.config.DataSize;
import dev.rampart.core.config.EventsConfig;
import dev.rampart.core.config.HttpsListenerConfig;
import dev.rampart.core.config.RampartConfig;
import dev.rampart.core.config.RouteConfig;
import dev.rampart.core.config.SecurityHeadersConfig;
import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.UpstreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading good configs: the demo, defaults, and every key bound from its kebab-case name. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheDemoConfigWithoutWarnings() {
        LoadedConfig loaded = ConfigLoader.load(TestConfigs.demo(dir));

        RampartConfig c = loaded.config();
        assertThat(c.routes()).extracting(RouteConfig::id).containsExactly("hello", "orders", "internal");
        assertThat(c.routes().get(1).match().path()).isEqualTo("/api/orders/{id}");
        assertThat(c.routes().get(1).maxBodySize()).isEqualTo(DataSize.ofKilobytes(16));
        assertThat(c.routes().get(2).ipFilter().allow()).containsExactly("10.0.0.0/8");
        assertThat(c.securityHeaders().extra()).containsEntry("X-Permitted-Cross-Domain-Policies", "none");
        assertThat(c.limits().maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void givesTheFileAbsoluteAndItsDirectoryAsBaseDir() {
        TestConfigs.write(dir, ROUTE);

        LoadedConfig loaded = ConfigLoader.load(dir.resolve("sub/../rampart.yaml"));

        assertThat(loaded.file()).isEqualTo(dir.resolve("rampart.yaml").toAbsolutePath());
        assertThat(loaded.baseDir()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void fillsEveryDefaultForAMinimalConfig() {
        RampartConfig c = TestConfigs.load(dir, ROUTE).config();

        assertThat(c.listeners().http().port()).isEqualTo(8080);
        assertThat(c.listeners().http().host()).isEqualTo("0.0.0.0");
        assertThat(c.listeners().http().enabled()).isTrue();
        assertThat(c.listeners().https()).isNull();
        assertThat(c.admin().host()).isEqualTo("127.0.0.1");
        assertThat(c.admin().port()).isEqualTo(9090);
        assertThat(c.limits().maxHeaderSize()).isEqualTo(DataSize.ofKilobytes(16));
        assertThat(c.limits().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.store().type()).isEqualTo(StoreConfig.Kind.sqlite);
        assertThat(c.store().dataDir()).isEqualTo("./rampart-data");
        assertThat(c.events().queueCapacity()).isEqualTo(10_000);
        assertThat(c.events().whenFull()).isEqualTo(EventsConfig.WhenFull.drop);
        assertThat(c.accessLog().enabled()).isTrue();
        assertThat(c.trustedHosts()).isEmpty();
        UpstreamConfig upstream = c.routes().get(0).upstream();
        assertThat(upstream.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(upstream.failureThreshold()).isEqualTo(3);
        assertThat(upstream.maxConnections()).isEqualTo(64);
        assertThat(c.routes().get(0).cors()).isNull();
        assertThat(c.routes().get(0).securityHeaders()).isEqualTo(SecurityHeadersConfig.inherit());
    }

    @Test
    void bindsEveryKeyOfEverySectionFromItsKebabCaseName() {
        TestConfigs.write(dir, "tls/cert.pem", "certificate");
        TestConfigs.write(dir, "tls/key.pem", "key");
        TestConfigs.write(dir, "ca.pem", "ca");
        RampartConfig c = TestConfigs.load(dir, """
                listeners:
                  http:
                    enabled: true
                    host: 127.0.0.1
                    port: 8081
                    redirect-to-https: true
                  https:
                    host: 127.0.0.1
                    port: 8444
                    certificate: tls/cert.pem
                    private-key: tls/key.pem
                    min-version: TLSv1.3
                    reload-check-interval: 30s
                    http2: false
                admin:
                  enabled: true
                  host: ::1
                  port: 9091
                limits:
                  max-header-size: 32KB
                  max-header-count: 50
                  max-uri-length: 4KB
                  max-body-size: 2MB
                  header-read-timeout: 5s
                  body-read-timeout: 20s
                  idle-timeout: 2m
                trusted-hosts: [api.example.com, "*.example.org"]
                trusted-proxies: [10.0.0.0/8]
                ip-filter:
                  allow: [192.0.2.0/24]
                  deny: [192.0.2.7]
                security-headers:
                  strict-transport-security: max-age=63072000
                  content-type-options: nosniff
                  frame-options: SAMEORIGIN
                  referrer-policy: same-origin
                  content-security-policy: default-src 'self'
                  permissions-policy: camera=()
                  cross-origin-opener-policy: same-origin-allow-popups
                  cross-origin-resource-policy: cross-origin
                  cross-origin-embedder-policy: require-corp
                  extra:
                    X-Robots-Tag: noindex
                  hide: [Server]
                events:
                  queue-capacity: 500
                  when-full: backpressure
                store:
                  type: postgresql
                  data-dir: /var/lib/rampart
                  url: jdbc:postgresql://db:5432/rampart
                  username: rampart
                  password: ${RAMPART_TEST_UNSET_PASSWORD:-from-default}
                  pool-size: 4
                access-log:
                  enabled: false
                routes:
                  - id: orders.v1
                    match:
                      hosts: [api.example.com]
                      path: /orders/{id}
                      methods: [GET, PUT]
                    upstream:
                      urls: [https://orders.internal/v1, http://10.0.0.6:8080]
                      connect-timeout: 2s
                      response-timeout: 15s
                      failure-threshold: 5
                      failure-cooldown: 1m
                      preserve-host: true
                      strip-prefix: /orders
                      max-connections: 16
                      trusted-ca: ca.pem
                    max-body-size: 64KB
                    ip-filter:
                      deny: [203.0.113.0/24]
                    security-headers:
                      frame-options: "off"
                    cors:
                      allowed-origins: ["https://app.example.com"]
                      allowed-methods: [GET, PUT]
                      allowed-headers: [X-Api-Key]
                      exposed-headers: [X-Request-Id]
                      allow-credentials: true
                      max-age: 1h
                      allow-private-network: true
                """).config();

        assertThat(c.listeners().http().redirectToHttps()).isTrue();
        assertThat(c.listeners().http().port()).isEqualTo(8081);
        HttpsListenerConfig https = c.listeners().https();
        assertThat(https.certificate()).isEqualTo("tls/cert.pem");
        assertThat(https.privateKey()).isEqualTo("tls/key.pem");
        assertThat(https.minVersion()).isEqualTo("TLSv1.3");
        assertThat(https.reloadCheckInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(https.http2()).isFalse();
        assertThat(c.admin().host()).isEqualTo("::1");
        assertThat(c.admin().port()).isEqualTo(9091);
        assertThat(c.limits().maxHeaderSize()).isEqualTo(DataSize.ofKilobytes(32));
        assertThat(c.limits().maxHeaderCount()).isEqualTo(50);
        assertThat(c.limits().maxUriLength()).isEqualTo(DataSize.ofKilobytes(4));
        assertThat(c.limits().maxBodySize()).isEqualTo(DataSize.ofMegabytes(2));
        assertThat(c.limits().headerReadTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.limits().bodyReadTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.limits().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.trustedHosts()).containsExactly("api.example.com", "*.example.org");
        assertThat(c.trustedProxies()).containsExactly("10.0.0.0/8");
        assertThat(c.ipFilter().allow()).containsExactly("192.0.2.0/24");
        assertThat(c.ipFilter().deny()).containsExactly("192.0.2.7");
        SecurityHeadersConfig headers = c.securityHeaders();
        assertThat(headers.strictTransportSecurity()).isEqualTo("max-age=63072000");
        assertThat(headers.frameOptions()).isEqualTo("SAMEORIGIN");
        assertThat(headers.referrerPolicy()).isEqualTo("same-origin");
        assertThat(headers.contentSecurityPolicy()).isEqualTo("default-src 'self'");
        assertThat(headers.permissionsPolicy()).isEqualTo("camera=()");
        assertThat(headers.crossOriginOpenerPolicy()).isEqualTo("same-origin-allow-popups");
        assertThat(headers.crossOriginResourcePolicy()).isEqualTo("cross-origin");
        assertThat(headers.crossOriginEmbedderPolicy()).isEqualTo("require-corp");
        assertThat(headers.extra()).isEqualTo(Map.of("X-Robots-Tag", "noindex"));
        assertThat(headers.hide()).containsExactly("Server");
        assertThat(c.events().queueCapacity()).isEqualTo(500);
        assertThat(c.events().whenFull()).isEqualTo(EventsConfig.WhenFull.backpressure);
        assertThat(c.store().type()).isEqualTo(StoreConfig.Kind.postgresql);
        assertThat(c.store().dataDir()).isEqualTo("/var/lib/rampart");
        assertThat(c.store().url()).isEqualTo("jdbc:postgresql://db:5432/rampart");
        assertThat(c.store().username()).isEqualTo("rampart");
        assertThat(c.store().password()).isEqualTo("from-default");
        assertThat(c.store().poolSize()).isEqualTo(4);
        assertThat(c.accessLog().enabled()).isFalse();

        RouteConfig route = c.routes().get(0);
        assertThat(route.id()).isEqualTo("orders.v1");
        assertThat(route.match().hosts()).containsExactly("api.example.com");
        assertThat(route.match().methods()).containsExactly("GET", "PUT");
        UpstreamConfig upstream = route.upstream();
        assertThat(upstream.urls()).containsExactly("https://orders.internal/v1", "http://10.0.0.6:8080");
        assertThat(upstream.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(upstream.responseTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(upstream.failureThreshold()).isEqualTo(5);
        assertThat(upstream.failureCooldown()).isEqualTo(Duration.ofMinutes(1));
        assertThat(upstream.preserveHost()).isTrue();
        assertThat(upstream.stripPrefix()).isEqualTo("/orders");
        assertThat(upstream.maxConnections()).isEqualTo(16);
        assertThat(upstream.trustedCa()).isEqualTo("ca.pem");
        assertThat(route.maxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
        assertThat(route.ipFilter().deny()).containsExactly("203.0.113.0/24");
        assertThat(route.securityHeaders().frameOptions()).isEqualTo("off");
        CorsConfig cors = route.cors();
        assertThat(cors.allowedOrigins()).containsExactly("https://app.example.com");
        assertThat(cors.allowedMethods()).containsExactly("GET", "PUT");
        assertThat(cors.allowedHeaders()).containsExactly("X-Api-Key");
        assertThat(cors.exposedHeaders()).containsExactly("X-Request-Id");
        assertThat(cors.allowCredentials()).isTrue();
        assertThat(cors.maxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(cors.allowPrivateNetwork()).isTrue();
    }

    @Test
    void treatsAKnownKeyWithoutValueAsAbsent() {
        RampartConfig c = TestConfigs.load(dir, """
                listeners:
                admin:
                routes:
                  - id: main
                    match:
                      path-prefix: /
                    upstream:
                      urls: [http://127.0.0.1:9000]
                    cors: null
                """).config();

        assertThat(c.listeners().http().port()).isEqualTo(8080);
        assertThat(c.admin().port()).isEqualTo(9090);
        assertThat(c.routes().get(0).cors()).isNull();
    }

    @Test
    void acceptsSizesWithBinaryUnitsAndSpaces() {
        RampartConfig c = TestConfigs.load(dir, "limits:\n  max-body-size: 2 MiB\n  max-uri-length: 512\n" + ROUTE).config();

        assertThat(c.limits().maxBodySize()).isEqualTo(DataSize.ofMegabytes(2));
        assertThat(c.limits().maxUriLength()).isEqualTo(DataSize.ofBytes(512));
    }

    @Test
    void keepsHeaderNamesOfFreeMapsAsWritten() {
        RampartConfig c = TestConfigs.load(dir, """
                security-headers:
                  extra:
                    X-Custom_Header: a
                    x-lower-case: b
                """ + ROUTE).config();

        assertThat(c.securityHeaders().extra()).containsOnlyKeys("X-Custom_Header", "x-lower-case");
        assertThat(List.copyOf(c.routes())).hasSize(1);
    }
}

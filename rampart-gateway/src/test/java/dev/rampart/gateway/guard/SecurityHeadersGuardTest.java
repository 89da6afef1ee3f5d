package dev.rampart.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.core.config.SecurityHeadersConfig;
import dev.rampart.gateway.guard.TestExchange.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersGuardTest {

    private static final SecurityHeadersConfig INHERIT = SecurityHeadersConfig.inherit();

    private static SecurityHeadersConfig withCsp(String csp) {
        return new SecurityHeadersConfig(null, null, null, null, csp, null, null, null, null, null, null);
    }

    private static SecurityHeadersConfig withHsts(String hsts) {
        return new SecurityHeadersConfig(hsts, null, null, null, null, null, null, null, null, null, null);
    }

    private static SecurityHeadersConfig withExtraAndHide(Map<String, String> extra, List<String> hide) {
        return new SecurityHeadersConfig(null, null, null, null, null, null, null, null, null, extra, hide);
    }

    private static Response respond(SecurityHeadersGuard guard, String scheme, Response response) {
        guard.onResponse(TestExchange.get(scheme, "api.example.com", "/"), response);
        return response;
    }

    @Test
    void setsTheDefaultHeadersOnAProxiedHttpsResponse() {
        SecurityHeadersGuard guard = SecurityHeadersGuard.from(INHERIT, INHERIT, "routes[0].security-headers");

        Response response = respond(guard, "https", Response.proxied(200));

        assertThat(response.headers().get("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.headers().get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.headers().get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.headers().get("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(response.headers().get("Permissions-Policy")).startsWith("camera=()");
        assertThat(response.headers().get("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(response.headers().get("Cross-Origin-Resource-Policy")).isEqualTo("same-origin");
    }

    @Test
    void setsTheHeadersOnADeniedResponseToo() {
        SecurityHeadersGuard guard = SecurityHeadersGuard.from(null, null, "routes[0].security-headers");

        Response response = respond(guard, "https", Response.generated(403).header("Content-Type", "application/problem+json"));

        assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.headers().get("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(response.headers().get("Strict-Transport-Security")).isNotNull();
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void sendsStrictTransportSecurityOnlyOnHttps() {
        SecurityHeadersGuard guard = SecurityHeadersGuard.from(INHERIT, INHERIT, "routes[0].security-headers");

        Response plain = respond(guard, "http", Response.proxied(200));

        assertThat(plain.headers().contains("Strict-Transport-Security")).isFalse();
        assertThat(plain.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void removesAnUpstreamStrictTransportSecurityFromPlainHttpResponses() {
        SecurityHeadersGuard guard = SecurityHeadersGuard.from(withHsts("off"), INHERIT, "routes[0].security-headers");

        Response plain = respond(guard, "http", Response.proxied(200).header("Strict-Transport-Security", "max-age=60"));

        assertThat(plain.headers().contains("Strict-Transport-Security")).isFalse();
    }

    @Test
    void overridesTheUpstreamValueOfAManagedHeader() {
        SecurityHeadersGuard guard = SecurityHeadersGuard.from(INHERIT, INHERIT, "routes[0].security-headers");

        Response response = respond(guard, "https", Response.proxied(200)
                .header("X-Frame-Options", "ALLOWALL")
                .header("x-content-type-options", "sniff-away"));

        assertThat(response.headers().getAll("X-Frame-Options")).containsExactly("DENY");
        assertThat(response.headers().getAll("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void headerSetOffIsNotSentAndTheUpstreamValuePassesThrough() {
        SecurityHeadersGuard guard = SecurityHeadersGuard.from(INHERIT, withCsp("off"), "routes[0].security-headers");

        Response bare = respond(guard, "https", Response.proxied(200));
        Response own = respond(guard, "https", Response.proxied(200).header("Content-Security-Policy", "default-src 'self'"));

        assertThat(bare.headers().contains("Content-Security-Policy")).isFalse();
        assertThat(own.headers().getAll("Content-Security-Policy")).containsExactly("default-src 'self'");
    }

    @Test
    void crossOriginEmbedderPolicyIsOffByDefault() {
        SecurityHeadersGuard guard = SecurityHeadersGuard.from(INHERIT, INHERIT, "routes[0].security-headers");

        assertThat(respond(guard, "https", Response.proxied(200)).headers().contains("Cross-Origin-Embedder-Policy"))
                .isFalse();
    }

    @Test
    void routeValueOverridesGlobalWhichOverridesDefaults() {
        SecurityHeadersConfig global = new SecurityHeadersConfig(null, null, "SAMEORIGIN", null, "default-src 'self'",
                null, null, null, null, null, null);
        SecurityHeadersConfig route = withCsp("default-src 'self'; img-src https:");

        Response response = respond(SecurityHeadersGuard.from(global, route, "routes[0].security-headers"), "https",
                Response.proxied(200));

        assertThat(response.headers().get("Content-Security-Policy")).isEqualTo("default-src 'self'; img-src https:");
        assertThat(response.headers().get("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(response.headers().get("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void removesServerAndPoweredByHeadersByDefault() {
        SecurityHeadersGuard guard = SecurityHeadersGuard.from(INHERIT, INHERIT, "routes[0].security-headers");

        Response response = respond(guard, "https", Response.proxied(200)
                .header("Server", "Apache/2.4.49 (Unix)")
                .header("x-powered-by", "PHP/7.4.3")
                .header("X-AspNet-Version", "4.0.30319")
                .header("ETag", "\"abc\""));

        assertThat(response.headers().contains("Server")).isFalse();
        assertThat(response.headers().contains("X-Powered-By")).isFalse();
        assertThat(response.headers().contains("X-AspNet-Version")).isFalse();
        assertThat(response.headers().get("ETag")).isEqualTo("\"abc\"");
    }

    @Test
    void addsExtraHeadersAndAHiddenExtraReplacesTheUpstreamValue() {
        SecurityHeadersConfig route = withExtraAndHide(
                Map.of("X-Permitted-Cross-Domain-Policies", "none", "Server", "rampart"), null);
        SecurityHeadersGuard guard = SecurityHeadersGuard.from(INHERIT, route, "routes[0].security-headers");

        Response response = respond(guard, "https", Response.proxied(200).header("Server", "nginx/1.18.0"));

        assertThat(response.headers().get("X-Permitted-Cross-Domain-Policies")).isEqualTo("none");
        assertThat(response.headers().getAll("Server")).containsExactly("rampart");
    }

    @Test
    void routeHideListReplacesTheInheritedOne() {
        SecurityHeadersGuard guard = SecurityHeadersGuard.from(INHERIT, withExtraAndHide(null, List.of("X-Debug-Token")),
                "routes[0].security-headers");

        Response response = respond(guard, "https", Response.proxied(200)
                .header("X-Debug-Token", "a1b2")
                .header("Server", "nginx"));

        assertThat(response.headers().contains("X-Debug-Token")).isFalse();
        assertThat(response.headers().get("Server")).isEqualTo("nginx");
    }

    @Test
    void rejectsAValueWithALineBreakNamingTheConfigKey() {
        assertThatThrownBy(() -> SecurityHeadersGuard.from(INHERIT, withCsp("default-src 'self'\r\nSet-Cookie: a=b"),
                "routes[3].security-headers"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routes[3].security-headers.content-security-policy")
                .hasMessageContaining("line break");
        assertThatThrownBy(() -> SecurityHeadersGuard.from(
                withExtraAndHide(Map.of("X-Note", "a\nb"), null), INHERIT, "routes[3].security-headers"))
                .hasMessageContaining("security-headers.extra.X-Note")
                .hasMessageContaining("line break");
    }

    @Test
    void rejectsAnEmptyValueSuggestingOff() {
        assertThatThrownBy(() -> SecurityHeadersGuard.from(withHsts(""), INHERIT, "routes[0].security-headers"))
                .hasMessageContaining("security-headers.strict-transport-security")
                .hasMessageContaining("'off'");
    }

    @Test
    void rejectsExtraHeadersThatHaveTheirOwnKeyOrFrameTheMessage() {
        assertThatThrownBy(() -> SecurityHeadersGuard.from(INHERIT,
                withExtraAndHide(Map.of("content-security-policy", "default-src 'self'"), null), "routes[1].security-headers"))
                .hasMessageContaining("routes[1].security-headers.extra.content-security-policy")
                .hasMessageContaining("routes[1].security-headers.content-security-policy");
        assertThatThrownBy(() -> SecurityHeadersGuard.from(INHERIT,
                withExtraAndHide(Map.of("Content-Length", "0"), null), "routes[1].security-headers"))
                .hasMessageContaining("Content-Length")
                .hasMessageContaining("frames the HTTP message");
        assertThatThrownBy(() -> SecurityHeadersGuard.from(INHERIT,
                withExtraAndHide(null, List.of("Server", "Transfer-Encoding")), "routes[1].security-headers"))
                .hasMessageContaining("routes[1].security-headers.hide[1]");
        assertThatThrownBy(() -> SecurityHeadersGuard.from(INHERIT,
                withExtraAndHide(Map.of("Bad Name", "x"), null), "routes[1].security-headers"))
                .hasMessageContaining("is not a header name");
    }

    @Test
    void isNamedSecurityHeaders() {
        assertThat(SecurityHeadersGuard.from(null, null, "routes[0].security-headers").name())
                .isEqualTo("security-headers");
    }
}

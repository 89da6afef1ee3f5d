package dev.rampart.core.config;

import java.util.List;
import java.util.Map;

/**
 * Security response headers. A key left out inherits (route from global, global from Rampart's
 * defaults); the value {@code off} removes that header. Values are sent as written.
 */
public record SecurityHeadersConfig(
        @Doc("Strict-Transport-Security, sent on HTTPS responses only (RFC 6797 §7.2). "
                + "Default 'max-age=31536000; includeSubDomains'.") String strictTransportSecurity,
        @Doc("X-Content-Type-Options. Default 'nosniff'.") String contentTypeOptions,
        @Doc("X-Frame-Options. Default 'DENY'.") String frameOptions,
        @Doc("Referrer-Policy. Default 'no-referrer'.") String referrerPolicy,
        @Doc("Content-Security-Policy. Default \"default-src 'none'; frame-ancestors 'none'\" (right for JSON APIs; "
                + "routes serving HTML set their own).") String contentSecurityPolicy,
        @Doc("Permissions-Policy. Default 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'.")
        String permissionsPolicy,
        @Doc("Cross-Origin-Opener-Policy. Default 'same-origin'.") String crossOriginOpenerPolicy,
        @Doc("Cross-Origin-Resource-Policy. Default 'same-origin'.") String crossOriginResourcePolicy,
        @Doc("Cross-Origin-Embedder-Policy. Default off.") String crossOriginEmbedderPolicy,
        @Doc("Further headers to set, name to value.") Map<String, String> extra,
        @Doc("Response headers removed because they reveal the stack. Default [Server, X-Powered-By, "
                + "X-AspNet-Version, X-AspNetMvc-Version].") List<String> hide) {

    /** The value that switches a header off. */
    public static final String OFF = "off";

    public SecurityHeadersConfig {
        extra = extra == null ? null : Map.copyOf(extra);
        hide = hide == null ? null : List.copyOf(hide);
    }

    /** Everything inherited. */
    public static SecurityHeadersConfig inherit() {
        return new SecurityHeadersConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Rampart's defaults, the base every config inherits from. */
    public static SecurityHeadersConfig defaults() {
        return new SecurityHeadersConfig(
                "max-age=31536000; includeSubDomains",
                "nosniff",
                "DENY",
                "no-referrer",
                "default-src 'none'; frame-ancestors 'none'",
                "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
                "same-origin",
                "same-origin",
                OFF,
                Map.of(),
                List.of("Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version"));
    }

    /** This config with every unset key taken from {@code base}. */
    public SecurityHeadersConfig over(SecurityHeadersConfig base) {
        return new SecurityHeadersConfig(
                pick(strictTransportSecurity, base.strictTransportSecurity),
                pick(contentTypeOptions, base.contentTypeOptions),
                pick(frameOptions, base.frameOptions),
                pick(referrerPolicy, base.referrerPolicy),
                pick(contentSecurityPolicy, base.contentSecurityPolicy),
                pick(permissionsPolicy, base.permissionsPolicy),
                pick(crossOriginOpenerPolicy, base.crossOriginOpenerPolicy),
                pick(crossOriginResourcePolicy, base.crossOriginResourcePolicy),
                pick(crossOriginEmbedderPolicy, base.crossOriginEmbedderPolicy),
                pick(extra, base.extra),
                pick(hide, base.hide));
    }

    private static <T> T pick(T own, T inherited) {
        return own != null ? own : inherited;
    }
}
